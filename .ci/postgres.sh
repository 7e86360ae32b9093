#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store and server tests, and print its URL
# (export it as TIGHTROPE_TEST_POSTGRES_URL). Idempotent: a running server is reused.
#
#   export TIGHTROPE_TEST_POSTGRES_URL="$(.ci/postgres.sh)"
#
# Environment: PGDATA_DIR (default /tmp/tightrope-pgdata), PGPORT (default 54329).
# Debian's `postgresql` package provides the binaries; initdb refuses root, so as root the server
# runs as the `postgres` user.
set -euo pipefail
DATA="${PGDATA_DIR:-/tmp/tightrope-pgdata}"
PORT="${PGPORT:-54329}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -x "$BIN/pg_ctl" ] || { echo "postgres.sh: PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 2; }
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA"
  as_pg "'$BIN/initdb' -D '$DATA' -U tightrope --auth=trust -E UTF8 >/dev/null"
fi
if ! as_pg "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; then
  as_pg "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -w -o \"-h 127.0.0.1 -p $PORT -k /tmp\" start" >/dev/null
fi
as_pg "'$BIN/psql' -h 127.0.0.1 -p $PORT -U tightrope -d postgres -tAc \"SELECT 1 FROM pg_database WHERE datname = 'tightrope_test'\"" | grep -q 1 \
  || as_pg "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U tightrope tightrope_test"
echo "postgres://tightrope@127.0.0.1:$PORT/tightrope_test"
