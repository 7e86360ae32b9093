#!/usr/bin/env bash
# Benchmark: collect an emulated account of 1,000+ resources with tightrope and (if installed)
# Prowler, against the same moto server, in the same run.
#
#   bash bench/aws/run.sh [COUNT]      # COUNT of each of buckets, roles, SGs, notebooks (default 250)
#
# Needs: moto_server on PATH (or /opt/peers/bin), a built tightrope (TIGHTROPE, default
# $CARGO_TARGET_DIR/release/tightrope), the seed example (built here in debug, workspace features), and optionally
# prowler (PROWLER, default /opt/peers/bin/prowler). Prints wall time and peak RSS of each tool.
set -euo pipefail
COUNT=${1:-250}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
TIGHTROPE=${TIGHTROPE:-$TARGET/release/tightrope}
PROWLER=${PROWLER:-/opt/peers/bin/prowler}
MOTO=$(command -v moto_server || echo /opt/peers/bin/moto_server)
OUT=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ENDPOINT=http://127.0.0.1:$PORT

"$MOTO" -H 127.0.0.1 -p "$PORT" >"$OUT/moto.log" 2>&1 &
MOTO_PID=$!
trap 'kill $MOTO_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
# --workspace: the same feature set as the test build, so the SDK crates are not built a second time.
(cd "$ROOT" && cargo build -q --workspace --example seed_moto)
"$TARGET/debug/examples/seed_moto" "$ENDPOINT" "$COUNT"

# requests NAME: how many requests moto logged since the last call (its log has one line per request).
SEEN=0
requests() {
  local now
  now=$(grep -c '" [0-9][0-9][0-9] ' "$OUT/moto.log" || true)
  echo "   moto answered $((now - SEEN)) requests for $1"
  SEEN=$now
}
requests seeding

echo "== tightrope collect aws (services: iam s3 ec2 sagemaker cloudtrail, region us-east-1)"
/usr/bin/time -v "$TIGHTROPE" collect aws --endpoint-url "$ENDPOINT" --region us-east-1 \
  --service iam,s3,ec2,sagemaker,cloudtrail --no-progress -o "$OUT/live.json" 2>"$OUT/tightrope.time"
grep -E 'wrote|Elapsed|Maximum resident|User time|System time' "$OUT/tightrope.time"
requests tightrope

echo "== tightrope collect aws, every service it reads (for reference; Prowler is not run on these)"
/usr/bin/time -v "$TIGHTROPE" collect aws --endpoint-url "$ENDPOINT" --region us-east-1 \
  --no-progress -o "$OUT/live-all.json" 2>"$OUT/tightrope-all.time"
grep -E 'wrote|Elapsed|Maximum resident' "$OUT/tightrope-all.time"
requests "tightrope, all services"

if [ -x "$PROWLER" ]; then
  echo "== prowler aws (same services and region)"
  AWS_ENDPOINT_URL=$ENDPOINT /usr/bin/time -v "$PROWLER" aws --service s3 iam ec2 sagemaker cloudtrail \
    -f us-east-1 --no-banner -M json-ocsf -o "$OUT/prowler" >"$OUT/prowler.log" 2>"$OUT/prowler.time" || true
  grep -E 'Elapsed|Maximum resident|Exit status|User time|System time' "$OUT/prowler.time"
  requests prowler
fi
echo "outputs in $OUT"
