#!/usr/bin/env bash
# Sets up, builds and starts Copydesk. On first start the app creates a sample
# workspace in the OS data folder (or in --data-dir DIR / $COPYDESK_DATA_DIR).
# Extra arguments go to the app, e.g. `scripts/run.sh --data-dir /tmp/desk`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh run
echo "==> Building the interface"
(cd ui && npm run build --silent)
echo "==> Building the app (the first build takes a few minutes)"
cargo build -p copydesk-app

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "==> No display found: starting Copydesk inside a virtual X display (xvfb-run)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/debug/copydesk-app "$@"
fi
exec target/debug/copydesk-app "$@"
