#!/usr/bin/env bash
# A/B of two `tightrope` binaries on the text and table inputs: interleaved rounds under
# `/usr/bin/time -v` (CPU-s = user + sys, wall, max RSS), then a byte comparison of their JSON.
#
# usage: bench/classify/ab.sh ROUNDS TEXT TABLE BASE NEW   (run under `nice` on a shared machine)
set -euo pipefail
rounds=$1 text=$2 table=$3 base=$4 new=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TIGHTROPE_HOME=$tmp/home
echo "load before: $(uptime)"
for r in $(seq "$rounds"); do
  for bin in "$base" "$new"; do
    tag=$([ "$bin" = "$base" ] && echo base || echo new)
    for input in "$text" "$table"; do
      /usr/bin/time -v -o "$tmp/t" "$bin" classify "$input" --format json -o "$tmp/$tag-$(basename "$input").json" >/dev/null 2>&1 || true
      field() { grep "$1" "$tmp/t" | awk '{ print $NF }'; }
      echo "round $r $tag $(basename "$input") cpu=$(echo "$(field 'User time') + $(field 'System time')" | bc) wall=$(field 'Elapsed (wall') max_rss_kb=$(field 'Maximum resident')"
    done
  done
done
echo "load after: $(uptime)"
for input in "$text" "$table"; do
  name=$(basename "$input")
  if cmp -s "$tmp/base-$name.json" "$tmp/new-$name.json"; then echo "$name: outputs identical"; else echo "$name: OUTPUTS DIFFER"; fi
done
