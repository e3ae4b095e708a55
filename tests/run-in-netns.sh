#!/usr/bin/env bash
# Runs a command inside a fresh, private network namespace that holds only loopback, set
# up for multicast: lo up with the MULTICAST flag and 224.0.0.0/4 routed to lo. Nothing
# the command sends can leave the machine, so tests may join groups and transmit freely.
# Tests that need several interfaces, or IPv6 multicast (Linux does not loop it back on
# lo), create veth pairs inside it.
#
#   tests/run-in-netns.sh ctest --test-dir build
#   tests/run-in-netns.sh bash        # a shell whose processes share the namespace
#
# Needs root (`unshare -n`) or unprivileged user namespaces (`unshare -rn`). If neither
# works the command is NOT run: tests never fall back to the real network.
set -euo pipefail

readonly setup_flag="--mcast-monitor-netns-setup"

die() {
    echo "run-in-netns: $*" >&2
    exit 1
}

current_netns() {
    readlink /proc/self/ns/net 2>/dev/null || echo unknown
}

if [[ ${1:-} == "$setup_flag" ]]; then
    shift
    ip link set lo up || die "cannot bring lo up inside the namespace"
    ip link set lo multicast on || die "cannot set MULTICAST on lo inside the namespace"
    ip route add 224.0.0.0/4 dev lo src 127.0.0.1 || die "cannot route 224.0.0.0/4 to lo"
    export MCAST_MONITOR_NETNS=1
    # The inode ties the marker to this namespace, so a stray exported
    # MCAST_MONITOR_NETNS=1 in a host shell cannot skip the isolation.
    MCAST_MONITOR_NETNS_ID=$(current_netns)
    export MCAST_MONITOR_NETNS_ID
    exec "$@"
fi

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

if [[ ${MCAST_MONITOR_NETNS:-} == 1 && ${MCAST_MONITOR_NETNS_ID:-} == "$(current_netns)" ]]; then
    exec "$@"
fi

self=$(readlink -f "${BASH_SOURCE[0]}")
if unshare -n true 2>/dev/null; then
    exec unshare -n "$self" "$setup_flag" "$@"
elif unshare -rn true 2>/dev/null; then
    exec unshare -rn "$self" "$setup_flag" "$@"
fi

die "cannot create a private network namespace (need root, or unprivileged user
namespaces: sysctl kernel.unprivileged_userns_clone=1). Not running '$1' on the real
network."
