<?php
// Router for `php -S`: the built-in server treats any path with a dot as a
// file and answers 404 when it does not exist, which breaks WordPress's pretty
// URLs (REST routes, slugs with dots). Serve real files as they are, send
// everything else to WordPress's front controller.
$path = rawurldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) ?? '/' );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( '/' !== $path && ! str_contains( $path, '..' ) ) {
	if ( is_file( $file ) ) {
		return false;
	}
	if ( is_dir( $file ) && is_file( rtrim( $file, '/' ) . '/index.php' ) ) {
		return false;
	}
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
