#!/usr/bin/env bash
# Model-scan throughput: the `tightrope supply models` CLI (release build) vs picklescan and modelscan,
# interleaved in the same loop on the same >= 1 GB directory, page cache warm.
# Usage: bench/supply/run.sh TIGHTROPE_BIN [DIR] [ROUNDS]   (DIR made by bench/supply/generate.py)
#   cargo build --release -p tightrope && bench/supply/run.sh target/release/tightrope
set -u
BIN=${1:?tightrope binary (release build)}
DIR=${2:-/tmp/supply-bench}
ROUNDS=${3:-5}
P=${PEERS:-/opt/peers/bin}
[ -d "$DIR" ] || { python3 "$(dirname "$0")/generate.py" "$DIR" ../shared/data/model-files-picklescan/tests/data; rm -f "$DIR/samples/malicious1.7z"; }  # picklescan without py7zr aborts the whole scan on 7z
echo "input: $DIR, $(find "$DIR" -type f | wc -l) files, $(du -sb "$DIR" | cut -f1) bytes; machine: nproc=$(nproc) $(uname -m); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tightrope: $("$BIN" --version 2>&1)"
echo "tightrope output: $("$BIN" supply models "$DIR" --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d.get("findings", [])), "findings")' 2>&1)"
cat "$DIR"/*.safetensors "$DIR"/*.bin > /dev/null   # warm the page cache for everyone
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
declare -A all
for r in $(seq "$ROUNDS"); do
  a=$(t "$BIN" supply models "$DIR"); b=$(t "$P/picklescan" -p "$DIR"); c=$(t "$P/modelscan" -p "$DIR")
  echo "round $r  tightrope $a  picklescan $b  modelscan $c"
  all[t]+="$a "; all[p]+="$b "; all[m]+="$c "
done
med() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mt=$(echo "${all[t]}" | med); mp=$(echo "${all[p]}" | med); mm=$(echo "${all[m]}" | med)
echo "median  tightrope $mt  picklescan $mp  modelscan $mm"
echo "ratio   picklescan/tightrope $(echo "scale=1; $mp / $mt" | bc)x  modelscan/tightrope $(echo "scale=1; $mm / $mt" | bc)x"
# The SBOM over the same directory (hashes every byte: a different job from the scan).
echo "sbom    $(t "$BIN" supply sbom "$DIR" --no-vulns --output /tmp/supply-bench.cdx.json) s"
