<?php
// Installs WordPress into the empty database of the harness and prints the
// credentials the tests use as one JSON object. Run by start.sh with php-cli:
//   php install.php WP_ROOT URL
if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}
[ , $root, $url ] = $argv;
define( 'WP_INSTALLING', true );
$host                    = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['HTTP_HOST']    = $host;
$_SERVER['SERVER_NAME']  = parse_url( $url, PHP_URL_HOST );
$_SERVER['REQUEST_URI']  = '/';
$_SERVER['SERVER_PORT']  = parse_url( $url, PHP_URL_PORT );
$_SERVER['REQUEST_METHOD'] = 'GET';
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-includes/class-wp-application-passwords.php';

// wp_install prints nothing useful but may echo notices: keep stdout for JSON.
ob_start();
$result = wp_install( 'Copydesk test site', 'admin', 'admin@example.test', true, '', 'admin-login-password' );
ob_end_clean();
if ( empty( $result['user_id'] ) ) {
	fwrite( STDERR, "wp_install failed\n" );
	exit( 1 );
}
$admin_id = (int) $result['user_id'];
// Pretty permalinks: /wp-json/… routes and post links like a real site.
update_option( 'permalink_structure', '/%postname%/' );
flush_rewrite_rules( false );

// A second editor, to change posts "as someone else" in conflict tests.
$editor_id = wp_insert_user(
	array(
		'user_login' => 'editor',
		'user_pass'  => 'editor-login-password',
		'user_email' => 'editor@example.test',
		'role'       => 'editor',
	)
);
if ( is_wp_error( $editor_id ) ) {
	fwrite( STDERR, 'creating the editor failed: ' . $editor_id->get_error_message() . "\n" );
	exit( 1 );
}

$admin_pw  = WP_Application_Passwords::create_new_application_password( $admin_id, array( 'name' => 'copydesk-tests' ) );
$editor_pw = WP_Application_Passwords::create_new_application_password( $editor_id, array( 'name' => 'copydesk-tests' ) );
if ( is_wp_error( $admin_pw ) || is_wp_error( $editor_pw ) ) {
	fwrite( STDERR, "creating application passwords failed\n" );
	exit( 1 );
}
echo json_encode(
	array(
		'user'            => 'admin',
		'password'        => $admin_pw[0],
		'editor_user'     => 'editor',
		'editor_password' => $editor_pw[0],
	)
);
