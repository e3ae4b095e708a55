#!/usr/bin/env bash
# Windows and Linux builds of mcast-monitor talk to each other and to the seed's publisher,
# inside the tests' private network namespace, the Windows one under Wine:
#  1. mcast-monitor.exe --headless receives the seed's publisher (tests/windows/
#     seed_publisher.py, 239.1.1.1:5001) and the Linux --send (239.1.1.2:5002): every
#     heartbeat arrives, decoded as ATU, with its offset;
#  2. the Linux --headless receives mcast-monitor.exe --send (239.1.1.3:5003) likewise.
#   tests/windows/interop.sh LINUX_BINARY WINDOWS_BINARY WINE_RUN
# Run by installer/windows/test.sh (the CTest test windows_interop of the Windows build);
# exit 77 (skipped) when there is no Linux build to talk to.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
usage="usage: interop.sh LINUX_BINARY WINDOWS_BINARY WINE_RUN"
linux=${1:?$usage}
windows=${2:?$usage}
wine_run=${3:?$usage} # the Windows build's wine-run.sh
if [[ ! -x $linux ]]; then
    echo "interop.sh: no Linux build at $linux (./build.sh makes it): skipped" >&2
    exit 77
fi
if [[ ${MCAST_MONITOR_NETNS_ID:-} != "$(readlink /proc/self/ns/net)" ]]; then
    echo "interop.sh: run inside the tests' namespace (installer/windows/test.sh)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

fail() {
    echo "interop.sh: FAIL: $*" >&2
    for log in "$work"/*.err; do
        echo "--- $log" >&2
        cat "$log" >&2
    done
    exit 1
}

# Waits until a receiver's stderr says it has joined, or fails after 60 s (Wine starts slowly).
wait_listening() {
    local log=$1
    for _ in $(seq 600); do
        grep -q "^Listening" "$log" 2>/dev/null && return 0
        sleep 0.1
    done
    fail "the receiver logging to $log never said it was listening"
}

# check.py FILE GROUP COUNT: COUNT ATU datagrams to GROUP from 127.0.0.1, each with a
# timestamp in its payload and an offset under a second.
check() {
    python3 - "$@" <<'PY' || fail "$1: $2 expected $3 ATU heartbeats"
import json, sys
path, group, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
got = [l for l in lines if l.get("type") == "datagram" and l["group"] == group]
print(f"{path}: {len(got)} datagrams to {group}", file=sys.stderr)
assert len(got) == count, got
for d in got:
    assert d["source"] == "127.0.0.1", d
    assert d["format"] == "atu", d
    assert d["payload"].startswith("ATU 20"), d
    assert d["atu_offset_ms"] is not None and abs(d["atu_offset_ms"]) < 1000, d
PY
}

echo "1. Windows receives the seed's publisher and the Linux sender"
timeout 120 "$wine_run" "$windows" --headless --json --count 6 \
    --group 239.1.1.1:5001 --group 239.1.1.2:5002 >"$work/windows.jsonl" 2>"$work/windows.err" &
receiver=$!
wait_listening "$work/windows.err"
python3 "$here/seed_publisher.py" --count 3 --interval 0.3 >"$work/seed.out" 2>"$work/seed.err"
"$linux" --send --group 239.1.1.2:5002 --count 3 --interval 0.3 >"$work/linux-send.out" 2>"$work/linux-send.err"
wait "$receiver" || fail "mcast-monitor.exe --headless ended with $?"
check "$work/windows.jsonl" 239.1.1.1 3
check "$work/windows.jsonl" 239.1.1.2 3

echo "2. Linux receives the Windows sender"
timeout 120 "$linux" --headless --json --count 3 --group 239.1.1.3:5003 \
    >"$work/linux.jsonl" 2>"$work/linux.err" &
receiver=$!
wait_listening "$work/linux.err"
timeout 120 "$wine_run" "$windows" --send --group 239.1.1.3:5003 --count 3 --interval 0.3 \
    >"$work/windows-send.out" 2>"$work/windows-send.err" || fail "mcast-monitor.exe --send ended with $?"
grep -c "^Sent " "$work/windows-send.out" | grep -qx 3 || fail "mcast-monitor.exe --send did not print 3 Sent lines"
wait "$receiver" || fail "the Linux --headless ended with $?"
check "$work/linux.jsonl" 239.1.1.3 3
echo "interop.sh: both directions read right"
