#!/usr/bin/env bash
# headless --pcap under a loopback flood (iperf 2, 64-byte datagrams, 5 s at 50 k/s and at
# the most iperf can send), inside a private network namespace: datagrams sent, received,
# records in the capture (and whether it is whole), peak RSS and CPU time.
#
#   bench/pcap-flood.sh [--build DIR]        # needs iperf (2.x) and GNU time
set -euo pipefail
top=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/..
build=$top/build
[[ ${1:-} == --build ]] && build=$(readlink -f "$2")
if [[ ${MCAST_MONITOR_NETNS:-} != 1 ]]; then
    exec "$top/tests/run-in-netns.sh" "$0" --build "$build"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config
for rate in 50000pps 100G; do
    /usr/bin/time -f '%M KB peak RSS, %U s user + %S s system' -o "$work/time.txt" \
        "$build/app/mcast-monitor" --headless --stats 1 --json --duration 8 --pcap "$work/flood.pcap" \
        >"$work/out.json" 2>"$work/err.txt" &
    sleep 1.5
    sent=$(iperf -c 239.1.1.1 -u -p 5001 -l 64 -b "$rate" -t 5 -T 1 -B 127.0.0.1 2>&1 |
        sed -n 's/.*Sent \([0-9]*\) datagrams.*/\1/p' | tail -1)
    wait
    python3 - "$work" "$rate" "$sent" <<'PY'
import json, struct, sys
work, rate, sent = sys.argv[1:]
stats = json.loads(open(f"{work}/out.json").read().strip().split("\n")[-1])
data = open(f"{work}/flood.pcap", "rb").read()
records, at = 0, 24
while at + 16 <= len(data):
    at += 16 + struct.unpack("<I", data[at + 8:at + 12])[0]
    records += 1
print(f"{rate}: sent {sent}, received {stats['total']['packets']}, captured {records} "
      f"(whole: {at == len(data)}), os_drops {stats['os_drops']}")
PY
    cat "$work/time.txt"
    grep -v '^Listening' "$work/err.txt" || true
done
