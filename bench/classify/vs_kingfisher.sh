#!/usr/bin/env bash
# tightrope binaries against a warm kingfisher, in interleaved rounds on the same inputs (so machine
# load hits them alike): wall, CPU (user + sys) and max RSS per round, then the medians.
#
# usage: bench/classify/vs_kingfisher.sh ROUNDS KINGFISHER TABLE TEXT BIN [BIN...]
#   KINGFISHER: the kingfisher binary (PyPI `kingfisher-bin`, in a venv outside the repo)
#   TABLE: bench/classify/make_corpus.py OUT.csv 50 7; TEXT: see bench/results/classify.md
# kingfisher runs with --no-validate (no network) and is warmed once first, so its compiled rule
# cache is not counted. Run under `nice` on a shared machine.
set -euo pipefail
rounds=$1 kf=$2 table=$3 text=$4; shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TIGHTROPE_HOME=$tmp/home
# kingfisher INPUT: the command that scans INPUT (as one `sh -c` string, for time(1)).
kingfisher() { echo "\"$kf\" scan \"$1\" --format json --no-validate --no-update-check > \"$tmp/kf.json\" 2>/dev/null"; }
sh -c "$(kingfisher "$table")" || true
# timed NAME INPUT COMMAND...: one timed run, one line in $tmp/rows.
timed() {
  local name=$1 input=$2
  shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/t" "$@" >/dev/null 2>&1 || true
  read -r w u s m < <(tail -n 1 "$tmp/t")
  echo "$name $(basename "$input") $w $(echo "$u + $s" | bc) $m" >> "$tmp/rows"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for r in $(seq "$rounds"); do
  for input in "$table" "$text"; do
    for bin in "$@"; do
      timed "$bin" "$input" "$bin" classify "$input" --format json -o "$tmp/out.json"
    done
    timed kingfisher "$input" sh -c "$(kingfisher "$input")"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$tmp/rows" <<'EOF'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, inp, wall, cpu, rss = line.split()
    runs[(inp, name)].append((float(wall), float(cpu), int(rss)))
print("| input | tool | wall per round | median wall | median CPU-s | max RSS |")
print("|---|---|---|---|---|---|")
for (inp, name), v in runs.items():
    walls = " ".join(f"{w:.2f}" for w, _, _ in v)
    print(f"| {inp} | {name} | {walls} | {statistics.median(w for w, _, _ in v):.2f} s "
          f"| {statistics.median(c for _, c, _ in v):.2f} | {max(m for _, _, m in v) // 1024} MB |")
EOF
