#!/usr/bin/env bash
# Benchmark and evaluations of `tightrope detect` (not part of the test suite).
#
#   bench/detect/run.sh [WORKDIR]      (default WORKDIR=/tmp/detect-bench)
#
# 1. builds the release binary and the examples into $CARGO_TARGET_DIR (default /work/target-detect);
# 2. generates ~14 M synthetic CloudTrail events (history 7 days ≈ 3.5 M, test 21 days ≈ 10.5 M,
#    5 injected instances of each attack kind) with examples/gen_cloudtrail.rs;
# 3. times `tightrope detect learn` on the history and `tightrope detect run` (parse + score +
#    Sigma) on the test period, then the pandas + scikit-learn IsolationForest baseline on the same
#    files (bench/detect/pandas_iforest.py, /opt/peers/ml-venv);
# 4. runs the evaluations: detection at fixed false-positive rates on a 300 k-event generated set
#    (examples/eval_generated.rs) and the Panther labelled rule tests (examples/eval_panther.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/detect-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-detect}
DATA=../shared/data
SIGMA=$DATA/cloudtrail-sigma-aws-rules
PY=/opt/peers/ml-venv/bin/python
BIN=$CARGO_TARGET_DIR/release/tightrope
EX=$CARGO_TARGET_DIR/release/examples

cargo build --release -p tightrope
cargo build --release -p tightrope-detect --examples
mkdir -p "$WORK"
[ -d "$WORK/big/test" ] || "$EX/gen_cloudtrail" --out "$WORK/big" --events 14000000 --history-days 7 --test-days 21 --attacks 5
[ -d "$WORK/small/test" ] || "$EX/gen_cloudtrail" --out "$WORK/small" --events 300000 --history-days 14 --test-days 3 --attacks 5

echo "== tightrope detect learn (history)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" \
  "$BIN" detect learn "$WORK/big/history" --model "$WORK/model.json" --sigma "$SIGMA"
echo "== tightrope detect run (test period: parse + score + Sigma)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" \
  "$BIN" detect run "$WORK/big/test" --model "$WORK/model.json" --sigma "$SIGMA" --format json -o "$WORK/alerts.json" || true
python3 -c "import json;d=json.load(open('$WORK/alerts.json'));print('events',d['events'],'alerts',len(d['alerts']),'sigma matches',d['sigma_matches'],'bad',d['read']['bad'])"
echo "== tightrope detect run without Sigma (parse + anomaly scoring only)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" \
  "$BIN" detect run "$WORK/big/test" --model "$WORK/model.json" --format json -o "$WORK/alerts-nosigma.json" || true
echo "== pandas + scikit-learn IsolationForest baseline (same files)"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" \
  "$PY" bench/detect/pandas_iforest.py "$WORK/big/history" "$WORK/big/test"

echo "== detection at fixed false-positive rates (generated, 300 k events)"
"$EX/eval_generated" "$WORK/small" "$SIGMA"
echo "== Panther labelled rule tests"
"$EX/eval_panther" "$DATA/cloudtrail-panther-rule-tests/panther_cloudtrail_rule_tests.jsonl.gz" "$SIGMA"
