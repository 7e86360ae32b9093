#!/usr/bin/env bash
# Drift benchmark: save + drift of a 10,000-resource snapshot, release build.
# Usage: bench/drift/run.sh [N] [RUNS]   (defaults: 10000 resources, 5 runs each)
# Not part of the test suite. Writes nothing outside $WORK (a temporary directory).
set -euo pipefail
N=${1:-10000}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-store}
cd "$ROOT"
cargo build --release -q -p tightrope -p tightrope-drift --example synthetic_snapshots
BIN="$CARGO_TARGET_DIR/release/tightrope"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$CARGO_TARGET_DIR/release/examples/synthetic_snapshots" "$N" "$WORK" --time

# Milliseconds of wall time of one command.
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms (%d runs)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'; }

echo "== baseline save (snapshot file of $N resources into a fresh database)"
for i in $(seq "$RUNS"); do rm -f "$WORK"/t.db*; ms "$BIN" baseline save big "$WORK/old.snap.json" --db "$WORK/t.db"; done | stats
echo "== drift --baseline big new.snap.json (load + verify baseline, read new snapshot, re-audit both, diff, JSON report, record scan)"
for i in $(seq "$RUNS"); do ms "$BIN" drift --baseline big "$WORK/new.snap.json" --db "$WORK/t.db" --format json -o "$WORK/drift.json"; done | stats
echo "== drift old.snap.json new.snap.json (no store)"
for i in $(seq "$RUNS"); do ms "$BIN" drift "$WORK/old.snap.json" "$WORK/new.snap.json" --format json -o "$WORK/drift2.json"; done | stats
echo "== sizes"
ls -l "$WORK"/*.snap.json "$WORK"/t.db | awk '{print $5, $9}'
python3 - "$WORK/drift.json" <<'PY' || true
import json, sys
r = json.load(open(sys.argv[1]))
print("report:", len(r["changes"]), "changed resources,", sum(len(c["changes"]) for c in r["changes"]), "changed settings,",
      len(r["findings"]["new"]), "new findings,", len(r["ai_exposure"]), "AI exposures, highest", r["highest"])
PY
