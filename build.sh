#!/usr/bin/env bash
# Installs missing build dependencies (Debian/Ubuntu), then configures and builds into
# build/ with the "default" preset (Ninja, RelWithDebInfo, tests on). Used by test.sh and
# run.sh; also fine on its own.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

readonly packages=(
    cmake ninja-build g++
    qt6-base-dev qt6-base-dev-tools libqt6svg6 qt6-svg-dev libgl-dev
    iproute2 xvfb xauth
    # tests/scenarios: iperf 2's server counts our iperf2 stream (tst_iperfinterop); an
    # nftables rule drops and counts what iperf 2 and the test send (tst_streamanalysis)
    iperf nftables
    # tests read the pcap files back with Wireshark's reader (~1 min to install on CI)
    tshark
    # local time: the zone rules the tests read (minimal systems lack them)
    tzdata
    # tests/fuzz: libFuzzer targets, built with clang
    clang libclang-rt-dev
    # packages: icons and man page at build time, then the package checks (installer/),
    # systemd-analyze for the probe's unit
    librsvg2-bin help2man dpkg-dev file lintian desktop-file-utils appstream systemd
    # --metrics: promtool checks the exposition and the example alert rules, and a real
    # Prometheus scrapes two probes (tests/scenarios/tst_prometheus.cpp)
    prometheus
)

install_missing_packages() {
    if ! command -v dpkg-query >/dev/null; then
        echo "build.sh: not a Debian-based system; install CMake, Ninja, a C++17 compiler" \
            "and Qt 6.4+ (Base, Svg) yourself" >&2
        return
    fi
    local missing=() package
    for package in "${packages[@]}"; do
        # dpkg -s also succeeds for removed packages whose config files remain.
        if [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) != installed ]]; then
            missing+=("$package")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return
    fi

    echo "build.sh: installing ${missing[*]}"
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || {
            echo "build.sh: need root or sudo to install: ${missing[*]}" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    # The tests run prometheus and promtool themselves; the system service that installing
    # the package starts (a server on port 9090 scraping this machine) was not asked for.
    if [[ " ${missing[*]} " == *" prometheus "* && -d /run/systemd/system ]] &&
        systemctl is-enabled --quiet prometheus.service 2>/dev/null; then
        echo "build.sh: stopping and disabling the prometheus service the package started" \
            "(the tests need only its programs; 'systemctl enable --now prometheus' runs it)"
        "${sudo[@]}" systemctl disable --now prometheus.service
    fi
}

install_missing_packages
cmake --preset default
cmake --build build -j"$(nproc)"
