#!/usr/bin/env python3
"""Compare tightrope's Azure/GCP rules with Checkov's on the same inputs, in the same run.

usage: python3 bench/audit-cloud/compare.py [TIGHTROPE] [RUNS]

TIGHTROPE defaults to $CARGO_TARGET_DIR/release/tightrope (build it first:
`cargo build --release -p tightrope`). Inputs: TerraGoat's terraform/azure and terraform/gcp
(../shared/data/iac-terragoat) and this crate's Azure/GCP fixtures (copied to a temporary
directory, one sub-directory per rule, so Checkov sees the same files). For every mapped pair
(our rule, Checkov check ids) it prints the resources both tools flag, only we flag and only
Checkov flags, then the median wall time and peak RSS of each tool (bench/measure.py).
Not part of the test suite; needs /opt/peers/bin/checkov.
"""
import collections
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "tightrope")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
CHECKOV = os.environ.get("CHECKOV", "/opt/peers/bin/checkov")
DATA = os.path.join(ROOT, "..", "shared", "data", "iac-terragoat", "terraform")

# Our rule -> Checkov checks that test the same setting.
MAPPING = {
    "TR-AZURE-COGNITIVE-001": ["CKV_AZURE_134"],
    "TR-AZURE-COGNITIVE-002": ["CKV_AZURE_236"],
    "TR-AZURE-COGNITIVE-003": ["CKV2_AZURE_22"],
    "TR-AZURE-COGNITIVE-004": ["CKV_AZURE_247"],
    "TR-AZURE-COGNITIVE-005": ["CKV_AZURE_238"],
    "TR-AZURE-ML-001": ["CKV_AZURE_144"],
    "TR-AZURE-STORAGE-001": ["CKV_AZURE_190", "CKV2_AZURE_47"],
    "TR-AZURE-STORAGE-002": ["CKV_AZURE_3"],
    "TR-AZURE-STORAGE-003": ["CKV_AZURE_44"],
    "TR-AZURE-STORAGE-004": ["CKV_AZURE_35"],
    "TR-AZURE-STORAGE-005": ["CKV2_AZURE_40"],
    "TR-GCP-VERTEX-001": ["CKV_GCP_89", "CKV2_GCP_28"],
    "TR-GCP-VERTEX-002": ["CKV2_GCP_21", "CKV2_GCP_27"],
    "TR-GCP-VERTEX-005": ["CKV2_GCP_33"],
    "TR-GCP-VERTEX-006": ["CKV2_GCP_34"],
    "TR-GCP-VERTEX-007": ["CKV_GCP_92", "CKV2_GCP_24"],
    "TR-GCP-GCS-001": ["CKV_GCP_29"],
    "TR-GCP-GCS-002": ["CKV_GCP_28"],
    "TR-GCP-GCS-003": ["CKV_GCP_114"],
}


def measure(cmd):
    walls, peak = [], 0
    for _ in range(RUNS if "checkov" not in cmd[0] else min(RUNS, 3)):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - t0)
        peak = max(peak, ru.ru_maxrss)
    return statistics.median(walls), peak / 1024


def ours(path, out):
    subprocess.run([TR, "audit", path, "--format", "json", "--output", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = json.load(open(out))
    hits = set()
    for f in d["findings"] + d["suppressed"]:
        path_ = f["location"].get("path", "")
        hits.add((f["rule_id"], os.path.relpath(path_, path) if path_ else "", f["resource"]["address"]))
    return hits


def checkov(path, outdir):
    subprocess.run([CHECKOV, "-d", path, "--framework", "terraform", "--skip-download", "--quiet", "--compact", "-o", "json", "--output-file-path", outdir],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hits = set()
    for fn in glob.glob(os.path.join(outdir, "*.json")):
        d = json.load(open(fn))
        for x in d if isinstance(d, list) else [d]:
            for c in x.get("results", {}).get("failed_checks", []):
                hits.add((c["check_id"], c["file_path"].lstrip("/"), c["resource"]))
    return hits


def compare(name, path, tmp):
    key = name.split()[0].replace("/", "-")
    o = ours(path, os.path.join(tmp, key + ".json"))
    c = checkov(path, os.path.join(tmp, key + "-ck"))
    print(f"\n### {name}\n\n| our rule | Checkov | both | only tightrope | only Checkov |\n|---|---|---|---|---|")
    for rule, checks in MAPPING.items():
        ours_r = {(f, a) for r, f, a in o if r == rule}
        ck_r = {(f, a) for r, f, a in c if r in checks}
        if not ours_r and not ck_r:
            continue
        only_o = sorted(ours_r - ck_r)
        only_c = sorted(ck_r - ours_r)
        fmt = lambda xs: "<br>".join(f"{f}: {a}" for f, a in xs) or "-"
        print(f"| {rule} | {', '.join(checks)} | {len(ours_r & ck_r)} | {fmt(only_o)} | {fmt(only_c)} |")
    t_o, m_o = measure([TR, "audit", path, "--format", "json", "--output", os.path.join(tmp, "m.json")])
    t_c, m_c = measure([CHECKOV, "-d", path, "--framework", "terraform", "--skip-download", "--quiet", "--compact", "-o", "json", "--output-file-path", os.path.join(tmp, "m-ck")])
    print(f"\ntime (median): tightrope {t_o:.4f} s, Checkov {t_c:.2f} s ({t_c / t_o:.0f}x); peak RSS: tightrope {m_o:.1f} MiB, Checkov {m_c:.0f} MiB")


def main():
    if not os.access(TR, os.X_OK) or not os.access(CHECKOV, os.X_OK):
        sys.exit(f"need {TR} and {CHECKOV}")
    with tempfile.TemporaryDirectory() as tmp:
        fx = os.path.join(tmp, "fixtures")
        base = os.path.join(ROOT, "crates", "tightrope-audit", "fixtures")
        for d in sorted(glob.glob(os.path.join(base, "TR-AZURE-*")) + glob.glob(os.path.join(base, "TR-GCP-*"))):
            shutil.copytree(d, os.path.join(fx, os.path.basename(d)))
        for name, path in [("terragoat/azure", os.path.join(DATA, "azure")), ("terragoat/gcp", os.path.join(DATA, "gcp")), ("fixtures (Azure/GCP rules)", fx)]:
            if os.path.isdir(path):
                compare(name, path, tmp)
    print(f"\nmachine: {os.cpu_count()} cores; tightrope {TR}; runs: {RUNS} (Checkov at most 3)")


if __name__ == "__main__":
    main()
