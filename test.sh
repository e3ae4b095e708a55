#!/usr/bin/env bash
# Builds the project (installing missing dependencies) and runs every test inside a
# private network namespace, so no test datagram reaches a real network.
# Extra arguments go to ctest, e.g. ./test.sh -R tst_atumessage -V
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

./build.sh

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec tests/run-in-netns.sh ctest --test-dir build --output-on-failure -j2 --timeout 300 \
    --no-tests=error "$@"
