#!/usr/bin/env bash
# Benchmark and evaluations of `tightrope detect` (not part of the test suite).
#
#   bench/detect/run.sh [WORKDIR]      (default WORKDIR=/tmp/detect-bench)
#   SIGMA_BENCH=1 bench/detect/run.sh  (also time learn + run with the 57 SigmaHQ rules: slow)
#
# 1. builds the release binary (without the AWS SDK) and the examples into $CARGO_TARGET_DIR
#    (default /work/target-detect);
# 2. generates ~14 M synthetic CloudTrail events (history 7 days ≈ 3.5 M, test 21 days ≈ 10.5 M,
#    5 injected instances of each attack kind) with examples/gen_cloudtrail.rs;
# 3. the throughput goal (parse + score): times `tightrope detect learn` on the history and
#    `tightrope detect run` on the test period, then the pandas + scikit-learn IsolationForest
#    baseline on the same files (bench/detect/pandas_iforest.py, /opt/peers/ml-venv), and prints
#    events per wall second and per CPU second (user + sys) and the ratios from this run;
# 4. runs the evaluations: detection at fixed false-positive rates on a 300 k-event generated set
#    (examples/eval_generated.rs) and the Panther labelled rule tests (examples/eval_panther.rs).
#
# Other jobs on the machine inflate wall time; the CPU-second figures are the ones to compare.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/detect-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-detect}
DATA=../shared/data
SIGMA=$DATA/cloudtrail-sigma-aws-rules
PY=/opt/peers/ml-venv/bin/python
BIN=$CARGO_TARGET_DIR/release/tightrope
EX=$CARGO_TARGET_DIR/release/examples

# `detect learn` / `detect run` do not need the AWS SDK (only `detect serve` does): building without
# the `aws` feature saves the slowest part of a cold release build; the detect code is the same.
cargo build --release -p tightrope --no-default-features
cargo build --release -p tightrope-detect --examples
[ -x "$PY" ] || { echo "missing $PY: python3 -m venv /opt/peers/ml-venv && /opt/peers/ml-venv/bin/pip install pandas==3.1.1 scikit-learn==1.9.1 numpy==2.4.6" >&2; exit 2; }
mkdir -p "$WORK"
[ -d "$WORK/big/test" ] || "$EX/gen_cloudtrail" --out "$WORK/big" --events 14000000 --history-days 7 --test-days 21 --attacks 5
[ -d "$WORK/small/test" ] || "$EX/gen_cloudtrail" --out "$WORK/small" --events 300000 --history-days 14 --test-days 3 --attacks 5

# timed NAME COMMAND...: run COMMAND, keep "wall cpu" seconds in $WORK/NAME.time.
timed() {
  local name=$1
  shift
  # A non-zero exit (`detect run` exits 1 when it finds alerts) makes time(1) write a note line
  # before the figures: keep the last line only.
  /usr/bin/time -o "$WORK/$name.time" -f "%e %U %S %M" "$@"
  read -r wall user sys rss < <(tail -n 1 "$WORK/$name.time")
  echo "$wall $(echo "$user + $sys" | bc)" > "$WORK/$name.time"
  echo "   $name: $wall s wall, $user s user, $sys s sys, $rss KB max RSS"
}
# rate NAME EVENTS: events per wall second and per CPU second of a timed step.
rate() {
  read -r wall cpu < "$WORK/$1.time"
  echo "   $1: $2 events, $(echo "$2 / $wall" | bc) events/s wall, $(echo "$2 / $cpu" | bc) events per CPU-second"
}
count() { python3 -c "import json,sys;print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$@"; }

echo "== load before the timed runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== tightrope detect learn (history: parse + profiles + forest)"
timed learn "$BIN" detect learn "$WORK/big/history" --model "$WORK/model.json"
echo "== tightrope detect run (test period: parse + score)"
timed run "$BIN" detect run "$WORK/big/test" --model "$WORK/model.json" --format json -o "$WORK/alerts.json" || true
LEARN_EVENTS=$(count "$WORK/model.json" events)
RUN_EVENTS=$(count "$WORK/alerts.json" events)
python3 -c "import json;d=json.load(open('$WORK/alerts.json'));print('   alerts',len(d['alerts']),'bad records',d['read']['bad'])"
echo "== pandas + scikit-learn IsolationForest baseline (same files, same window features)"
timed pandas "$PY" bench/detect/pandas_iforest.py "$WORK/big/history" "$WORK/big/test" | tee "$WORK/pandas.json"
echo "== throughput (load now: $(cut -d' ' -f1-3 /proc/loadavg))"
rate learn "$LEARN_EVENTS"
rate run "$RUN_EVENTS"
rate pandas "$((LEARN_EVENTS + RUN_EVENTS))"
read -r lw lc < "$WORK/learn.time"
read -r rw rc < "$WORK/run.time"
read -r pw pc < "$WORK/pandas.time"
echo "   tightrope learn + run: $(echo "$lw + $rw" | bc) s wall, $(echo "$lc + $rc" | bc) CPU-s"
echo "   ratio pandas / tightrope: $(echo "scale=1; $pw / ($lw + $rw)" | bc)x wall, $(echo "scale=1; $pc / ($lc + $rc)" | bc)x CPU"

if [ "${SIGMA_BENCH:-0}" = 1 ]; then
  echo "== with the SigmaHQ rules"
  timed learn-sigma "$BIN" detect learn "$WORK/big/history" --model "$WORK/model-sigma.json" --sigma "$SIGMA"
  timed run-sigma "$BIN" detect run "$WORK/big/test" --model "$WORK/model-sigma.json" --sigma "$SIGMA" --format json -o "$WORK/alerts-sigma.json" || true
  rate learn-sigma "$LEARN_EVENTS"
  rate run-sigma "$RUN_EVENTS"
fi

echo "== detection at fixed false-positive rates (generated, 300 k events)"
"$EX/eval_generated" "$WORK/small" "$SIGMA"
echo "== Panther labelled rule tests"
"$EX/eval_panther" "$DATA/cloudtrail-panther-rule-tests/panther_cloudtrail_rule_tests.jsonl.gz" "$SIGMA"
