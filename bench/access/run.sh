#!/usr/bin/env bash
# Benchmark: analyse every AWS managed policy (MAMIP snapshot in ../shared/data) with tightrope,
# Cloudsplaining and Parliament in the same run. Not part of the test suite.
# Usage: bench/access/run.sh [path/to/tightrope]   (build first: cargo build --release -p tightrope)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data="$root/../shared/data"
bin=${1:-${CARGO_TARGET_DIR:-$root/target}/release/tightrope}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/policies" "$work/docs" "$work/iam" "$work/cs"
tar xzf "$data/iam-aws-managed-policies/policies.tar.gz" -C "$work"
"$bin" update iam --from "$data/iam-action-database/iam-data.tar.gz" --cache-dir "$work/iam" 2>/dev/null
# plain documents for Parliament; a default-version account-authorization-details file for Cloudsplaining
python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]; pols = []
for n in sorted(os.listdir(f"{w}/policies")):
    t = open(f"{w}/policies/{n}").read().strip()
    if not t: continue
    d = json.loads(t)["PolicyVersion"]["Document"]
    open(f"{w}/docs/{n}.json", "w").write(json.dumps(d))
    pols.append({"PolicyName": n, "PolicyId": "ANPA" + str(len(pols)).zfill(17), "Arn": f"arn:aws:iam::aws:policy/{n}",
                 "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1, "IsAttachable": True,
                 "PolicyVersionList": [{"Document": d, "VersionId": "v1", "IsDefaultVersion": True}]})
json.dump({"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": pols}, open(f"{w}/auth.json", "w"))
PY
n=$(ls "$work/docs" | wc -l)
# Wall and CPU (user+sys) seconds of one command, printed as "WALL CPU"; a non-zero exit is shown
# (tightrope exits 2 for the two empty upstream files, Parliament 1 when it has findings), and each
# tool's output is checked below. CPU seconds are the fairer measure on a loaded machine.
t() { local rc=0; /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >"$work/last.log" 2>&1 || rc=$?; [ $rc -eq 0 ] || echo "exit $rc: $1" >&2; tail -1 "$work/time" | awk '{printf "%s %.2f\n", $1, $2 + $3}'; }
ratio() { echo "wall $(echo "scale=1; $1 / $3" | bc)x, CPU $(echo "scale=1; $2 / $4" | bc)x"; }
echo "policies: $n (load: $(cut -d' ' -f1-3 /proc/loadavg))"
# tightrope takes well under 0.1 s, below what one timing of 10 ms resolution can tell apart:
# time REPS runs (default 20) in one loop and divide.
reps=${REPS:-20}
read -r tt tu < <(t bash -c "for _ in \$(seq $reps); do '$bin' access policies '$work/policies' --cache-dir '$work/iam' -f json -o '$work/tr.json' || [ \$? -eq 2 ]; done")
tt=$(echo "scale=4; $tt / $reps" | bc); tu=$(echo "scale=4; $tu / $reps" | bc)
echo "tightrope access policies: ${tt}s wall, ${tu}s CPU (mean of $reps runs)"
[ -s "$work/tr.json" ] || { echo "tightrope wrote no report" >&2; exit 1; }
read -r tc cu < <(t /opt/peers/bin/cloudsplaining scan --input-file "$work/auth.json" --output "$work/cs" --skip-open-report)
echo "cloudsplaining scan: ${tc}s wall, ${cu}s CPU"
[ -n "$(ls -A "$work/cs")" ] || { echo "cloudsplaining wrote no report: its time is not a measurement" >&2; tail -5 "$work/last.log" >&2; exit 1; }
read -r tp pu < <(t bash -c "/opt/peers/bin/parliament --directory '$work/docs'")
echo "parliament --directory: ${tp}s wall, ${pu}s CPU"
echo "cloudsplaining / tightrope: $(ratio "$tc" "$cu" "$tt" "$tu")"
echo "parliament / tightrope: $(ratio "$tp" "$pu" "$tt" "$tu")"
