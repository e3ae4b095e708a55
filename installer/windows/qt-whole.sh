#!/usr/bin/env bash
# Whether the Qt for MinGW in PREFIX (default: the one build-win/ was configured with) has
# DLLs whole enough to run: objdump must read each one. Says which is damaged and exits 1
# otherwise. A strip of binutils 2.40 once left Qt6Widgets.dll and Qt6Test.dll with export
# and TLS directories pointing at garbage: such a Qt builds and links (through its import
# libraries) but nothing built with it starts (Wine's loader crashes in alloc_tls_slot).
#   installer/windows/qt-whole.sh [PREFIX]
set -euo pipefail
top=$(readlink -f "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../..")
prefix=${1:-}
if [[ -z $prefix ]]; then
    prefix=$(sed -n 's|^Qt6_DIR:PATH=\(.*\)/lib/cmake/Qt6$|\1|p' "${MCAST_MONITOR_WINDOWS_BUILD:-$top/build-win}/CMakeCache.txt" 2>/dev/null)
fi
[[ -d $prefix/bin ]] || { echo "qt-whole.sh: no Qt for MinGW in '$prefix'" >&2; exit 1; }
for dll in "$prefix"/bin/*.dll "$prefix"/plugins/*/*.dll; do
    if ! x86_64-w64-mingw32-objdump -p "$dll" >/dev/null 2>&1; then
        echo "qt-whole.sh: $dll is damaged (objdump cannot read it): programs built with $prefix cannot start" >&2
        exit 1
    fi
done
