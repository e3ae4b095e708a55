#!/usr/bin/env python3
"""Many groups at once: 1,000 IPv4 groups on loopback and 64 IPv6 groups on a veth pair.

Inside a private network namespace (re-runs itself through tests/run-in-netns.sh):

1. memory per subscription: resident memory of an idle `--headless` run joined to 1 group
   and to 1,000 groups;
2. the same 100,000 datagrams/s into one group, then 1,000 IPv4 groups (239.30.0.1 ...) x
   100 datagrams/s each, for 10 s, into `mcast-monitor --headless --stats 1 --json`:
   received and dropped against sent, and the monitor's CPU time per datagram;
3. the window (under Xvfb) with the same 1,000 subscriptions in its table: received and its
   largest GUI stall (target under 100 ms);
4. 64 IPv6 groups (ff15::30:1 ...) x 100 datagrams/s on a veth pair (sent out of g6v0,
   joined on g6v1), the same way.

    bench/groups.py [--build DIR] [--seconds 10] [--rate 100]
"""
import argparse
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time

import namespace
from procfs import cpu_seconds, descendants, rss_mb

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
PORT = 5001


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=100, help="datagrams per second per group")
    return parser.parse_args()


def ipv4_groups(count):
    return [f"239.30.{i // 250}.{1 + i % 250}" for i in range(count)]


def ipv6_groups(count):
    return [f"ff15::30:{i + 1:x}" for i in range(count)]


def start_monitor(monitor, specs, seconds, env):
    arguments = [monitor, "--headless", "--stats", "1", "--json", "--duration", str(seconds)]
    for spec in specs:
        arguments += ["--group", spec]
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    # "Listening to …" on stderr once every membership is joined.
    line = process.stderr.readline()
    if "Listening to" not in line:
        raise SystemExit(f"groups: the monitor did not start: {line.strip()} {process.stderr.read()}")
    return process, line.strip()


def flood(groups, rate, seconds, family, source, interface_index):
    """Each group `rate` datagrams a second, on absolute 10 ms ticks; returns datagrams sent."""
    sender = socket.socket(family, socket.SOCK_DGRAM)
    if family == socket.AF_INET6:
        sender.bind((source, 0))
        sender.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, interface_index)
    else:
        sender.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(source))
    destinations = [(group, PORT) for group in groups]
    ticks_per_second = 100
    per_tick = max(1, rate // ticks_per_second)
    payload = bytearray(64)
    sent = 0
    start = time.monotonic()
    for tick in range(int(seconds * ticks_per_second)):
        for _ in range(per_tick):
            for destination in destinations:
                struct.pack_into("!Q", payload, 0, sent)
                try:
                    sender.sendto(payload, destination)
                    sent += 1
                except BlockingIOError:
                    pass
        delay = start + (tick + 1) / ticks_per_second - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    elapsed = time.monotonic() - start
    return sent, elapsed


def final_stats(process):
    out, _ = process.communicate(timeout=60)
    stats = [json.loads(line) for line in out.splitlines() if line.startswith('{"type":"stats"')]
    return stats[-1]


def run_flood(monitor, name, groups, specs, rate, seconds, family, source, interface_index, env):
    # Ended by SIGTERM once the flood is over (a busy machine slows the Python sender down).
    process, listening = start_monitor(monitor, specs, seconds * 10 + 30, env)
    time.sleep(0.5)
    rss_before = rss_mb(process.pid)
    cpu_before = cpu_seconds(process.pid)
    sent, elapsed = flood(groups, rate, seconds, family, source, interface_index)
    time.sleep(0.5)
    cpu = cpu_seconds(process.pid) - cpu_before
    peak = rss_mb(process.pid)
    process.send_signal(signal.SIGTERM)
    final = final_stats(process)
    received = final["total"]["packets"]
    drops = final["os_drops"]
    per_group = [s["packets"] for s in final["subscriptions"]]
    print(f"{name}: {listening}")
    print(f"  sent {sent} in {elapsed:.2f} s ({sent / elapsed:,.0f}/s), received {received}, os_drops {drops}, "
          f"lost {sent - received - drops}; per group min {min(per_group)} max {max(per_group)}; "
          f"RSS {rss_before:.1f} -> {peak:.1f} MB; CPU {cpu:.2f} s, {cpu * 1e6 / max(received, 1):.2f} µs per datagram",
          flush=True)
    return sent == received


def run_window(monitor, groups, rate, seconds):
    config = f"/tmp/groups-window-{os.getpid()}"
    os.makedirs(f"{config}/mcast-monitor", exist_ok=True)
    with open(f"{config}/mcast-monitor/mcast-monitor.conf", "w") as settings:
        settings.write("[receive]\n")
        for i, group in enumerate(groups, 1):
            settings.write(f"subscriptions\\{i}\\spec={group}:{PORT}@lo\nsubscriptions\\{i}\\enabled=true\n")
        settings.write(f"subscriptions\\size={len(groups)}\n")
    env = dict(os.environ, XDG_CONFIG_HOME=config)
    # Its statistics go to a file: this script does not read while it floods, and a pipe
    # nobody reads would only measure the output queue.
    out_path = f"{config}/stats.jsonl"
    window = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", monitor, "--listen", "--stats", "1",
                               "--json", "--duration", str(seconds * 10 + 30)],
                              stdout=open(out_path, "w"), stderr=subprocess.DEVNULL, env=env)
    time.sleep(5)  # Xvfb, the window and 1,000 joins
    sent, elapsed = flood(groups, rate, seconds, socket.AF_INET, "127.0.0.1", 0)
    time.sleep(1)
    # Ended once the flood is over: xvfb-run does not pass SIGTERM on, so to the window itself.
    for pid in descendants(window.pid):
        if os.path.basename(os.readlink(f"/proc/{pid}/exe")) == os.path.basename(monitor):
            os.kill(pid, signal.SIGTERM)
    window.wait(timeout=60)
    with open(out_path) as out:
        final = [json.loads(line) for line in out if line.startswith('{"type":"stats"')][-1]
    received, drops = final["total"]["packets"], final["os_drops"]
    joined = sum(1 for s in final["subscriptions"] if s["state"] == "joined")
    print(f"window, {len(groups):,} subscriptions in its table ({joined} joined):")
    print(f"  sent {sent} in {elapsed:.2f} s ({sent / elapsed:,.0f}/s), received {received}, os_drops {drops}, "
          f"lost {sent - received - drops}; largest GUI stall {final['gui_max_stall_ms']} ms", flush=True)
    return sent == received and final["gui_max_stall_ms"] < 100


