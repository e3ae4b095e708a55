#!/usr/bin/env bash
# Floods 239.1.1.1 on loopback with iperf 2 and measures, one after the other under the
# same offered load: iperf 2's own multicast receiver, `mcast-monitor --headless --stats`
# and the window under Xvfb. Runs inside a private network namespace: nothing leaves lo.
#
#   bench/flood.sh [--build DIR] [--seconds N] [--rates "10000 50000 max"]
#   bench/flood.sh --soak [--datagrams 10000000]      # the window, RSS sampled over time
#
# Prints a table and writes bench/results/flood-<time>.json. Needs iperf (2.x), xvfb-run,
# GNU time and python3.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
top=$(dirname "$here")

build=$top/build
seconds=5
rates="10000 50000 max"
soak=0
soak_datagrams=10000000
while [[ $# -gt 0 ]]; do
    case $1 in
        --build) build=$(readlink -f "$2"); shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --rates) rates=$2; shift 2 ;;
        --soak) soak=1; shift ;;
        --datagrams) soak_datagrams=$2; shift 2 ;;
        --inside) shift ;;
        *) echo "flood.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [[ -z ${MCAST_MONITOR_NETNS:-} ]]; then
    exec "$top/tests/run-in-netns.sh" "$0" --build "$build" --seconds "$seconds" --rates "$rates" \
        $([[ $soak == 1 ]] && echo --soak --datagrams "$soak_datagrams") --inside
fi

for tool in iperf xvfb-run python3; do
    command -v "$tool" >/dev/null || { echo "flood.sh: needs $tool" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "flood.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
monitor=$build/app/mcast-monitor
[[ -x $monitor ]] || { echo "flood.sh: build first: $monitor is missing" >&2; exit 1; }

group=239.1.1.1
port=5001
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config   # the user's saved settings stay out of it
results=$here/results
mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)

# iperf 2 takes a pps rate as "<N>pps"; "max" asks for far more than loopback can carry.
bandwidth() { [[ $1 == max ]] && echo 100G || echo "${1}pps"; }

# Runs the iperf sender for the given rate; prints the datagrams it sent.
flood() {
    iperf -c "$group" -u -p "$port" -l 64 -b "$(bandwidth "$1")" -t "$seconds" -T 1 -B 127.0.0.1 \
        >"$work/sender.txt" 2>&1
    sed -n 's/.*Sent \([0-9]*\) datagrams.*/\1/p' "$work/sender.txt" | tail -1
}

# Runs "$@" under GNU time in the background; the caller floods, then waits.
start_measured() {
    /usr/bin/time -f '%M %U %S' -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" &
    measured=$!
}

time_fields() { read -r rss user sys <"$work/time.txt"; echo "$rss $(python3 -c "print(round($user+$sys,2))")"; }

final_stats() { grep '"type":"stats"' "$work/out.txt" | tail -1; }

rows=()
record() { # label rate sent received rss_kb cpu_s stall_ms
    rows+=("$(python3 - "$@" <<'PY'
import json, sys
label, rate, sent, received, rss, cpu, stall = sys.argv[1:8]
sent, received = int(sent or 0), int(received or 0)
row = {"receiver": label, "offered": rate, "sent": sent, "received": received,
       "ratio": round(received / sent, 4) if sent else None,
       "peak_rss_mb": round(int(rss) / 1024, 1), "cpu_s": float(cpu),
       "gui_max_stall_ms": float(stall) if stall not in ("", "-") else None}
print(json.dumps(row))
PY
)")
}

measure_iperf() {
    start_measured iperf -s -u -B "$group" -p "$port" -l 64
    sleep 1
    local sent; sent=$(flood "$1")
    sleep 1
    # GNU time ignores SIGINT while it waits: stop the server itself.
    pkill -INT -f "iperf -s -u -B $group" 2>/dev/null || true
    wait "$measured" 2>/dev/null || true
    # "... 0.004 ms 1234/500000 (0.25%)": lost/total
    local received; received=$(python3 - "$work/out.txt" <<'PY'
import re, sys
m = re.findall(r"(\d+)/\s*(\d+)\s+\(", open(sys.argv[1]).read())
print(int(m[-1][1]) - int(m[-1][0]) if m else 0)
PY
)
    record "iperf2" "$1" "$sent" "$received" $(time_fields) -
}

measure_headless() {
    start_measured "$monitor" --headless --stats 1 --json --duration $((seconds + 3))
    sleep 1
    local sent; sent=$(flood "$1")
    wait "$measured" || true
    local received; received=$(final_stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["packets"])')
    record "headless" "$1" "$sent" "$received" $(time_fields) -
}

