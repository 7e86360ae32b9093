#!/usr/bin/env python3
"""Baseline for `tightrope detect run`: the same job with pandas + scikit-learn.

Reads the same gzipped CloudTrail files (json.load per file, the usual way), builds the same
per-(identity, 5-minute window) features as tightrope (log event count, log model invocations,
error ratio, log S3 reads, log writes, log distinct actions, log distinct /16 networks), fits an
IsolationForest (100 trees, 256 samples, fixed seed) on the history windows and scores the test
windows. Prints timings as JSON. Usage:

    /opt/peers/ml-venv/bin/python bench/detect/pandas_iforest.py HISTORY_DIR TEST_DIR
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import IsolationForest

AI = ("InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream")


def rows(root):
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".json.gz"):
                continue
            with gzip.open(os.path.join(dirpath, name), "rb") as f:
                for r in json.load(f).get("Records", []):
                    ui = r.get("userIdentity") or {}
                    issuer = ((ui.get("sessionContext") or {}).get("sessionIssuer") or {}).get("arn")
                    ip = r.get("sourceIPAddress") or ""
                    parts = ip.split(".")
                    yield (
                        issuer or ui.get("arn") or ui.get("principalId") or "unknown",
                        r.get("eventTime"),
                        (r.get("eventSource") or "") + ":" + (r.get("eventName") or ""),
                        r.get("eventName") or "",
                        ".".join(parts[:2]) if len(parts) == 4 else ip,
                        r.get("errorCode") is not None,
                        r.get("readOnly") is False,
                    )


def features(root):
    df = pd.DataFrame.from_records(rows(root), columns=["identity", "time", "action", "name", "net16", "error", "write"])
    ts = pd.to_datetime(df["time"], utc=True, format="ISO8601")
    df["window"] = (ts - pd.Timestamp("1970-01-01", tz="UTC")) // pd.Timedelta(seconds=300)
    df["ai"] = df["name"].isin(AI)
    df["s3read"] = df["action"] == "s3.amazonaws.com:GetObject"
    g = df.groupby(["identity", "window"])
    f = pd.DataFrame({
        "events": g.size(),
        "ai": g["ai"].sum(),
        "errors": g["error"].sum(),
        "s3": g["s3read"].sum(),
        "writes": g["write"].sum(),
        "actions": g["action"].nunique(),
        "nets": g["net16"].nunique(),
    })
    x = np.column_stack([
        np.log1p(f["events"]), np.log1p(f["ai"]), f["errors"] / f["events"].clip(lower=1),
        np.log1p(f["s3"]), np.log1p(f["writes"]), np.log1p(f["actions"]), np.log1p(f["nets"]),
    ])
    return len(df), x


def main():
    history, test = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    n_hist, x_hist = features(history)
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(x_hist)
    t1 = time.perf_counter()
    n_test, x_test = features(test)
    scores = -forest.score_samples(x_test)
    t2 = time.perf_counter()
    print(json.dumps({
        "learn_events": n_hist, "learn_seconds": round(t1 - t0, 2),
        "run_events": n_test, "run_seconds": round(t2 - t1, 2),
        "run_events_per_second": round(n_test / (t2 - t1)),
        "windows": len(x_test), "max_score": float(scores.max()),
    }))


if __name__ == "__main__":
    main()
