#!/usr/bin/env bash
# Stops the test WordPress that start.sh started in DIR: SIGTERM to each
# process group listed in DIR/pids, SIGKILL after a grace period. Safe to run
# when nothing runs. Exit status 0 once every group is gone.
set -uo pipefail
[[ $# -eq 1 && -n "$1" ]] || { echo "usage: stop.sh DIR" >&2; exit 2; }
DIR="$1"
[[ -f "$DIR/pids" ]] || exit 0
GRACE_SECONDS="${COPYDESK_WP_STOP_SECONDS:-10}"

# The watchdog (if any) may be the one running us: never signal our own group.
self_pgid="$(ps -o pgid= -p $$ | tr -d ' ')"
groups=()
while read -r pid; do
  [[ "$pid" =~ ^[0-9]+$ ]] || continue
  [[ "$pid" == "$self_pgid" ]] && continue
  groups+=("$pid")
done <"$DIR/pids"

alive() { kill -0 -- "-$1" 2>/dev/null; }
for g in "${groups[@]}"; do alive "$g" && kill -TERM -- "-$g" 2>/dev/null; done
deadline=$((SECONDS + GRACE_SECONDS))
for g in "${groups[@]}"; do
  while alive "$g" && ((SECONDS < deadline)); do sleep 0.1; done
  if alive "$g"; then
    echo "stop.sh: process group $g ignored SIGTERM for ${GRACE_SECONDS}s, sending SIGKILL" >&2
    kill -KILL -- "-$g" 2>/dev/null
  fi
done
rm -f "$DIR/pids"
exit 0
