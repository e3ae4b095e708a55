#!/usr/bin/env bash
# Runs the Windows build's tests (installer/windows/build.sh) under Wine, inside a private
# network namespace that holds only loopback, as ./test.sh does for Linux. Extra arguments
# go to ctest, e.g. installer/windows/test.sh -R tst_atumessage -V
#
# Wine makes its sockets in the wineserver, so the Wine prefix, and with it the wineserver,
# is made anew inside the namespace: nothing the tests send can use the host's network.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")
build_dir=${MCAST_MONITOR_WINDOWS_BUILD:-$top/build-win}

if [[ ${1:-} != --inside ]]; then
    [[ -x $build_dir/wine-run.sh ]] || {
        echo "installer/windows/test.sh: no Windows build in $build_dir (run installer/windows/build.sh)" >&2
        exit 1
    }
    MCAST_MONITOR_WINDOWS_BUILD=$build_dir "$here/qt-whole.sh" || exit 1
    exec "$top/tests/run-in-netns.sh" "$0" --inside "$@"
fi
shift

prefix_parent=$(mktemp -d "${TMPDIR:-/tmp}/mcast-monitor-wine.XXXXXX")
export WINEPREFIX=$prefix_parent/prefix WINEDEBUG=-all
# The wineserver of this prefix exits with its last program; it is killed here too, so that
# nothing of it outlives the namespace.
cleanup() {
    wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
    "$wineserver" -k 2>/dev/null || true
    rm -rf "$prefix_parent"
}
trap cleanup EXIT
echo "installer/windows/test.sh: making a Wine prefix in the namespace" >&2
"$build_dir/wine-run.sh" wineboot --init >/dev/null 2>&1 || true
# Windows' own style and fonts are the prefix's: the offscreen platform needs neither.
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 300 --no-tests=error "$@"
