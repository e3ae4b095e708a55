#!/usr/bin/env python3
"""The seed's publisher (mc_client.py), as it sends: each message from a new socket that
joins the group on the interface 127.0.0.1 and sends "ATU <datetime.now()>" to
239.1.1.1:5001. Bounded for tests: --count messages, --interval seconds apart."""
import argparse
import socket
import time
from datetime import datetime

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--group", default="239.1.1.1")
parser.add_argument("--port", type=int, default=5001)
parser.add_argument("--interface", default="127.0.0.1")
parser.add_argument("--count", type=int, default=5)
parser.add_argument("--interval", type=float, default=1.0)
args = parser.parse_args()

for _ in range(args.count):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP) as s:
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                     socket.inet_aton(args.group) + socket.inet_aton(args.interface))
        message_text = f"ATU {datetime.now()}"
        s.sendto(message_text.encode("utf-8"), (args.group, args.port))
        print(f"Sent {message_text} to {args.group}:{args.port}", flush=True)
        time.sleep(args.interval)
