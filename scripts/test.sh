#!/usr/bin/env bash
# Sets up and runs every test: formatting and lints, the UI type check, unit
# and integration tests of every crate, then the end-to-end tests that drive
# the real app under Xvfb. One debug build serves all of them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

bash scripts/setup.sh test

echo "==> UI: type check and build"
(cd ui && npm run check && npm run build --silent)

echo "==> Rust: formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "==> Rust: unit and integration tests"
cargo test --workspace --exclude copydesk-tests --locked

echo "==> End-to-end tests in the real app (tauri-driver + WebKitWebDriver under Xvfb)"
cargo build -p copydesk-app --locked
rm -rf target/e2e-screenshots
cargo test -p copydesk-tests --locked --no-run
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p copydesk-tests --locked -- --test-threads=1
echo "==> Screenshots of the end-to-end tests: target/e2e-screenshots/"
