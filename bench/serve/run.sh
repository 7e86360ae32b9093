#!/usr/bin/env bash
# Load benchmark of the team server's findings API with wrk (Debian `wrk`), release build.
#
#   bench/serve/run.sh [RESOURCES] [DURATION] [CONNECTIONS]   (defaults: 41700 resources, 20s, 32)
#
# The findings are real audit findings: tightrope's own rules over a synthetic typed state of
# RESOURCES resources (the drift benchmark's generator), saved with `tightrope baseline save`; measured
# 1.2 findings per resource (12,000 gave 14,400), so 41,700 resources give ~50,000 findings. Set DB=postgres://... to
# measure PostgreSQL (the script then uses that database as is). Writes nothing outside $WORK.
set -euo pipefail
N=${1:-41700}
DURATION=${2:-20s}
CONNS=${3:-32}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-serve}
cd "$ROOT"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
PROFILE=${PROFILE:-release}   # PROFILE=debug only to try the script quickly; numbers are for release
# Two builds: with --example, cargo builds only examples of the selected packages, not the binary.
if [ "$PROFILE" = release ]; then
  cargo build --release -q -p tightrope
  cargo build --release -q -p tightrope-drift --example synthetic_snapshots
else
  cargo build -q -p tightrope
  cargo build -q -p tightrope-drift --example synthetic_snapshots
fi
BIN="$CARGO_TARGET_DIR/$PROFILE/tightrope"
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$CARGO_TARGET_DIR/$PROFILE/examples/synthetic_snapshots" "$N" "$WORK" >/dev/null
DB=${DB:-$WORK/serve.db}
"$BIN" baseline save bench "$WORK/old.snap.json" --db "$DB" --force >/dev/null 2>&1 || "$BIN" baseline save bench "$WORK/old.snap.json" --db "$DB" >/dev/null
TOKEN=$("$BIN" serve token create --role viewer --name "bench-$$" --db "$DB" 2>/dev/null)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --connections "${CONNECTIONS_DB:-4}" 2>"$WORK/server.log" &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
TOTAL=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/findings?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "build: $PROFILE; machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); store: ${DB%%\?*}; findings in the scan: $TOTAL"
echo "wrk: 2 threads, $CONNS connections, $DURATION per query (wrk and the server share the machine)"
run() {
  local name=$1 query=$2
  local out
  out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/findings?$query")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  local hits
  hits=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/findings?$query" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], len(d["findings"]))')
  printf '| %s | `%s` | %s | %s | %s | %s | %s |\n' "$name" "$query" "$hits" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
echo
echo "| query | parameters | matches, returned | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|---|"
run "first page, default sort" "limit=50"
run "severity filter, paged" "severity=critical,high&limit=50&offset=500"
run "severity + step + text search" "severity=critical,high,medium&step=audit&q=bucket&limit=50&offset=100"
run "rule prefix, sort by resource, deep page" "rule=TR-AWS&sort=resource&limit=100&offset=20000"
run "AI only, 1000 rows" "ai=true&limit=1000"
