#!/usr/bin/env bash
# Stops a server started by scripts/postgres-start.sh DIR and deletes DIR.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=$1
if [ -f "$dir/data/postmaster.pid" ]; then
  bindir=${LEADSCORE_PG_BIN:-}
  if [ -z "$bindir" ]; then
    if command -v pg_ctl >/dev/null 2>&1; then bindir=$(dirname "$(command -v pg_ctl)"); else bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); fi
  fi
  run=()
  if [ "$(id -u)" = "0" ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
