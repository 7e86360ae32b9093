#!/usr/bin/env python3
"""Run a command N times; print the median wall-clock seconds and the peak RSS in KiB.

usage: measure.py RUNS CMD [ARGS...]
Wall time is taken with time.perf_counter around each run (sub-millisecond resolution); peak RSS is
the child's ru_maxrss from wait4, per run, and the largest over all runs is reported. The command's
stdout/stderr are discarded; its exit code is ignored (scanners exit 1 when they find something).
"""
import os
import statistics
import subprocess
import sys
import time

runs, cmd = int(sys.argv[1]), sys.argv[2:]
walls, peak = [], 0
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    walls.append(time.perf_counter() - t0)
    peak = max(peak, ru.ru_maxrss)
print(f"{statistics.median(walls):.4f} {peak}")
