#!/usr/bin/env python3
"""Test-stream sender at 100,000 datagrams/s: achieved rate and CPU.

Inside a private network namespace (re-runs itself through tests/run-in-netns.sh), for each
size (188 and 1,316 bytes of MPEG-TS by default): `mcast-monitor --send --format mpegts
--rate 100000 --size S --duration 10` to 239.1.1.1:5004 on lo, received by
`mcast-monitor --headless --stats 1 --json` (recvmmsg). Reports the datagrams the sender
counted and its rate, the receiver's count and the OS's drops, and both processes' CPU time
(user + system, from wait4 / /proc) per second and per datagram.

    bench/stream-send.py [--build DIR] [--seconds 10] [--rate 100000] [--sizes 188,1316] [--format mpegts]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

import namespace
from procfs import cpu_seconds

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
PORT = 5004


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=100_000)
    parser.add_argument("--sizes", default="188,1316")
    parser.add_argument("--format", default="mpegts")
    return parser.parse_args()



def run(monitor, env, fmt, rate, size, seconds):
    receiver = subprocess.Popen(
        [monitor, "--headless", "--stats", "1", "--json", "--group", f"239.1.1.1:{PORT}@lo",
         "--duration", str(seconds + 3)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    line = receiver.stderr.readline()
    if "Listening to" not in line:
        raise SystemExit(f"stream-send: the receiver did not start: {line.strip()}")
    receiver_cpu_before = cpu_seconds(receiver.pid)
    start = time.monotonic()
    sender = subprocess.Popen(
        [monitor, "--send", "--format", fmt, "--port", str(PORT), "--interface", "lo", "--rate", str(rate),
         "--size", str(size), "--duration", str(seconds)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    _, status, usage = os.wait4(sender.pid, 0)
    wall = time.monotonic() - start
    sender.returncode = os.waitstatus_to_exitcode(status)
    summary = sender.stderr.read()
    receiver_cpu = cpu_seconds(receiver.pid) - receiver_cpu_before
    out, _ = receiver.communicate(timeout=60)
    stats = [json.loads(l) for l in out.splitlines() if l.startswith('{"type":"stats"')][-1]
    match = re.search(r"Sent (\d+) \S+ datagrams in ([\d.]+) s: (\d+) errors, (\d+) skipped", summary)
    if not match:
        raise SystemExit(f"stream-send: no summary from the sender: {summary}")
    sent, elapsed, errors, skipped = int(match[1]), float(match[2]), int(match[3]), int(match[4])
    sender_cpu = usage.ru_utime + usage.ru_stime
    received = stats["total"]["packets"]
    print(f"{fmt} {size} B at {rate:,}/s for {seconds:g} s:")
    print(f"  sender:   sent {sent:,} of {int(rate * seconds):,} due in {elapsed:.3f} s "
          f"({sent / elapsed:,.0f}/s), {errors} errors, {skipped} skipped; "
          f"CPU {sender_cpu:.2f} s ({100 * sender_cpu / wall:.0f} % of a core, "
          f"{1e6 * sender_cpu / max(sent, 1):.2f} µs per datagram; user {usage.ru_utime:.2f} s, "
          f"system {usage.ru_stime:.2f} s)")
    print(f"  receiver: received {received:,} ({100 * received / max(sent, 1):.2f} %), "
          f"os_drops {stats['os_drops']}, CPU {receiver_cpu:.2f} s")
    return sent


def main():
    args = parse_args()
    namespace.enter(__file__)
    monitor = namespace.monitor(args.build)
    env = dict(os.environ, XDG_CONFIG_HOME=f"/tmp/stream-send-config-{os.getpid()}")
    with open("/proc/loadavg") as load:
        print(f"load average before: {load.read().split()[0]} on {os.cpu_count()} cores")
    for size in (int(s) for s in args.sizes.split(",")):
        run(monitor, env, args.format, args.rate, size, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
