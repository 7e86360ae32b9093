#!/usr/bin/env bash
# Per-file detection on the picklescan samples: tightrope vs picklescan, modelscan, fickling.
# Usage: bench/supply/compare.sh TIGHTROPE_BIN > table.tsv   (peers from /opt/peers/bin)
set -u
BIN=${1:?tightrope binary}
D=${DATA:-../shared/data/model-files-picklescan}
echo -e "file\tlabel\ttightrope\tpicklescan\tmodelscan\tfickling"
tail -n +2 "$D/labels.csv" | while IFS=, read -r file label _; do
  f="$D/$file"
  t=$("$BIN" supply models "$f" --min-severity low --format json >/dev/null 2>&1; echo $?)
  p=$(/opt/peers/bin/picklescan -p "$f" >/dev/null 2>&1; echo $?)
  m=$(/opt/peers/bin/modelscan -p "$f" 2>&1 | grep -q "Total Issues: [1-9]" && echo 1 || echo 0)
  k=$(timeout 20 /opt/peers/bin/fickling --check-safety "$f" >/dev/null 2>&1; echo $?)
  echo -e "$file\t$label\t$t\t$p\t$m\t$k"
done
