#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the SQL back end's tests and benchmarks, and prints its
# connection URL. Nothing is installed or configured system-wide: the cluster lives in DIR, listens
# on 127.0.0.1:PORT only, trusts local connections, and scripts/postgres-stop.sh DIR removes it.
#
#   scripts/postgres-start.sh DIR PORT     ->  postgres://postgres@127.0.0.1:PORT/postgres
#
# initdb refuses to run as root, so as root the server runs as the `postgres` user (created when
# missing). Exit status 3 means the server binaries are not installed (apt-get install postgresql).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 DIR PORT" >&2
  exit 2
fi
dir=$1
port=$2

bindir=${LEADSCORE_PG_BIN:-}
if [ -z "$bindir" ]; then
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    bindir=$(dirname "$(command -v pg_ctl)")
  else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found; install them (Debian/Ubuntu: apt-get install -y postgresql) or set LEADSCORE_PG_BIN" >&2
  exit 3
fi

mkdir -p "$dir"
run=()
if [ "$(id -u)" = "0" ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  chown postgres "$dir"
  run=(runuser -u postgres --)
fi

# C.UTF-8 gives Unicode-aware lower(); plain C would lower-case ASCII only.
locale=C.UTF-8
if ! locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=C; fi

"${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
# A scratch server: durability is not wanted, speed is.
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}
echo "postgres://postgres@127.0.0.1:$port/postgres"
