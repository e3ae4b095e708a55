#!/usr/bin/env bash
# Builds build-portable/ with MCAST_MONITOR_PORTABLE_RECEIVE=ON, so that Linux receives as
# macOS and Windows do (QUdpSocket reads, a notifier per socket, no kernel arrival times or
# OS drop counts), and runs the whole suite against it inside a private network namespace,
# as test.sh does for build/. Needs what build.sh installs. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

cmake --preset default -B build-portable -DMCAST_MONITOR_PORTABLE_RECEIVE=ON
cmake --build build-portable -j"$(nproc)"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec tests/run-in-netns.sh ctest --test-dir build-portable --output-on-failure -j2 --timeout 300 \
    --no-tests=error "$@"
