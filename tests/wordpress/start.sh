#!/usr/bin/env bash
# Starts a private, throw-away WordPress on 127.0.0.1 for the publishing tests:
# MariaDB (own data folder, own port) + a copy of Debian's WordPress served by
# `php -S`, with Copydesk's locale-links plugin as a must-use plugin.
#
#   tests/wordpress/start.sh DIR     prints one JSON line on stdout:
#     {"url":…,"user":…,"password":…,"editor_user":…,"editor_password":…,"pids":[…],"dir":…}
#   tests/wordpress/stop.sh DIR      stops it (safe to call any number of times)
#
# DIR is wiped and reused: a previous instance left in DIR is stopped first, so
# runs can be repeated after a crash. Every daemon runs in its own process
# group, listed in DIR/pids; stop.sh sends SIGTERM to the groups.
# COPYDESK_WP_WATCH_PID=PID: also stop everything once that process exits (the
# test binary passes its own pid, so even a killed test run leaves nothing).
# Needs (Debian): wordpress php-cli php-mysql php-curl php-xml php-mbstring
# mariadb-server curl — `scripts/setup.sh test` installs them.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WP_SOURCE="${COPYDESK_WP_SOURCE:-/usr/share/wordpress}"
PLUGIN="$REPO/integrations/wordpress/copydesk-locale-links.php"
WAIT_SECONDS="${COPYDESK_WP_WAIT_SECONDS:-60}"

