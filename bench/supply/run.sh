#!/usr/bin/env bash
# Model-scan throughput: tightrope vs picklescan and modelscan on the same >= 1 GB directory.
# Usage: bench/supply/run.sh TIGHTROPE_BIN [DIR]   (DIR made by bench/supply/generate.py)
set -u
BIN=${1:?tightrope binary}
DIR=${2:-/tmp/supply-bench}
[ -d "$DIR" ] || { python3 "$(dirname "$0")/generate.py" "$DIR" ../shared/data/model-files-picklescan/tests/data; rm -f "$DIR/samples/malicious1.7z"; }  # picklescan without py7zr aborts the whole scan on 7z
du -sh "$DIR"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$(echo "$e - $s" | bc)"; }
cat "$DIR"/*.safetensors "$DIR"/*.bin > /dev/null   # warm the page cache for everyone
echo "tightrope  $(t "$BIN" supply models "$DIR")"
echo "picklescan $(t /opt/peers/bin/picklescan -p "$DIR")"
echo "modelscan  $(t /opt/peers/bin/modelscan -p "$DIR")"
