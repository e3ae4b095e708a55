#!/usr/bin/env bash
# Builds the project (installing missing dependencies) and starts the desktop app;
# arguments go to the app, e.g. ./run.sh --help
#
# The app runs as you, on the real network stack: its default interface is loopback, so
# nothing leaves the machine until you pick another interface. To try it fully isolated,
# run it in a private namespace that holds only loopback:
#   tests/run-in-netns.sh build/app/mcast-monitor
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

./build.sh
exec build/app/mcast-monitor "$@"
