#!/usr/bin/env bash
# Benchmark `tightrope classify` against gitleaks and kingfisher (same run) on the generated PII corpus.
# Usage: bench/classify/run.sh [CSV]   (default /opt/peers/inputs/pii_50mb.csv; generate one with
#        python3 bench/classify/make_corpus.py OUT.csv 50 — it writes OUT.csv.truth.json too).
# Not part of the test suite. Needs a release build: cargo build --release -p tightrope.
set -euo pipefail
CSV=${1:-/opt/peers/inputs/pii_50mb.csv}
BIN=${TIGHTROPE:-${CARGO_TARGET_DIR:-target}/release/tightrope}
export TIGHTROPE_HOME=${TIGHTROPE_HOME:-$(mktemp -d)}
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "input: $CSV ($(stat -c %s "$CSV") bytes)"
echo "tightrope classify: $(t "$BIN" classify "$CSV" --format json -o /tmp/bench-classify.json) s"
echo "gitleaks:           $(t /opt/peers/bin/gitleaks dir "$CSV" --report-format json --report-path /tmp/bench-gitleaks.json) s"
echo "kingfisher:         $(t /opt/peers/bin/kingfisher scan "$CSV" --format json --no-validate --no-update-check) s"
python3 - <<'PY'
import json, collections
d = json.load(open('/tmp/bench-classify.json'))
for ds in d['datasets']:
    print('tightrope counts:', {x['id']: x['count'] for x in ds['detectors']})
g = json.load(open('/tmp/bench-gitleaks.json'))
print('gitleaks counts:', dict(collections.Counter(x['RuleID'] for x in g)))
PY
