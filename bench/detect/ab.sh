#!/usr/bin/env bash
# A/B of two `tightrope` binaries on `detect learn` + `detect run`: interleaved rounds under
# `/usr/bin/time -v` (CPU-s = user + sys, wall, max RSS), every round's model and alerts compared
# byte for byte with the first base round's.
#
# usage: bench/detect/ab.sh ROUNDS DATA BASE NEW   (DATA holds history/ and test/ from
#        examples/gen_cloudtrail; run under `nice` on a shared machine)
set -euo pipefail
rounds=$1 data=$2 base=$3 new=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TIGHTROPE_HOME=$tmp/home
field() { grep "$1" "$tmp/t" | awk '{ print $NF }'; }
# timed TAG STEP BIN ARGS...: one timed step, printed as a line of the table.
timed() {
  local tag=$1 step=$2
  shift 2
  /usr/bin/time -v -o "$tmp/t" "$@" >/dev/null 2>&1 || true
  echo "round $r $tag $step cpu=$(echo "$(field 'User time') + $(field 'System time')" | bc) wall=$(field 'Elapsed (wall') max_rss_kb=$(field 'Maximum resident')"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
same=1
for r in $(seq "$rounds"); do
  for tag in base new; do
    bin=$([ "$tag" = base ] && echo "$base" || echo "$new")
    timed "$tag" learn "$bin" detect learn "$data/history" --model "$tmp/model.json"
    timed "$tag" run "$bin" detect run "$data/test" --model "$tmp/model.json" --format json -o "$tmp/alerts.json"
    if [ ! -e "$tmp/ref-model.json" ]; then
      mv "$tmp/model.json" "$tmp/ref-model.json"
      mv "$tmp/alerts.json" "$tmp/ref-alerts.json"
    else
      cmp -s "$tmp/model.json" "$tmp/ref-model.json" || { echo "round $r $tag: MODEL DIFFERS"; same=0; }
      cmp -s "$tmp/alerts.json" "$tmp/ref-alerts.json" || { echo "round $r $tag: ALERTS DIFFER"; same=0; }
    fi
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$same" = 1 ] && echo "models and alerts identical in every round" || exit 1
