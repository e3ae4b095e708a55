#!/usr/bin/env python3
"""Soak under faults: a headless monitor and the window together for ten minutes.

Inside a private network namespace (re-runs itself through tests/run-in-netns.sh) it
creates a dummy interface soak0 (198.18.0.1/24), floods 239.1.1.1:5001 on it at 20,000
datagrams/s (64 bytes, multicast loopback, so both monitors receive every one), and
meanwhile:

- takes soak0 down and up again every 10 s (the sender pauses from just before the link
  goes down until both monitors have joined again, so every datagram sent had a member);
- stops each monitor for 5 s once a minute (SIGSTOP/SIGCONT: the kernel drops what does
  not fit in the socket buffer and counts it; the monitors report that as os_drops);
- stalls the headless monitor's stdout reader for 30 s (it prints every datagram);
- prints resident memory and open file descriptors of both every 10 s.

At the end each monitor's final statistics must account for every datagram sent:
received + os_drops = sent. Exit status 0 when both do and memory and descriptors stayed
flat, 1 otherwise.

    bench/soak.py [--build DIR] [--minutes 10] [--rate 20000]
"""
import argparse
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
GROUP, PORT, INTERFACE, PEER, ADDRESS = "239.1.1.1", 5001, "soak0", "soak1", "198.18.0.1"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=20000)
    return parser.parse_args()


def in_private_namespace():
    return os.environ.get("MCAST_MONITOR_NETNS") == "1"


def run(*command):
    subprocess.run(command, check=True)


def group_users():
    """Sockets joined to GROUP on INTERFACE, from /proc/net/igmp."""
    wanted = "%08X" % struct.unpack("<I", socket.inet_aton(GROUP))[0]
    users, device = 0, None
    with open("/proc/net/igmp") as table:
        for line in table:
            if not line.startswith("\t"):
                fields = line.split()
                device = fields[1] if len(fields) > 1 else None
            elif device == INTERFACE:
                fields = line.split()
                if fields and fields[0] == wanted:
                    users = int(fields[1])
    return users


