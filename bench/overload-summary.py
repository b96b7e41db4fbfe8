#!/usr/bin/env python3
"""Summary of an overload-bench.sh run: overload-summary.py OUT_DIR DURATION.

Health probes are summed up over those sent while wrk ran (seconds into the load < DURATION): a
probe that waits 5 s pushes the later ones past the end of the load, where they answer at once.
"""
import re
import statistics
import sys

out, duration = sys.argv[1], float(sys.argv[2])
wrk = open(out + "/wrk.txt").read()
counts = {int(a): int(b) for a, b in re.findall(r"status (\d+) (\d+)", wrk)}
total = sum(counts.values())
print("responses:", total, "by status:", dict(sorted(counts.items())))
print("500s:", counts.get(500, 0), "| 503 share: %.1f %%" % (100.0 * counts.get(503, 0) / max(total, 1)))
for p in ("live", "ready"):
    rows = [l.split() for l in open(out + "/health.txt") if l.startswith(p + " ")]
    during = [r for r in rows if float(r[4]) < duration]
    times = sorted(float(r[2]) for r in during)
    codes = {}
    for r in during:
        codes[r[1]] = codes.get(r[1], 0) + 1
    p95 = times[max(0, -(-len(times) * 95 // 100) - 1)] if times else float("nan")
    print(
        "health/%s during the load: %d probes, answers %s, time max %.3f s, p95 %.3f s,"
        " median %.3f s, over 1 s: %d (after the load: %d more probes, max %.3f s)"
        % (p, len(during), codes, max(times), p95, statistics.median(times),
           sum(t > 1 for t in times), len(rows) - len(during),
           max([float(r[2]) for r in rows if float(r[4]) >= duration] or [0])))
    for r in during:
        if float(r[2]) > 0.5:
            print("  slow: at %5.1f s: %s in %s s (connected after %s s)" % (float(r[4]), r[1], r[2], r[3]))
