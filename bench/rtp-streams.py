#!/usr/bin/env python3
"""Many RTP streams at once: 20 senders x 5,000 datagrams/s (100,000/s in all) for 10 s.

Inside a private network namespace (re-runs itself through tests/run-in-netns.sh), our own
test-stream senders (`mcast-monitor --send --format rtp`, MPEG-TS in RTP, 1,328 bytes) all
send to 239.1.1.2:5004 on loopback, each with its own SSRC and source port, so the monitor
sees 20 flows. Nothing is dropped on purpose, so every flow must report zero loss:

1. into `--headless --stats 1 --json`: received against sent, OS drops, and per flow the
   format, packets, lost, duplicates, reordered, CC errors and jitter;
2. into the window (under Xvfb at 1024x768, `--listen --stats 1 --json`): the same, plus
   its largest GUI stall (target under 100 ms).

    bench/rtp-streams.py [--build DIR] [--streams 20] [--rate 5000] [--seconds 10] [--receive-buffer 16M]
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

import namespace
from procfs import cpu_seconds, descendants, rss_mb

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
GROUP = "239.1.1.2:5004"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    parser.add_argument("--streams", type=int, default=20)
    parser.add_argument("--rate", type=int, default=5000, help="datagrams per second per stream")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--receive-buffer", help="passed on to both monitors (e.g. 16M)")
    return parser.parse_args()


def send_all(monitor, streams, rate, seconds, env):
    """Starts every sender at once; returns the datagrams they sent (each sends exactly --count)."""
    count = rate * seconds
    senders = [subprocess.Popen([monitor, "--send", "--format", "rtp", "--group", GROUP, "--rate", str(rate),
                                 "--count", str(count)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
               for _ in range(streams)]
    failures = []
    for sender in senders:
        _, err = sender.communicate(timeout=seconds * 10 + 60)
        if sender.returncode != 0:
            failures.append(err.strip())
    if failures:
        raise SystemExit(f"rtp-streams: {len(failures)} senders failed: {failures[0]}")
    return count * streams


def monitor_pid(runner, monitor):
    """The monitor itself: the runner, or its descendant under xvfb-run."""
    for pid in [runner.pid] + descendants(runner.pid):
        try:
            if os.path.basename(os.readlink(f"/proc/{pid}/exe")) == os.path.basename(monitor):
                return pid
        except OSError:
            pass
    return None


def measure(label, command, monitor, args, env, startup_s):
    out_path = f"{env['XDG_CONFIG_HOME']}/{label}.jsonl"
    runner = subprocess.Popen(command, stdout=open(out_path, "w"), stderr=subprocess.DEVNULL, env=env)
    time.sleep(startup_s)
    pid = monitor_pid(runner, monitor)
    if pid is None:
        raise SystemExit(f"rtp-streams: the {label} monitor did not start")
    cpu_before = cpu_seconds(pid)
    started = time.monotonic()
    sent = send_all(monitor, args.streams, args.rate, args.seconds, env)
    elapsed = time.monotonic() - started
    time.sleep(1)
    cpu = cpu_seconds(pid) - cpu_before
    peak = rss_mb(pid)
    os.kill(pid, signal.SIGTERM)  # xvfb-run does not pass SIGTERM on
    runner.wait(timeout=60)
    with open(out_path) as out:
        final = [json.loads(line) for line in out if line.startswith('{"type":"stats"')][-1]
    flows = [s for s in final["senders"] if not s.get("other")]
    received, drops = final["total"]["packets"], final["os_drops"]
    lost = sum(s["lost"] or 0 for s in flows)
    row = {"receiver": label, "sent": sent, "seconds": round(elapsed, 2), "received": received, "os_drops": drops,
           "flows": len(flows), "formats": sorted({s["format"] for s in flows}),
           "lost": lost, "duplicates": sum(s["duplicates"] or 0 for s in flows),
           "reordered": sum(s["reordered"] or 0 for s in flows),
           "cc_errors": sum(s["cc_errors"] or 0 for s in flows),
           "max_jitter_ms": max((s["jitter_ms"] or 0) for s in flows) if flows else None,
           "cpu_s": round(cpu, 2), "cpu_us_per_datagram": round(cpu * 1e6 / max(received, 1), 3),
           "rss_mb": round(peak, 1), "gui_max_stall_ms": final.get("gui_max_stall_ms")}
    print(json.dumps(row), flush=True)
    return row


def main():
    args = parse_args()
    namespace.enter(__file__)
    monitor = namespace.monitor(args.build)
    env = dict(os.environ, XDG_CONFIG_HOME=f"/tmp/rtp-streams-{os.getpid()}")
    os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
    lasting = str(args.seconds * 10 + 60)  # ended by SIGTERM once the senders are done
    extra = ["--receive-buffer", args.receive_buffer] if args.receive_buffer else []
    rows = [
        measure("headless", [monitor, "--headless", "--group", GROUP, "--stats", "1", "--json", "--duration",
                             lasting] + extra, monitor, args, env, 1.0),
        measure("window", ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24", monitor, "--listen", "--group", GROUP,
                           "--stats", "1", "--json", "--duration", lasting] + extra, monitor, args, env, 4.0),
    ]
    results = os.path.join(HERE, "results")
    os.makedirs(results, exist_ok=True)
    path = os.path.join(results, time.strftime("rtp-streams-%Y%m%d-%H%M%S.json"))
    with open(path, "w") as out:
        json.dump({"streams": args.streams, "rate": args.rate, "seconds": args.seconds,
                   "load_average": os.getloadavg()[0], "runs": rows}, out, indent=1)
    print(f"{'receiver':>9} {'sent':>9} {'received':>9} {'OS drops':>8} {'flows':>5} {'lost':>5} {'dup':>4} "
          f"{'reord':>5} {'CC err':>6} {'jitter ms':>9} {'µs/dgram':>8} {'RSS MB':>6} {'stall ms':>8}")
    ok = True
    for r in rows:
        stall = "" if r["gui_max_stall_ms"] is None else f"{r['gui_max_stall_ms']:.1f}"
        print(f"{r['receiver']:>9} {r['sent']:>9} {r['received']:>9} {r['os_drops']:>8} {r['flows']:>5} "
              f"{r['lost']:>5} {r['duplicates']:>4} {r['reordered']:>5} {r['cc_errors']:>6} "
              f"{r['max_jitter_ms'] or 0:>9.3f} {r['cpu_us_per_datagram']:>8.3f} {r['rss_mb']:>6} {stall:>8}")
        ok &= r["received"] == r["sent"] and r["lost"] == 0 and r["flows"] == args.streams
        ok &= r["gui_max_stall_ms"] is None or r["gui_max_stall_ms"] < 100
    print(f"written to {path}; {'all targets met' if ok else 'a target was missed'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