def main():
    args = parse_args()
    namespace.enter(__file__)
    monitor = namespace.monitor(args.build)
    env = dict(os.environ, XDG_CONFIG_HOME=f"/tmp/groups-config-{os.getpid()}")

    # 1. Memory per subscription, idle.
    v4 = ipv4_groups(1000)
    one, _ = start_monitor(monitor, [f"{v4[0]}:{PORT}@lo"], 3, env)
    thousand, listening = start_monitor(monitor, [f"{g}:{PORT}@lo" for g in v4], 3, env)
    time.sleep(1)
    rss_one, rss_thousand = rss_mb(one.pid), rss_mb(thousand.pid)
    sockets = len([fd for fd in os.listdir(f"/proc/{thousand.pid}/fd")
                   if os.readlink(f"/proc/{thousand.pid}/fd/{fd}").startswith("socket:")])
    one.communicate()
    thousand.communicate()
    print(f"idle: 1 group {rss_one:.1f} MB, 1,000 groups {rss_thousand:.1f} MB "
          f"({(rss_thousand - rss_one) * 1024 / 999:.1f} KiB per subscription), {sockets} sockets "
          f"for 1,000 memberships; {listening}", flush=True)

    # 2. The same load into one group, then spread over 1,000: the cost per datagram should
    # not depend on how many groups there are.
    ok = run_flood(monitor, "1 IPv4 group", v4[:1], [f"{v4[0]}:{PORT}@lo"], args.rate * 1000, args.seconds,
                   socket.AF_INET, "127.0.0.1", 0, env)
    ok &= run_flood(monitor, "1,000 IPv4 groups", v4, [f"{g}:{PORT}@lo" for g in v4], args.rate, args.seconds,
                   socket.AF_INET, "127.0.0.1", 0, env)

    # 3. The window with the same 1,000 subscriptions in its table (from its settings file).
    ok &= run_window(monitor, v4, args.rate, args.seconds)

    # 4. 64 IPv6 groups on a veth pair.
    subprocess.run(["ip", "link", "add", "g6v0", "type", "veth", "peer", "name", "g6v1"], check=True)
    subprocess.run(["ip", "-6", "addr", "add", "2001:db8:30::1/64", "dev", "g6v0", "nodad"], check=True)
    for end in ("g6v0", "g6v1"):
        subprocess.run(["ip", "link", "set", end, "up"], check=True)
    time.sleep(1)
    v6 = ipv6_groups(64)
    ok &= run_flood(monitor, "64 IPv6 groups", v6, [f"[{g}]:{PORT}@g6v1" for g in v6], args.rate, args.seconds,
                    socket.AF_INET6, "2001:db8:30::1", socket.if_nametoindex("g6v0"), env)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