die() { printf 'tests/wordpress/start.sh: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 && -n "$1" ]] || die "usage: start.sh DIR"
mkdir -p "$1"
DIR="$(cd "$1" && pwd)"

# --- what must be installed -------------------------------------------------
missing=()
for cmd in php mariadb mariadb-admin mariadb-install-db curl setsid; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
MARIADBD="$(command -v mariadbd 2>/dev/null || true)"
[[ -n "$MARIADBD" ]] || { [[ -x /usr/sbin/mariadbd ]] && MARIADBD=/usr/sbin/mariadbd; } || missing+=(mariadbd)
[[ -f "$WP_SOURCE/wp-load.php" ]] || missing+=("WordPress in $WP_SOURCE")
if ((${#missing[@]})); then
  die "cannot start the test WordPress, missing: ${missing[*]}. Install the Debian packages with 'bash scripts/setup.sh test' (or: apt-get install --no-install-recommends wordpress php-cli php-mysql php-curl php-xml php-mbstring mariadb-server curl)."
fi
php -r 'exit(extension_loaded("mysqli") && extension_loaded("mbstring") && extension_loaded("curl") && extension_loaded("xml") ? 0 : 1);' \
  || die "php is missing an extension (mysqli, mbstring, curl or xml): apt-get install php-mysql php-mbstring php-curl php-xml"
[[ -f "$PLUGIN" ]] || die "plugin not found: $PLUGIN"

# --- a clean folder ------------------------------------------------------------
bash "$HERE/stop.sh" "$DIR" >/dev/null 2>&1 || true
[[ -L "$DIR/sock-dir" ]] && rm -rf "$(readlink "$DIR/sock-dir")" "$DIR/sock-dir"
rm -rf "$DIR/db" "$DIR/wp" "$DIR/logs" "$DIR/tmp" "$DIR/pids" "$DIR/mysqld.sock" "$DIR/mysqld.pid"
mkdir -p "$DIR/logs" "$DIR/tmp"
: >"$DIR/pids"

started_ok=0
cleanup() {
  if [[ $started_ok != 1 ]]; then
    bash "$HERE/stop.sh" "$DIR" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# A free loopback port (the kernel picks it; the tiny race until the daemon
# binds it is detected below: the daemon exits and we say so).
free_port() {
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0", $e, $m) or exit(1); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'
}

# Starts "$@" in its own process group (setsid), detached from our stdout so
# a caller reading our output is not kept waiting by the daemon.
spawn() {
  local log="$1"; shift
  setsid "$@" </dev/null >>"$log" 2>&1 &
  echo $! >>"$DIR/pids"
  LAST_PID=$!
}

tail_log() { printf '%s\n' "--- last lines of $1:" >&2; tail -n 20 "$1" >&2 || true; }

# --- MariaDB ------------------------------------------------------------------
DB_PORT="$(free_port)" || die "could not find a free port"
# Unix socket paths are limited to 107 bytes: fall back to a short private folder.
SOCK="$DIR/mysqld.sock"
if ((${#SOCK} > 100)); then
  SOCK_DIR="$(mktemp -d /tmp/copydesk-wp.XXXXXX)"
  SOCK="$SOCK_DIR/mysqld.sock"
  ln -sfn "$SOCK_DIR" "$DIR/sock-dir"
fi
# --no-defaults everywhere: never read /etc/mysql (the system's server config).
mariadb-install-db --no-defaults --datadir="$DIR/db" --user="$(id -un)" \
  --auth-root-authentication-method=normal --skip-test-db >"$DIR/logs/mariadb-install.log" 2>&1 \
  || { tail_log "$DIR/logs/mariadb-install.log"; die "mariadb-install-db failed"; }
spawn "$DIR/logs/mariadb.log" "$MARIADBD" --no-defaults --datadir="$DIR/db" \
  --socket="$SOCK" --pid-file="$DIR/mysqld.pid" --port="$DB_PORT" \
  --bind-address=127.0.0.1 --user="$(id -un)" --skip-log-bin --skip-name-resolve \
  --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=0 \
  --tmpdir="$DIR/tmp"
DB_PID=$LAST_PID
deadline=$((SECONDS + WAIT_SECONDS))
until mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1; do
  kill -0 "$DB_PID" 2>/dev/null || { tail_log "$DIR/logs/mariadb.log"; die "mariadbd exited during start-up"; }
  ((SECONDS < deadline)) || { tail_log "$DIR/logs/mariadb.log"; die "mariadbd did not answer within ${WAIT_SECONDS}s"; }
  sleep 0.1
done
mariadb --no-defaults --socket="$SOCK" -uroot >"$DIR/logs/mariadb-setup.log" 2>&1 <<'SQL' || { tail_log "$DIR/logs/mariadb-setup.log"; die "creating the database failed"; }
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'127.0.0.1';
SQL

# --- WordPress ------------------------------------------------------------------
# A copy, not symlinks: Debian's wp-config.php reads /etc/wordpress, and
# WordPress resolves its own paths through __DIR__.
cp -a "$WP_SOURCE" "$DIR/wp"
rm -f "$DIR/wp/wp-config.php" "$DIR/wp/.htaccess"
mkdir -p "$DIR/wp/wp-content/mu-plugins" "$DIR/wp/wp-content/uploads"
cp "$PLUGIN" "$DIR/wp/wp-content/mu-plugins/"
WEB_PORT="$(free_port)" || die "could not find a free port"
URL="http://127.0.0.1:$WEB_PORT"
cat >"$DIR/wp/wp-config.php" <<PHP
<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'wordpress' );
define( 'DB_HOST', '127.0.0.1:$DB_PORT' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';
define( 'WP_HOME', '$URL' );
define( 'WP_SITEURL', '$URL' );
// Application passwords over plain HTTP are only allowed on a "local" site.
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_DEBUG', false );
// PHP 8.2 deprecation notices would otherwise land inside JSON responses.
define( 'WP_DEBUG_DISPLAY', false );
@ini_set( 'display_errors', '0' );
// No network here: never call wordpress.org (updates, cron pings) and wait for a time-out.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'FS_METHOD', 'direct' );
define( 'AUTH_KEY', 'copydesk-tests-1' );
define( 'SECURE_AUTH_KEY', 'copydesk-tests-2' );
define( 'LOGGED_IN_KEY', 'copydesk-tests-3' );
define( 'NONCE_KEY', 'copydesk-tests-4' );
define( 'AUTH_SALT', 'copydesk-tests-5' );
define( 'SECURE_AUTH_SALT', 'copydesk-tests-6' );
define( 'LOGGED_IN_SALT', 'copydesk-tests-7' );
define( 'NONCE_SALT', 'copydesk-tests-8' );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP

PHP_INI=(-d display_errors=0 -d log_errors=1 -d "error_log=$DIR/logs/php-errors.log"
  -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=256M -d max_execution_time=60)
creds="$(php "${PHP_INI[@]}" "$HERE/install.php" "$DIR/wp" "$URL" 2>"$DIR/logs/install.log")" \
  || { tail_log "$DIR/logs/install.log"; tail_log "$DIR/logs/php-errors.log"; die "installing WordPress failed"; }
[[ "$creds" == \{* ]] || { printf '%s\n' "$creds" >&2; die "installing WordPress printed no credentials"; }

# Several workers: WordPress answers slowly, and the client may send parallel requests.
PHP_CLI_SERVER_WORKERS="${COPYDESK_WP_WORKERS:-4}" spawn "$DIR/logs/php-server.log" \
  php "${PHP_INI[@]}" -S "127.0.0.1:$WEB_PORT" -t "$DIR/wp" "$HERE/router.php"
WEB_PID=$LAST_PID
deadline=$((SECONDS + WAIT_SECONDS))
until curl -fsS -o /dev/null --max-time 5 "$URL/wp-json/" 2>/dev/null; do
  kill -0 "$WEB_PID" 2>/dev/null || { tail_log "$DIR/logs/php-server.log"; die "php -S exited during start-up (port $WEB_PORT taken?)"; }
  ((SECONDS < deadline)) || { tail_log "$DIR/logs/php-server.log"; tail_log "$DIR/logs/php-errors.log"; die "WordPress did not answer on $URL within ${WAIT_SECONDS}s"; }
  sleep 0.1
done

if [[ -n "${COPYDESK_WP_WATCH_PID:-}" ]]; then
  # Watchdog in its own group too (listed in pids, so stop.sh ends it as well).
  spawn "$DIR/logs/watchdog.log" bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; exec bash "$2" "$3"' \
    watchdog "$COPYDESK_WP_WATCH_PID" "$HERE/stop.sh" "$DIR"
fi

started_ok=1
pids="$(paste -sd, "$DIR/pids")"
# The credentials object, completed with where it runs.
printf '%s\n' "${creds%\}},\"url\":\"$URL\",\"dir\":\"$DIR\",\"pids\":[$pids]}"
