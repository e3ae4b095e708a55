#!/usr/bin/env python3
"""Scrapes a headless probe watching 1,000 flows (the senders table's cap).

Run inside a private network namespace, from the repository, after a build:
    tests/run-in-netns.sh python3 bench/metrics-scrape.py
It starts build/app/mcast-monitor --headless --metrics 9300, sends ATU heartbeats from
1,100 loopback addresses (127.0.x.y) three times, then times ten scrapes of /metrics
0.3 s apart (each renders anew), and 100 clients scraping at once. Figures in README.md.
"""
import socket, time, subprocess, sys, datetime, os, signal
import tempfile
env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp())
probe = subprocess.Popen([os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "app", "mcast-monitor"), "--headless", "--group", "239.1.1.1:5001@lo",
                          "--metrics", "9300", "--stats", "3600"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
time.sleep(1.5)
for rnd in range(3):
    for i in range(1100):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.%d.%d" % (i // 250, i % 250 + 1), 0))
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
        s.sendto(("ATU " + str(datetime.datetime.now())).encode(), ("239.1.1.1", 5001))
        s.close()
    time.sleep(0.3)
time.sleep(1)
import urllib.request
times = []
for k in range(10):
    time.sleep(0.3)
    t = time.perf_counter()
    body = urllib.request.urlopen("http://127.0.0.1:9300/metrics").read()
    times.append(time.perf_counter() - t)
times.sort()
print("bytes", len(body), "lines", body.count(b"\n"), "series packets", body.count(b"\nmcast_monitor_packets_total{"))
print("scrape ms: min %.1f median %.1f max %.1f" % (times[0]*1e3, times[len(times)//2]*1e3, times[-1]*1e3))
t = time.perf_counter()
import threading
res = []
def get():
    try:
        res.append(len(urllib.request.urlopen("http://127.0.0.1:9300/metrics", timeout=60).read()))
    except Exception as e:
        res.append(str(e))
th = [threading.Thread(target=get) for _ in range(100)]
[x.start() for x in th]; [x.join() for x in th]
print("100 concurrent scrapes: %.2f s, ok %d" % (time.perf_counter() - t, sum(1 for r in res if r == len(body) or isinstance(r, int))))
print(subprocess.run(["ps", "-o", "rss=,time=", "-p", str(probe.pid)], capture_output=True, text=True).stdout)
probe.send_signal(signal.SIGTERM); probe.wait()
