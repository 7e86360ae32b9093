#!/usr/bin/env bash
# Audit evaluation and speed, in one run (not part of the test suite).
#
#   bash bench/audit/run.sh [RUNS]
#
# 1. Precision / recall of the mapped rules against Checkov's labelled fixtures and Trivy's good/bad
#    examples, and agreement with Checkov on TerraGoat: the three `eval_*` tests of tightrope-audit,
#    whose tables are printed (mapping and notes: crates/tightrope-audit/eval/mapping.csv).
# 2. Wall time and peak RSS (bench/measure.py, median of RUNS, default 5) of `tightrope audit` and of
#    Checkov and Trivy (from /opt/peers/bin) over the same inputs: TerraGoat's AWS stack and the
#    whole Checkov AWS fixture set (289 directories), with ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
DATA=../shared/data
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

echo "## Evaluation"
cargo test -q -p tightrope-audit --test integration eval_ -- --nocapture 2>/dev/null | grep -E '^(\||###)'

cargo build --release -q -p tightrope
TR=$CARGO_TARGET_DIR/release/tightrope
CHECKOV=${CHECKOV:-/opt/peers/bin/checkov}
TRIVY=${TRIVY:-/opt/peers/bin/trivy}
OUT=$(mktemp -d)
measure() { python3 bench/measure.py "$@"; }

echo
echo "## Speed (median of $RUNS runs; Checkov at most 3)"
echo
echo "| input | tool | seconds | peak RSS MiB | time ratio (peer / tightrope) |"
echo "|---|---|---|---|---|"
for input in "$DATA/iac-terragoat/terraform/aws" "$DATA/iac-checkov-tf-aws-resource/tests"; do
  name=$(basename "$(dirname "$input")")/$(basename "$input")
  read -r t m < <(measure "$RUNS" "$TR" audit "$input" --format json --output "$OUT/tr.json")
  echo "| $name | tightrope audit | $t | $((m / 1024)) | 1 |"
  if [ -x "$CHECKOV" ]; then
    ck=$(( RUNS < 3 ? RUNS : 3 ))
    read -r ct cm < <(measure "$ck" "$CHECKOV" -d "$input" --framework terraform --skip-download --quiet --compact -o json --output-file-path "$OUT/ck")
    echo "| $name | checkov | $ct | $((cm / 1024)) | $(python3 -c "print(round($ct/$t,1))") |"
  fi
  if [ -x "$TRIVY" ]; then
    read -r vt vm < <(measure "$RUNS" "$TRIVY" config --quiet --format json --output "$OUT/trivy.json" "$input")
    echo "| $name | trivy config | $vt | $((vm / 1024)) | $(python3 -c "print(round($vt/$t,1))") |"
  fi
done
