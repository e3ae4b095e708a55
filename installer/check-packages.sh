#!/usr/bin/env bash
# Builds the Linux packages and checks them as Debian and a user would see them: contents,
# dependencies, desktop entry, AppStream metadata, man page, lintian, and the packaged
# binary itself (extracted into a throwaway folder, never installed).
#
#   installer/check-packages.sh [BUILD_DIR]      (default: build)
#
# CTest runs it as the test package_checks (label packaging), inside the private network
# namespace like every other test; run by hand, it enters one for the step that sends.
# It installs nothing: there is no network inside the namespace, so build.sh installs the
# tools (dpkg-dev, lintian, desktop-file-utils, appstream, file, librsvg2-bin, help2man).
set -uo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
build=$(readlink -f "${1:-$repo/build}")

passed=0
failed=()
indent() {
    sed 's/^/    /'
}
pass() {
    echo "PASS: $1"
    passed=$((passed + 1))
}
fail() {
    echo "FAIL: $1" >&2
    [[ -z ${2:-} ]] || indent <<<"$2" >&2
    failed+=("$1")
}
finish() {
    echo
    if [[ ${#failed[@]} -eq 0 ]]; then
        echo "PACKAGE CHECKS PASSED ($passed checks)"
        exit 0
    fi
    echo "PACKAGE CHECKS FAILED: ${#failed[@]} of $((passed + ${#failed[@]})):" >&2
    printf '  - %s\n' "${failed[@]}" >&2
    exit 1
}

# ---- tools ------------------------------------------------------------------------------
missing=()
for tool in dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli file gzip \
    rsvg-convert help2man; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    fail "tools present" "missing: ${missing[*]} -- ./build.sh installs them; then reconfigure"
    finish
fi
pass "tools present"

[[ -f $build/CMakeCache.txt ]] || {
    fail "build directory" "$build is not a configured build directory"
    finish
}
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")

# ---- build the packages -----------------------------------------------------------------
rm -f "$build"/mcast-monitor_*.deb "$build"/mcast-monitor-*.tar.gz
if ! log=$(cmake --build "$build" --target package 2>&1); then
    fail "cmake --build --target package" "$(tail -n 30 <<<"$log")"
    finish
fi
debs=("$build"/mcast-monitor_*.deb)
tarballs=("$build"/mcast-monitor-*.tar.gz)
if [[ ! -f ${debs[0]} || ! -f ${tarballs[0]} ]]; then
    fail "packages built" "expected a .deb and a .tar.gz in $build; cpack said:
$(tail -n 15 <<<"$log")"
    finish
fi
deb=${debs[0]}
tarball=${tarballs[0]}
pass "packages built: $(basename "$deb"), $(basename "$tarball")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/deb"
app_id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$work"/deb/usr/share/metainfo/*.metainfo.xml 2>/dev/null | head -n 1)
[[ -n $app_id ]] || app_id=unknown

# ---- contents ---------------------------------------------------------------------------
expected=(
    bin/mcast-monitor
    "share/applications/$app_id.desktop"
    "share/metainfo/$app_id.metainfo.xml"
    share/icons/hicolor/scalable/apps/mcast-monitor.svg
    share/man/man1/mcast-monitor.1.gz
    share/doc/mcast-monitor/copyright
    share/doc/mcast-monitor/changelog.gz
    share/doc/mcast-monitor/examples/probe.conf
    lib/systemd/system/mcast-monitor-probe.service
)
for size in 16 32 48 64 128 256; do
    expected+=("share/icons/hicolor/${size}x$size/apps/mcast-monitor.png")
done

check_listing() { # name, listing, prefix
    local absent=() path
    for path in "${expected[@]}"; do
        grep -qxF "$3$path" <<<"$2" || absent+=("$3$path")
    done
    if [[ ${#absent[@]} -eq 0 ]]; then
        pass "$1 lists all ${#expected[@]} expected files"
    else
        fail "$1 lists all expected files" "missing: ${absent[*]}"
    fi
}
deb_listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
check_listing "dpkg-deb -c" "$deb_listing" ./usr/
tar_top=$(basename "$tarball" .tar.gz)
check_listing "tar -tzf" "$(tar -tzf "$tarball")" "$tar_top/"

# ---- control fields ---------------------------------------------------------------------
control_problems=()
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] ||
    control_problems+=("Version $(dpkg-deb -f "$deb" Version), project $version")
[[ $(dpkg-deb -f "$deb" Section) == net ]] || control_problems+=("Section is not net")
depends=$(dpkg-deb -f "$deb" Depends)
# The package that ships a shared library on this system: names differ between releases
# (Debian 13's 64-bit time_t transition renamed libqt6core6 to libqt6core6t64).
# With merged /usr, dpkg knows a file by one of /lib/… and /usr/lib/…, linked or real.
owning_package() {
    local path candidate
    path=$(ldconfig -p | awk -v library="$1" '$1 == library { print $NF; exit }')
    [[ -n $path ]] || return 1
    for candidate in "$path" "$(readlink -f "$path")"; do
        for candidate in "$candidate" "${candidate#/usr}" "/usr$candidate"; do
            if dpkg -S "$candidate" >/dev/null 2>&1; then
                dpkg -S "$candidate" | head -n 1 | cut -d: -f1
                return 0
            fi
        done
    done
    return 1
}
expected_packages=(libqt6svg6)
for library in libQt6Core.so.6 libQt6Gui.so.6 libQt6Network.so.6 libQt6Widgets.so.6 libc.so.6; do
    package=$(owning_package "$library") || package=
    if [[ -z $package ]]; then
        control_problems+=("no installed package ships $library")
    else
        expected_packages+=("$package")
    fi
done
for package in "${expected_packages[@]}"; do
    grep -qE "(^|, )$package( |,|$)" <<<"$depends" || control_problems+=("Depends lacks $package")
done
if [[ ${#control_problems[@]} -eq 0 ]]; then
    pass "control: version $version, section net, Depends on ${expected_packages[*]} (shlibdeps)"
else
    fail "control fields" "$(printf '%s\n' "${control_problems[@]}"; echo "Depends: $depends")"
fi

# ---- files ------------------------------------------------------------------------------
binary=$work/deb/usr/bin/mcast-monitor
if file -b "$binary" | grep -q 'ELF.*, stripped'; then
    pass "binary is a stripped ELF executable"
else
    fail "binary is a stripped ELF executable" "$(file -b "$binary")"
fi

icon_problems=()
for size in 16 32 48 64 128 256; do
    png=$work/deb/usr/share/icons/hicolor/${size}x$size/apps/mcast-monitor.png
    file -b "$png" 2>/dev/null | grep -q "PNG image data, $size x $size" ||
        icon_problems+=("${size}x$size: $(file -b "$png" 2>&1)")
done
if [[ ${#icon_problems[@]} -eq 0 ]]; then
    pass "PNG icons have their nominal sizes"
else
    fail "PNG icons have their nominal sizes" "$(printf '%s\n' "${icon_problems[@]}")"
fi

if out=$(desktop-file-validate "$work/deb/usr/share/applications/$app_id.desktop" 2>&1); then
    pass "desktop-file-validate $app_id.desktop"
    [[ -z $out ]] || indent <<<"$out"
else
    fail "desktop-file-validate $app_id.desktop" "$out"
fi

if out=$(appstreamcli validate --no-net "$work/deb/usr/share/metainfo/$app_id.metainfo.xml" 2>&1); then
    pass "appstreamcli validate --no-net $app_id.metainfo.xml"
else
    fail "appstreamcli validate --no-net $app_id.metainfo.xml" "$out"
fi
if grep -qF "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
    "$work/deb/usr/share/metainfo/$app_id.metainfo.xml" &&
    grep -qx "Icon=mcast-monitor" "$work/deb/usr/share/applications/$app_id.desktop"; then
    pass "metainfo launches $app_id.desktop, whose icon is mcast-monitor"
else
    fail "metainfo, desktop entry and icon names agree"
fi

man=$work/deb/usr/share/man/man1/mcast-monitor.1.gz
if gzip -t "$man" 2>/dev/null && zcat "$man" | grep -q '^\.TH MCAST-MONITOR "1"' &&
    zcat "$man" | grep -q -- '-\\-send' && zcat "$man" | grep -q "mcast-monitor $version"; then
    pass "man page is gzipped, generated from --help of version $version"
else
    fail "man page is gzipped, generated from --help of version $version" \
        "$(zcat "$man" 2>&1 | head -n 5)"
fi

# systemd-analyze verify prints what it finds doubtful (an unknown key, a missing program)
# and may still exit 0: both must be clean. ExecStart must name an executable that exists,
# so the copy checked points at the extracted binary.
unit=$work/deb/usr/lib/systemd/system/mcast-monitor-probe.service
if ! command -v systemd-analyze >/dev/null; then
    fail "systemd-analyze verify mcast-monitor-probe.service" "systemd-analyze missing -- ./build.sh installs systemd"
elif ! grep -qx 'ExecStart=/usr/bin/mcast-monitor --headless --config /etc/mcast-monitor/probe.conf' "$unit" ||
    ! grep -qx 'DynamicUser=yes' "$unit" || ! grep -qx 'Restart=on-failure' "$unit"; then
    fail "mcast-monitor-probe.service runs the packaged binary on probe.conf, dynamic user, restarted" \
        "$(cat "$unit" 2>&1)"
else
    sed "s|^ExecStart=/usr/bin/mcast-monitor|ExecStart=$work/deb/usr/bin/mcast-monitor|" "$unit" \
        >"$work/mcast-monitor-probe.service"
    out=$(systemd-analyze verify --man=no "$work/mcast-monitor-probe.service" 2>&1)
    if [[ $? -eq 0 && -z $out ]]; then
        pass "systemd-analyze verify mcast-monitor-probe.service"
    else
        fail "systemd-analyze verify mcast-monitor-probe.service" "$out"
    fi
fi

# ---- lintian ----------------------------------------------------------------------------
lintian_out=$(lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1)
lintian_status=$?
summary="$(grep -c '^E: ' <<<"$lintian_out") errors, $(grep -c '^W: ' <<<"$lintian_out") warnings"
if [[ $lintian_status -eq 0 ]]; then
    pass "lintian: no errors ($summary)"
    [[ -z $lintian_out ]] || indent <<<"$lintian_out"
else
    fail "lintian: no errors" "$lintian_out"
fi

# ---- the packaged program runs ----------------------------------------------------------
# A throwaway settings folder, so saved settings on this machine cannot change the run.
export XDG_CONFIG_HOME=$work/config
if out=$("$binary" --version 2>&1) && [[ $(head -n 1 <<<"$out") == "mcast-monitor $version" ]]; then
    pass "extracted .deb binary: --version prints 'mcast-monitor $version'"
else
    fail "extracted .deb binary: --version" "$out"
fi
tar -xzf "$tarball" -C "$work"
if out=$("$work/$tar_top/bin/mcast-monitor" --version 2>&1) &&
    [[ $(head -n 1 <<<"$out") == "mcast-monitor $version" ]]; then
    pass "extracted .tar.gz binary: --version prints 'mcast-monitor $version'"
else
    fail "extracted .tar.gz binary: --version" "$out"
fi

# A receiver from the package joins first, then the packaged sender sends once; both stay
# inside the private namespace (run-in-netns.sh only execs when already inside one).
cat >"$work/send-and-receive.sh" <<'EOF'
set -u
binary=$1 out=$2
"$binary" --headless --count 1 --duration 10 >"$out/received" 2>"$out/receiver.err" &
receiver=$!
for _ in $(seq 50); do
    grep -q '^Listening' "$out/receiver.err" && break
    sleep 0.1
done
"$binary" --send --count 1 >"$out/sent" 2>"$out/sender.err"
echo "$?" >"$out/sender.status"
wait "$receiver"
EOF
"$repo/tests/run-in-netns.sh" bash "$work/send-and-receive.sh" "$binary" "$work" >/dev/null 2>&1
if [[ $(cat "$work/sender.status" 2>/dev/null) == 0 ]] &&
    grep -q '^Sent ATU .* to 239\.1\.1\.1:5001$' "$work/sent"; then
    pass "in the namespace: --send --count 1 sent $(cut -d' ' -f2-4 "$work/sent")"
else
    fail "in the namespace: --send --count 1" \
        "$(cat "$work/sent" "$work/sender.err" 2>&1)"
fi
if grep -q ' ATU ' "$work/received" 2>/dev/null; then
    pass "in the namespace: --headless --count 1 received it"
else
    fail "in the namespace: --headless --count 1 received it" \
        "$(cat "$work/received" "$work/receiver.err" 2>&1)"
fi

finish
