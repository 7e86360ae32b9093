#!/usr/bin/env bash
# Per-file detection on the picklescan samples: tightrope vs picklescan, modelscan, fickling.
# Usage: bench/supply/compare.sh SCAN_MODELS_BIN > table.tsv   (peers from /opt/peers/bin)
# SCAN_MODELS_BIN: target/release/examples/scan_models (cargo build --release -p tightrope-supply --example scan_models)
set -u
BIN=${1:?tightrope binary}
D=${DATA:-../shared/data/model-files-picklescan}
echo -e "file\tlabel\ttightrope\tpicklescan\tmodelscan\tfickling"
tail -n +2 "$D/labels.csv" | while IFS=, read -r file label _; do
  f="$D/$file"
  t=$("$BIN" "$f" | grep -q "flagged=[1-9]" && echo 1 || echo 0)
  p=$(/opt/peers/bin/picklescan -p "$f" 2>&1 | grep -q "Infected files: [1-9]" && echo 1 || echo 0)
  m=$(/opt/peers/bin/modelscan -p "$f" 2>&1 | grep -q "Total Issues: [1-9]" && echo 1 || echo 0)
  k=$(timeout 20 /opt/peers/bin/fickling --check-safety "$f" >/dev/null 2>&1 && echo 0 || echo 1)
  echo -e "$file\t$label\t$t\t$p\t$m\t$k"
done
