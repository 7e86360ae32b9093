#!/usr/bin/env bash
# Benchmark `tightrope audit` against Checkov on the same input, in the same run.
#
#   bash bench/audit-vs-checkov.sh [INPUT_DIR] [RUNS]
#
# INPUT_DIR defaults to ../shared/data/iac-terragoat. Checkov comes from the peers venv
# (bash ../shared/peers/setup.sh checkov links) or CHECKOV=/path/to/checkov. Each tool runs RUNS
# times (default 5; Checkov 3 at most, it is slow); the script reports the median wall time and
# the peak RSS of the process (bench/measure.py), and the ratios. Output goes to stdout as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUT=${1:-../shared/data/iac-terragoat}
RUNS=${2:-5}
CHECKOV=${CHECKOV:-/opt/peers/bin/checkov}
[ -d "$INPUT" ] || { echo "input $INPUT not found" >&2; exit 2; }
[ -x "$CHECKOV" ] || { echo "checkov not found at $CHECKOV (bash ../shared/peers/setup.sh checkov links)" >&2; exit 2; }

cargo build --release -q -p tightrope
TR=${CARGO_TARGET_DIR:-target}/release/tightrope
OUT=$(mktemp -d)

# measure RUNS CMD... -> "median_seconds peak_kib"
measure() { python3 bench/measure.py "$@"; }

read -r tr_t tr_m < <(measure "$RUNS" "$TR" audit "$INPUT" --format json --output "$OUT/tr.json")
tr_findings=$(python3 -c "import json;print(json.load(open('$OUT/tr.json'))['summary']['findings'])" 2>/dev/null || echo "?")
ck_runs=$(( RUNS < 3 ? RUNS : 3 ))
read -r ck_t ck_m < <(measure "$ck_runs" "$CHECKOV" -d "$INPUT" --framework terraform --skip-download --quiet --compact -o json --output-file-path "$OUT/ck")
ck_findings=$(python3 -c "
import json,glob
f=glob.glob('$OUT/ck/*.json')
d=json.load(open(f[0])) if f else {}
d=d if isinstance(d,list) else [d]
print(sum(len(x.get('results',{}).get('failed_checks',[])) for x in d))" 2>/dev/null || echo "?")

echo "| tool | runs | median wall (s) | peak RSS (MiB) | findings |"
echo "|---|---|---|---|---|"
printf '| tightrope %s | %s | %s | %.1f | %s |\n' "$("$TR" --version | cut -d' ' -f2)" "$RUNS" "$tr_t" "$(echo "$tr_m/1024" | bc -l)" "$tr_findings"
printf '| checkov %s | %s | %s | %.1f | %s |\n' "$("$CHECKOV" --version 2>/dev/null | tail -1)" "$ck_runs" "$ck_t" "$(echo "$ck_m/1024" | bc -l)" "$ck_findings"
python3 -c "
tt,tc=float('$tr_t'),float('$ck_t'); mt,mc=float('$tr_m'),float('$ck_m')
print(f'\nspeed: tightrope is {tc/tt:.0f}x faster wall-clock')
print(f'memory: tightrope peak RSS is {mt/mc*100:.1f}% of checkov\'s ({mc/mt:.0f}x less)')"
echo "input: $INPUT ($(find "$INPUT" -name '*.tf' | wc -l) .tf files); machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(uname -srm)"
rm -rf "$OUT"
