#!/usr/bin/env bash
# Per-file detection on the picklescan samples: the `tightrope supply models` CLI vs picklescan,
# modelscan and fickling, all four run on each file in the same loop.
# Usage: bench/supply/compare.sh TIGHTROPE_BIN > table.tsv   (peers from /opt/peers/bin)
# A file counts as flagged when: tightrope exits 1 (a finding at or above low; 2 = could not read);
# picklescan prints `Infected files: N>0`; modelscan prints `Total Issues: N>0`;
# fickling `--check-safety` exits non-zero.
set -u
BIN=${1:?tightrope binary}
D=${DATA:-../shared/data/model-files-picklescan}
P=${PEERS:-/opt/peers/bin}
echo -e "file\tlabel\ttightrope\tpicklescan\tmodelscan\tfickling"
tail -n +2 "$D/labels.csv" | while IFS=, read -r file label _; do
  f="$D/$file"
  "$BIN" supply models "$f" >/dev/null 2>&1; rc=$?
  t=$([ $rc -eq 1 ] && echo 1 || { [ $rc -eq 0 ] && echo 0 || echo "err$rc"; })
  p=$("$P/picklescan" -p "$f" 2>&1 | grep -q "Infected files: [1-9]" && echo 1 || echo 0)
  m=$("$P/modelscan" -p "$f" 2>&1 | grep -q "Total Issues: [1-9]" && echo 1 || echo 0)
  k=$(timeout 20 "$P/fickling" --check-safety "$f" >/dev/null 2>&1 && echo 0 || echo 1)
  echo -e "$file\t$label\t$t\t$p\t$m\t$k"
done
