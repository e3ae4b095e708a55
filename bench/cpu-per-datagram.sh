#!/usr/bin/env bash
# CPU time the headless monitor spends per received datagram, for one or more builds under
# the same offered load: iperf 2 sends a fixed number of 64-byte datagrams at a fixed rate
# to 239.1.1.1:5001 on loopback (inside a private network namespace), `mcast-monitor
# --headless --stats 1 --json` receives them, GNU time measures its user + system time.
# Each build is measured --runs times, interleaved, and the median is reported.
#
#   bench/cpu-per-datagram.sh [--rate 50000] [--datagrams 500000] [--runs 3] BUILD_DIR...
#
# Compare a change with its parent:  git worktree add /tmp/base HEAD~1, build it there,
# then: bench/cpu-per-datagram.sh /tmp/base/build build
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
top=$(dirname "$here")

rate=50000
datagrams=500000
runs=3
builds=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --rate) rate=$2; shift 2 ;;
        --datagrams) datagrams=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --inside) shift ;;
        -*) echo "cpu-per-datagram.sh: unknown option $1" >&2; exit 2 ;;
        *) builds+=("$(readlink -f "$1")"); shift ;;
    esac
done
[[ ${#builds[@]} -gt 0 ]] || builds=("$top/build")

if [[ -z ${MCAST_MONITOR_NETNS:-} ]]; then
    exec "$top/tests/run-in-netns.sh" "$0" --rate "$rate" --datagrams "$datagrams" --runs "$runs" \
        --inside "${builds[@]}"
fi
for tool in iperf python3; do
    command -v "$tool" >/dev/null || { echo "cpu-per-datagram.sh: needs $tool" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "cpu-per-datagram.sh: needs GNU time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config
seconds=$(( datagrams / rate + 1 ))

measure() { # build -> "received cpu_seconds"
    local monitor=$1/app/mcast-monitor
    /usr/bin/time -f '%U %S' -o "$work/time.txt" "$monitor" --headless --stats 1 --json \
        --duration $((seconds + 3)) >"$work/out.txt" 2>"$work/err.txt" &
    local measured=$!
    sleep 1
    iperf -c 239.1.1.1 -u -p 5001 -l 64 -b "${rate}pps" -n $((datagrams * 64)) -T 1 -B 127.0.0.1 \
        >"$work/sender.txt" 2>&1
    wait "$measured" || true
    local received
    received=$(grep '"type":"stats"' "$work/out.txt" | tail -1 \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["packets"])')
    read -r user sys <"$work/time.txt"
    echo "$received $(python3 -c "print($user + $sys)")"
}

: >"$work/results.txt"
for ((run = 1; run <= runs; ++run)); do
    for build in "${builds[@]}"; do
        read -r received cpu < <(measure "$build")
        echo "$build $received $cpu" >>"$work/results.txt"
        printf 'run %d %-40s received %8d  CPU %6.2f s  %6.3f µs/datagram\n' "$run" "$build" "$received" \
            "$cpu" "$(python3 -c "print($cpu * 1e6 / max($received, 1))")"
    done
done
python3 - "$work/results.txt" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    build, received, cpu = line.split()
    rows.setdefault(build, []).append(float(cpu) * 1e6 / max(int(received), 1))
print("median µs CPU per datagram:")
for build, values in rows.items():
    print(f"  {statistics.median(values):7.3f}  {build}  (runs: {', '.join(f'{v:.3f}' for v in values)})")
PY