measure_gui() {
    # GNU time inside xvfb-run, so that it measures the window and not the X server.
    xvfb-run -a -s '-screen 0 1280x860x24' /usr/bin/time -f '%M %U %S' -o "$work/time.txt" \
        "$monitor" --listen --stats 1 --json --duration $((seconds + 5)) \
        >"$work/out.txt" 2>"$work/err.txt" &
    measured=$!
    sleep 3 # Xvfb and the window start
    local sent; sent=$(flood "$1")
    wait "$measured" || true
    local stats; stats=$(final_stats)
    local received stall
    received=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["total"]["packets"])' "$stats")
    stall=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["gui_max_stall_ms"])' "$stats")
    record "window" "$1" "$sent" "$received" $(time_fields) "$stall"
}

soak() {
    local rss_log=$results/soak-$stamp-rss.tsv
    local pps=100000
    local flood_seconds=$(( (soak_datagrams + pps - 1) / pps ))
    xvfb-run -a -s '-screen 0 1280x860x24' "$monitor" --listen --stats 10 --json \
        --duration $((flood_seconds + 30)) >"$work/out.txt" 2>"$work/err.txt" &
    local runner=$!
    sleep 3
    local pid; pid=$(pgrep -n -f "$monitor --listen") || { echo "flood.sh: window did not start" >&2; exit 1; }
    printf 'seconds\trss_mb\n' >"$rss_log"
    (start=$SECONDS; while kill -0 "$pid" 2>/dev/null; do
        printf '%s\t%s\n' $((SECONDS - start)) "$(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$pid/status 2>/dev/null)"
        sleep 5; done >>"$rss_log") &
    local sampler=$!
    iperf -c "$group" -u -p "$port" -l 64 -b "${pps}pps" -n $((soak_datagrams * 64)) -T 1 -B 127.0.0.1 \
        >"$work/sender.txt" 2>&1
    wait "$runner" || true
    wait "$sampler" 2>/dev/null || true
    echo "sent: $(sed -n 's/.*Sent \([0-9]*\) datagrams.*/\1/p' "$work/sender.txt" | tail -1)"
    echo "final: $(final_stats)"
    echo "RSS over time (MB), also in $rss_log:"
    column -t "$rss_log"
}

if [[ $soak == 1 ]]; then
    soak
    exit 0
fi

for rate in $rates; do
    measure_iperf "$rate"
    measure_headless "$rate"
    measure_gui "$rate"
done

printf '%s\n' "${rows[@]}" >"$work/rows.jsonl"
python3 - "$work/rows.jsonl" "$results/flood-$stamp.json" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
# CPU time per received datagram, and against iperf 2's own receiver at the same offered rate.
iperf_us = {}
for r in rows:
    r["cpu_us_per_datagram"] = round(r["cpu_s"] * 1e6 / r["received"], 3) if r["received"] else None
    if r["receiver"] == "iperf2":
        iperf_us[r["offered"]] = r["cpu_us_per_datagram"]
for r in rows:
    base = iperf_us.get(r["offered"])
    mine = r["cpu_us_per_datagram"]
    r["cpu_vs_iperf"] = round(mine / base, 2) if base and mine else None
json.dump({"machine": {"cpus": __import__("os").cpu_count()}, "runs": rows}, open(sys.argv[2], "w"), indent=1)
print(f"{'offered':>8} {'receiver':>9} {'sent':>9} {'received':>9} {'ratio':>6} {'RSS MB':>7} {'CPU s':>6} "
      f"{'µs/dgram':>8} {'×iperf':>6} {'stall ms':>9}")
for r in rows:
    stall = "" if r["gui_max_stall_ms"] is None else f"{r['gui_max_stall_ms']:.1f}"
    ratio = "" if r["ratio"] is None else f"{r['ratio']:.3f}"
    per = "" if r["cpu_us_per_datagram"] is None else f"{r['cpu_us_per_datagram']:.3f}"
    versus = "" if r["cpu_vs_iperf"] is None else f"{r['cpu_vs_iperf']:.2f}"
    print(f"{r['offered']:>8} {r['receiver']:>9} {r['sent']:>9} {r['received']:>9} {ratio:>6} "
          f"{r['peak_rss_mb']:>7} {r['cpu_s']:>6} {per:>8} {versus:>6} {stall:>9}")
print(f"written to {sys.argv[2]}")
PY