class Sender(threading.Thread):
    """Sends `rate` datagrams a second on absolute deadlines; counts only successful sends."""

    def __init__(self, rate):
        super().__init__(daemon=True)
        self.rate = rate
        self.sent = 0
        self.failed = 0
        self.paused = threading.Event()
        self.idle = threading.Event()
        self.stopping = threading.Event()
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(ADDRESS))
        self.socket.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
        self.socket.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)

    def run(self):
        burst = max(1, self.rate // 1000)   # a burst every millisecond
        period = burst / self.rate
        deadline = time.monotonic()
        payload = bytearray(64)
        while not self.stopping.is_set():
            if self.paused.is_set():
                self.idle.set()
                time.sleep(0.01)
                deadline = time.monotonic()
                continue
            self.idle.clear()
            for _ in range(burst):
                struct.pack_into("!Q", payload, 0, self.sent)
                try:
                    self.socket.sendto(payload, (GROUP, PORT))
                    self.sent += 1
                except OSError:
                    self.failed += 1
            deadline += period
            delay = deadline - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            elif delay < -1.0:       # fell far behind (stopped, starved): do not burst
                deadline = time.monotonic()
        self.idle.set()

    def pause(self):
        self.paused.set()
        self.idle.wait(5)

    def resume(self):
        self.paused.clear()


def read_lines(summary_path):
    """The headless monitor's stdout reader, a process of its own so that it can be stalled:
    counts lines, checks that each is whole JSON, keeps the stats lines."""
    lines = broken = 0
    stats = []
    for line in sys.stdin:
        lines += 1
        try:
            record = json.loads(line)
        except ValueError:
            broken += 1
            continue
        if record.get("type") == "stats":
            stats.append(record)
    with open(summary_path, "w") as summary:
        json.dump({"lines": lines, "broken": broken, "stats": stats}, summary)


def sample(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        return rss / 1024.0, len(os.listdir(f"/proc/{pid}/fd"))
    except (OSError, StopIteration):
        return None, None


def find_window(runner_pid, monitor):
    """xvfb-run starts the window as a grandchild: find it by its executable."""
    for _ in range(100):
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != runner_pid:
                try:
                    if os.readlink(f"/proc/{entry}/exe") == monitor:
                        with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                            if b"--listen" in cmdline.read():
                                return int(entry)
                except OSError:
                    pass
        time.sleep(0.1)
    raise SystemExit("soak: the window did not start")


def final_stats(lines):
    stats = [json.loads(line) for line in lines if line.startswith('{"type":"stats"')]
    return stats[-1] if stats else None


def flat(values):
    """Whether the last minute's peak stays within 10 % (and 2 units) of the second minute's."""
    values = [v for v in values if v is not None]
    if len(values) < 12:
        return True
    early, late = max(values[6:12]), max(values[-6:])
    return late <= early * 1.10 + 2


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--read-lines":
        read_lines(sys.argv[2])
        return 0
    args = parse_args()
    if not in_private_namespace():
        script = os.path.join(TOP, "tests", "run-in-netns.sh")
        os.execv(script, [script, sys.executable, os.path.abspath(__file__)] + sys.argv[1:])
    monitor = os.path.realpath(os.path.join(args.build, "app", "mcast-monitor"))
    if not os.access(monitor, os.X_OK):
        raise SystemExit(f"soak: build first: {monitor} is missing")

    # A veth pair (dummy interfaces need a kernel module containers often lack); the
    # monitors join on soak0, where the sender's multicast loopback delivers.
    run("ip", "link", "add", INTERFACE, "type", "veth", "peer", "name", PEER)
    run("ip", "addr", "add", ADDRESS + "/24", "dev", INTERFACE)
    run("ip", "link", "set", PEER, "up")
    run("ip", "link", "set", INTERFACE, "multicast", "on", "up")

    work = f"/tmp/soak-{os.getpid()}"
    os.makedirs(work)
    seconds = int(args.minutes * 60)
    common = ["--group", GROUP, "--port", str(PORT), "--interface", INTERFACE, "--json",
              "--stats", "10", "--duration", str(seconds + 15)]
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"))
    headless = subprocess.Popen([monitor, "--headless", "--datagrams"] + common, stdout=subprocess.PIPE,
                                stderr=open(os.path.join(work, "headless.err"), "w"), env=env)
    reader = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--read-lines",
                               os.path.join(work, "headless.json")], stdin=headless.stdout)
    headless.stdout.close()  # the reader holds the pipe now
    window_runner = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", monitor, "--listen"]
                                     + common, stdout=open(os.path.join(work, "window.out"), "w"),
                                     stderr=open(os.path.join(work, "window.err"), "w"), env=env)
    window = find_window(window_runner.pid, monitor)
    deadline = time.monotonic() + 30
    while group_users() < 2:
        if time.monotonic() > deadline:
            raise SystemExit("soak: the monitors did not join within 30 s")
        time.sleep(0.1)

    sender = Sender(args.rate)
    sender.start()
    start = time.monotonic()
    samples = []
    stall = (180, 210) if seconds >= 240 else (seconds // 3, seconds // 3 + 30)
    print(f"flood {args.rate}/s on {INTERFACE} for {seconds} s; link down/up every 10 s; "
          f"SIGSTOP 5 s each minute (window at :08, headless at :38); stdout reader stalled "
          f"{stall[0]}-{stall[1]} s", flush=True)
    print(f"{'s':>5} {'sent':>10} {'headless MB':>11} {'fds':>4} {'window MB':>9} {'fds':>4}", flush=True)
    for tick in range(1, seconds + 1):
        while time.monotonic() - start < tick:
            time.sleep(0.02)
        if tick % 10 == 0:
            h_rss, h_fds = sample(headless.pid)
            w_rss, w_fds = sample(window)
            samples.append((tick, h_rss, h_fds, w_rss, w_fds))
            print(f"{tick:>5} {sender.sent:>10} {h_rss or 0:>11.1f} {h_fds or 0:>4} "
                  f"{w_rss or 0:>9.1f} {w_fds or 0:>4}", flush=True)
        if tick == stall[0]:
            os.kill(reader.pid, signal.SIGSTOP)
        if tick == stall[1]:
            os.kill(reader.pid, signal.SIGCONT)
        for pid, at in ((window, 8), (headless.pid, 38)):
            if tick % 60 == at:
                os.kill(pid, signal.SIGSTOP)
            if tick % 60 == at + 5:
                os.kill(pid, signal.SIGCONT)
        if tick % 10 == 5 and tick + 5 < seconds:
            cycle_link(sender)
    sender.stopping.set()
    sender.join()
    print(f"sent {sender.sent} (sendto failures {sender.failed}); waiting for the monitors to end", flush=True)

    headless_code = headless.wait()
    reader.wait()
    window_runner.wait()
    with open(os.path.join(work, "headless.json")) as summary:
        read = json.load(summary)
    with open(os.path.join(work, "window.out")) as out:
        window_final = final_stats(out.read().splitlines())
    headless_final = read["stats"][-1] if read["stats"] else None

    ok = True
    for name, final in (("headless", headless_final), ("window", window_final)):
        if final is None:
            print(f"{name}: no final statistics line")
            ok = False
            continue
        received, drops = final["total"]["packets"], final["os_drops"]
        accounted = received + drops
        verdict = "ok" if accounted == sender.sent else "MISMATCH"
        ok &= accounted == sender.sent
        extra = f", dropped_lines {final.get('dropped_lines')}" if "dropped_lines" in final else ""
        print(f"{name}: received {received} + os_drops {drops} = {accounted} of {sender.sent} sent: "
              f"{verdict}{extra}")
    print(f"headless: exit {headless_code}; its reader read {read['lines']} lines, "
          f"{read['broken']} not whole JSON")
    ok &= read["broken"] == 0
    for index, name in ((1, "headless RSS"), (2, "headless fds"), (3, "window RSS"), (4, "window fds")):
        values = [row[index] for row in samples]
        steady = flat(values)
        ok &= steady
        print(f"{name}: min {min(v for v in values if v is not None):.1f} "
              f"max {max(v for v in values if v is not None):.1f} — {'flat' if steady else 'GROWING'}")
    print(f"files in {work}")
    return 0 if ok else 1


def cycle_link(sender):
    """Interface down and up; the sender pauses until both monitors have joined again."""
    sender.pause()
    time.sleep(0.3)  # what is in flight arrives
    run("ip", "link", "set", INTERFACE, "down")
    give_up = time.monotonic() + 3
    while group_users() >= 2 and time.monotonic() < give_up:
        time.sleep(0.05)
    time.sleep(1.2)  # both monitors see it (they check every second)
    run("ip", "link", "set", INTERFACE, "up")
    give_up = time.monotonic() + 15
    while group_users() < 2 and time.monotonic() < give_up:
        time.sleep(0.05)
    time.sleep(0.2)
    sender.resume()


if __name__ == "__main__":
    sys.exit(main())
