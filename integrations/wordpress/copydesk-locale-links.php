<?php
/**
 * Plugin Name: Copydesk locale links
 * Description: Lets Copydesk link the language versions of an article (post meta `locale` and `translation_group`) and recognise images it already uploaded (attachment meta `copydesk_hash`), through the REST API.
 * Version: 1.0.0
 * Requires at least: 5.5
 * Requires PHP: 7.2
 * License: MIT OR Apache-2.0
 *
 * Works as a normal plugin (wp-content/plugins/) or as a must-use plugin
 * (copy this one file into wp-content/mu-plugins/). It stores nothing of its
 * own: it only makes three meta keys visible, writable and searchable through
 * the REST API for users who may edit the post.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** Post types whose language versions Copydesk links. */
function copydesk_locale_links_post_types() {
	return apply_filters( 'copydesk_locale_links_post_types', array( 'post', 'page' ) );
}

/**
 * Query parameters this plugin adds to REST collections, and the meta key each
 * one searches. Only these keys are searchable: a generic `meta_key` look-up
 * would let any REST client probe private meta of other plugins.
 */
function copydesk_locale_links_query_params( $post_type ) {
	if ( 'attachment' === $post_type ) {
		return array( 'copydesk_hash' => 'copydesk_hash' );
	}
	return array(
		'copydesk_locale' => 'locale',
		'copydesk_group'  => 'translation_group',
	);
}

/** Locale tags (BCP 47, e.g. `fr`, `pt-BR`, `zh-Hant-TW`), at most 35 characters. */
function copydesk_locale_links_sanitize_locale( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	return preg_match( '/^[A-Za-z0-9]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/', $value ) && strlen( $value ) <= 35 ? $value : '';
}

/** Opaque ids (Copydesk sends a UUID; other tools may send anything printable), at most 191 characters. */
function copydesk_locale_links_sanitize_token( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	return preg_match( '/^[A-Za-z0-9._:-]{1,191}$/', $value ) ? $value : '';
}

add_action(
	'init',
	function () {
		$common = array(
			'type'          => 'string',
			'single'        => true,
			'show_in_rest'  => true,
			// Same rule as the content itself: whoever may edit the post may change its links.
			'auth_callback' => function ( $allowed, $meta_key, $object_id ) {
				return current_user_can( 'edit_post', $object_id );
			},
		);
		foreach ( copydesk_locale_links_post_types() as $post_type ) {
			register_post_meta(
				$post_type,
				'locale',
				$common + array(
					'description'       => 'Language of this version (BCP 47 tag), set by Copydesk.',
					'sanitize_callback' => 'copydesk_locale_links_sanitize_locale',
				)
			);
			register_post_meta(
				$post_type,
				'translation_group',
				$common + array(
					'description'       => 'Id shared by every language version of one article, set by Copydesk.',
					'sanitize_callback' => 'copydesk_locale_links_sanitize_token',
				)
			);
		}
		register_post_meta(
			'attachment',
			'copydesk_hash',
			$common + array(
				'description'       => 'Content hash of the uploaded file, so that Copydesk uploads each image once.',
				'sanitize_callback' => 'copydesk_locale_links_sanitize_token',
			)
		);
	}
);

/**
 * Declares the look-up parameters on the collections (so they show in the
 * REST index and are sanitised by WordPress before our query filter sees them).
 */
function copydesk_locale_links_collection_params( $params, $post_type ) {
	foreach ( copydesk_locale_links_query_params( $post_type->name ) as $param => $meta_key ) {
		$params[ $param ] = array(
			'description' => sprintf( 'Limit results to items whose `%s` meta equals this value (Copydesk locale links).', $meta_key ),
			'type'        => 'string',
		);
	}
	return $params;
}

/**
 * Turns `?copydesk_locale=fr&copydesk_group=…` (or `?meta_key=locale&meta_value=fr`,
 * for the keys of this plugin only) into a meta query.
 */
function copydesk_locale_links_rest_query( $args, $request ) {
	$post_type = isset( $args['post_type'] ) && is_string( $args['post_type'] ) ? $args['post_type'] : 'post';
	$params    = copydesk_locale_links_query_params( $post_type );
	$clauses   = array();
	foreach ( $params as $param => $meta_key ) {
		$value = $request->get_param( $param );
		if ( is_string( $value ) && '' !== $value ) {
			$clauses[] = array(
				'key'     => $meta_key,
				'value'   => $value,
				'compare' => '=',
			);
		}
	}
	$meta_key   = $request->get_param( 'meta_key' );
	$meta_value = $request->get_param( 'meta_value' );
	if ( is_string( $meta_key ) && in_array( $meta_key, array_values( $params ), true ) && is_string( $meta_value ) && '' !== $meta_value ) {
		$clauses[] = array(
			'key'     => $meta_key,
			'value'   => $meta_value,
			'compare' => '=',
		);
	}
	if ( $clauses ) {
		$existing = isset( $args['meta_query'] ) && is_array( $args['meta_query'] ) ? $args['meta_query'] : array();
		// Every condition must hold: a look-up by group and locale must never match another article's version.
		$args['meta_query'] = array_merge( array( 'relation' => 'AND' ), $clauses, $existing ? array( $existing ) : array() );
	}
	return $args;
}

add_action(
	'rest_api_init',
	function () {
		foreach ( array_merge( copydesk_locale_links_post_types(), array( 'attachment' ) ) as $post_type ) {
			add_filter( "rest_{$post_type}_collection_params", 'copydesk_locale_links_collection_params', 10, 2 );
			add_filter( "rest_{$post_type}_query", 'copydesk_locale_links_rest_query', 10, 2 );
		}
	},
	// Before WordPress builds the routes' argument lists from the collection params.
	5
);

/**
 * A media upload's body is the file itself, so it cannot carry `meta`:
 * `POST /wp/v2/media?copydesk_hash=…` stores the hash in the same request.
 * Storing it afterwards in a second request would leave an unmarked image
 * behind whenever that second request is lost, and the next publish would
 * upload it again.
 */
add_action(
	'rest_after_insert_attachment',
	function ( $attachment, $request, $creating ) {
		$hash = copydesk_locale_links_sanitize_token( $request->get_param( 'copydesk_hash' ) );
		if ( $creating && '' !== $hash && current_user_can( 'edit_post', $attachment->ID ) ) {
			update_post_meta( $attachment->ID, 'copydesk_hash', $hash );
		}
	},
	10,
	3
);

/** Lets a client see that the plugin is active (GET /wp-json/ → `copydesk_locale_links`). */
add_filter(
	'rest_index',
	function ( $response ) {
		$data                           = $response->get_data();
		$data['copydesk_locale_links'] = '1.0.0';
		$response->set_data( $data );
		return $response;
	}
);
