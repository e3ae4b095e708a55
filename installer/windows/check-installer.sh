#!/usr/bin/env bash
# Checks the Windows packages that `installer/windows/build.sh --package` made, under Wine,
# in a private network namespace and a fresh Wine prefix, as a user would use them:
#  - the NSIS installer installs silently (/S) into Program Files, with the program, the Qt
#    DLLs and plugins, the licence, a Start-menu shortcut and an uninstaller registered in
#    Apps; the installed program (with no other DLLs on its path) prints its version and
#    receives the seed's heartbeats; the uninstaller removes every file, the shortcut and
#    the registration;
#  - the portable .zip, unpacked anywhere, does the same.
# Prints PASS/FAIL per check; exits non-zero on any failure.
#   installer/windows/check-installer.sh [BUILD_DIR]     (default build-win)
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")
build_dir=$(readlink -f "${1:-$top/build-win}")

if [[ ${MCAST_MONITOR_NETNS_ID:-} != "$(readlink /proc/self/ns/net 2>/dev/null)" ]]; then
    exec "$top/tests/run-in-netns.sh" "$0" "$build_dir"
fi

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
installer=$build_dir/mcast-monitor-$version-win64.exe
zip=$build_dir/mcast-monitor-$version-win64.zip
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)

work=$(mktemp -d "${TMPDIR:-/tmp}/mcast-monitor-installer.XXXXXX")
export WINEPREFIX=$work/prefix WINEDEBUG=-all
unset WINEPATH # the installed program must find its DLLs beside itself
cleanup() {
    "$wineserver" -k 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() {
    local what=$1
    shift
    if "$@" >"$work/check.log" 2>&1; then
        echo "PASS: $what"
    else
        echo "FAIL: $what"
        sed 's/^/    /' "$work/check.log"
        failures=$((failures + 1))
    fi
}

# The program at $1 prints the project's version.
prints_version() {
    "$wine" "$1" --version | tee /dev/stderr | grep -qx "mcast-monitor $version"
}

# The program at $1 receives 2 of the seed publisher's heartbeats, decoded as ATU.
receives_heartbeats() {
    local out=$work/received.jsonl err=$work/received.err
    timeout 120 "$wine" "$1" --headless --json --count 2 >"$out" 2>"$err" &
    local receiver=$!
    for _ in $(seq 600); do
        grep -q "^Listening" "$err" && break
        sleep 0.1
    done
    python3 "$top/tests/windows/seed_publisher.py" --count 4 --interval 0.3 >/dev/null
    wait "$receiver"
    cat "$err" >&2
    [[ $(grep -c '"type":"datagram".*"format":"atu"' "$out") -eq 2 ]]
}

is_registered() {
    "$wine" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null |
        grep -q "Multicast Monitor"
}
is_not_registered() { ! is_registered; }

for package in "$installer" "$zip"; do
    [[ -f $package ]] || { echo "FAIL: $package is missing (installer/windows/build.sh --package)"; exit 1; }
done
"$wine" wineboot --init >/dev/null 2>&1 || true

echo "== NSIS installer $(basename "$installer") ($(du -h "$installer" | cut -f1))"
programs=$WINEPREFIX/drive_c/Program\ Files/Multicast\ Monitor
check "installs silently" "$wine" "$installer" /S
"$wineserver" -w
check "installs the program, Qt, its plugins, the licence and an uninstaller" \
    test -f "$programs/bin/mcast-monitor.exe" -a -f "$programs/bin/Qt6Core.dll" \
    -a -f "$programs/bin/Qt6Widgets.dll" -a -f "$programs/bin/Qt6Network.dll" \
    -a -f "$programs/bin/libstdc++-6.dll" -a -f "$programs/bin/platforms/qwindows.dll" \
    -a -f "$programs/bin/styles/qwindowsvistastyle.dll" -a -f "$programs/LICENSE.txt" \
    -a -f "$programs/Uninstall.exe"
start_menu=$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start\ Menu/Programs/Multicast\ Monitor
check "adds a Start-menu shortcut" test -f "$start_menu/Multicast Monitor.lnk"
check "registers the uninstaller in Apps" is_registered
check "the installed program prints its version" prints_version "$programs/bin/mcast-monitor.exe"
check "the installed program receives the seed's heartbeats" receives_heartbeats "$programs/bin/mcast-monitor.exe"
check "uninstalls silently" "$wine" "$programs/Uninstall.exe" /S
"$wineserver" -w
check "the uninstaller removes every file" test ! -e "$programs"
check "the uninstaller removes the shortcut" test ! -e "$start_menu"
check "the uninstaller removes its registration" is_not_registered

echo "== portable $(basename "$zip") ($(du -h "$zip" | cut -f1))"
unzip -q "$zip" -d "$work/portable"
portable=$(ls -d "$work"/portable/*/bin)/mcast-monitor.exe
check "the unpacked program prints its version" prints_version "$portable"
check "the unpacked program receives the seed's heartbeats" receives_heartbeats "$portable"

echo "$failures check(s) failed"
[[ $failures -eq 0 ]]
