#!/usr/bin/env python3
"""CPU seconds used so far by a JVM's threads, in groups: GC, JIT compiler, the rest, and how much
of all that was system time (THREAD_DETAIL=1: each thread name too).

    thread-cpu.py PID            prints one line: gc=S jit=S other=S
    thread-cpu.py PID BEFORE     prints the difference from an earlier line
"""
import os
import sys

HZ = os.sysconf("SC_CLK_TCK")
GROUPS = ("gc", "jit", "other", "sys")


def group(name):
    if name.startswith(("GC Thread", "G1 ", "VM Thread", "VM Periodic")):
        return "gc"
    if "CompilerThre" in name:
        return "jit"
    return "other"


def snapshot(pid):
    totals = {"gc": 0.0, "jit": 0.0, "other": 0.0, "sys": 0.0}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        totals[group(name)] += (int(fields[11]) + int(fields[12])) / HZ
        totals["sys"] += int(fields[12]) / HZ
        if os.environ.get("THREAD_DETAIL"):
            totals[name.replace(" ", "_")] = totals.get(name.replace(" ", "_"), 0.0) + (int(fields[11]) + int(fields[12])) / HZ
    return totals


now = snapshot(sys.argv[1])
if len(sys.argv) > 2:
    before = dict(part.split("=") for part in sys.argv[2].split())
    now = {k: v - float(before.get(k, 0)) for k, v in now.items()}
print(" ".join(f"{k.replace(' ', '_')}={v:.2f}" for k, v in now.items() if k in GROUPS or v >= 0.05))
