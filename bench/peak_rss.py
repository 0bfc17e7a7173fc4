#!/usr/bin/env python3
"""peak_rss.py PID OUT: samples the resident memory of PID and all its descendants every 20 ms
and, when sent SIGTERM, writes the peak of their sum (kB) to OUT. Server and git children
together are what a clone costs the machine."""
import os
import signal
import sys
import time

root, out = int(sys.argv[1]), sys.argv[2]
peak = 0


def tree_rss():
    children = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(pid))
        except (OSError, ValueError, IndexError):
            pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total


def finish(*_):
    with open(out, "w") as f:
        f.write(f"{peak}\n")
    sys.exit(0)


signal.signal(signal.SIGTERM, finish)
while True:
    peak = max(peak, tree_rss())
    time.sleep(0.02)
