#!/usr/bin/env bash
# Installs what Copydesk needs on a fresh Debian/Ubuntu machine that has Rust
# and Node: system packages (WebKitGTK, …), the UI's npm modules and, for
# tests, tauri-driver. Safe to run again: it only installs what is missing.
#
#   scripts/setup.sh run    what building and running the app needs
#   scripts/setup.sh test   plus what the tests need (Xvfb, WebKitWebDriver, tauri-driver)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-run}"
TAURI_DRIVER_VERSION="2.1.0"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "Rust is required: install it from https://rustup.rs, then run this again."
command -v npm >/dev/null || die "Node.js (20.19 or later) and npm are required, then run this again."

# Versions the build needs (Tauri 2 wants Rust 1.89+, Vite 7 wants Node 20.19+).
version_at_least() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" == "$2" ]]; }
rust_version="$(rustc --version | awk '{print $2}')"
version_at_least "$rust_version" "1.89.0" || die "Rust $rust_version is too old: 1.89 or later is needed (rustup update)."
node_version="$(node --version | tr -d v)"
version_at_least "$node_version" "20.19.0" || die "Node.js $node_version is too old: 20.19 or later is needed."
if [[ "$MODE" == test ]] && command -v rustup >/dev/null; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
fi

packages=(build-essential pkg-config curl wget file libssl-dev libwebkit2gtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev xvfb xauth)
if [[ "$MODE" == test ]]; then
  packages+=(webkit2gtk-driver procps imagemagick wordpress php-cli php-mysql php-curl php-xml php-mbstring mariadb-server dbus gnome-keyring libsecret-tools)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "Installing system packages: ${missing[*]}"
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "installing ${missing[*]} needs root or sudo"
    SUDO=sudo
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lock file changed since the last install.
if [[ ! -f "$ROOT/ui/node_modules/.package-lock.json" || "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]]; then
  say "Installing the UI's npm modules"
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
fi

if [[ "$MODE" == test ]]; then
  driver="$ROOT/target/tools/bin/tauri-driver"
  if [[ ! -x "$driver" ]] || ! "$driver" --help >/dev/null 2>&1; then
    say "Installing tauri-driver $TAURI_DRIVER_VERSION into target/tools"
    cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION" --root "$ROOT/target/tools"
  fi
fi
