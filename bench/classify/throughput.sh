#!/usr/bin/env bash
# Throughput of `tightrope classify` per CPU-second, on plain text and on the dense PII table,
# for one or more binaries in interleaved rounds (so machine load hits them alike).
#
# usage: bench/classify/throughput.sh ROUNDS TEXT TABLE BIN [BIN...]
#   TEXT: e.g. 100 MB of sources (see bench/results/classify.md for the command that makes it)
#   TABLE: bench/classify/make_corpus.py OUT.csv 50 7
# Prints, per binary and input, the CPU seconds (user+sys) and wall of every round, then the
# median CPU seconds and MB per CPU-second. Use a release build; run under `nice` on a shared machine.
set -euo pipefail
rounds=$1 text=$2 table=$3; shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TIGHTROPE_HOME=$tmp/home
for r in $(seq "$rounds"); do
  for bin in "$@"; do
    for input in "$text" "$table"; do
      /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$bin" classify "$input" --format json -o "$tmp/out.json" >/dev/null 2>&1 || true
      read -r w u s < <(tail -n 1 "$tmp/t")
      echo "$bin $(basename "$input") $(echo "$u + $s" | bc) $w" >> "$tmp/rows"
    done
  done
  echo "round $r done" >&2
done
echo "| binary | input | bytes | CPU-s per round | wall per round | median CPU-s | MB per CPU-second |"
echo "|---|---|---|---|---|---|---|"
for bin in "$@"; do
  for input in "$text" "$table"; do
    name=$(basename "$input")
    bytes=$(stat -c %s "$input")
    cpus=$(awk -v b="$bin" -v n="$name" '$1 == b && $2 == n { print $3 }' "$tmp/rows" | sort -n | tr '\n' ' ')
    walls=$(awk -v b="$bin" -v n="$name" '$1 == b && $2 == n { print $4 }' "$tmp/rows" | tr '\n' ' ')
    med=$(echo "$cpus" | tr ' ' '\n' | grep -v '^$' | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
    echo "| $bin | $name | $bytes | $cpus| $walls| $med | $(echo "scale=1; $bytes / 1000000 / $med" | bc) |"
  done
done
