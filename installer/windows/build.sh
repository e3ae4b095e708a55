#!/usr/bin/env bash
# Builds Multicast Monitor for 64-bit Windows on Debian, with Debian's MinGW-w64 compiler
# and Qt for MinGW, into build-win/ (tests included), and with --package also the NSIS
# installer and the portable .zip.
#
#   installer/windows/build.sh [--qt-prefix DIR] [--build-dir DIR] [--package] [--no-tests]
#
# Qt for MinGW comes from --qt-prefix, else the cache folder
# ${MCAST_MONITOR_CACHE:-~/.cache/mcast-monitor}/qt<version>-mingw64 or /opt/qt<version>-mingw64,
# whichever is whole (installer/windows/qt-whole.sh), else whichever is there (its DLLs
# damaged: everything compiles and links, nothing runs; not with --package), else the cache
# folder filled by build-qt.sh from Debian's source package (about an hour, once).
# <version> is the host's Qt (qt6-base-dev-tools), whose moc, rcc and uic the build uses.
# installer/windows/test.sh then runs the tests under Wine.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
top=$(readlink -f "$here/../..")

qt_prefix=
build_dir=$top/build-win
package=false
tests=ON
while [[ $# -gt 0 ]]; do
    case $1 in
    --qt-prefix) qt_prefix=${2:?--qt-prefix needs a folder}; shift 2 ;;
    --build-dir) build_dir=$(readlink -m "${2:?--build-dir needs a folder}"); shift 2 ;;
    --package) package=true; shift ;;
    --no-tests) tests=OFF; shift ;;
    -h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { echo "installer/windows/build.sh: $*" >&2; }

packages=(cmake ninja-build g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 qt6-base-dev-tools qt6-base-dev
    nsis zip wine64)
install_missing_packages() {
    local missing=() package
    for package in "${packages[@]}"; do
        [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) == installed ]] || missing+=("$package")
    done
    [[ ${#missing[@]} -gt 0 ]] || return 0
    say "installing ${missing[*]}"
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

qt_version_of() {
    sed -n 's/^set(PACKAGE_VERSION "\([0-9.]*\)").*/\1/p' "$1"/lib/cmake/Qt6/Qt6ConfigVersion*.cmake 2>/dev/null | head -n 1
}

# A Qt whose DLLs are damaged (qt-whole.sh) still builds and links everything, which shows
# the code compiles for Windows; packages need a whole one (the deploy step reads the DLLs).
usable_qt() {
    [[ $(qt_version_of "$1") == "$host_version" ]] || return 1
    $package || return 0
    "$here/qt-whole.sh" "$1"
}

install_missing_packages
host_version=$(dpkg-query -W -f='${Version}' qt6-base-dev-tools | sed 's/[+~-].*//')
if [[ -n $qt_prefix ]]; then
    qt_prefix=$(readlink -f "$qt_prefix")
    if ! usable_qt "$qt_prefix"; then
        say "$qt_prefix holds no usable Qt $host_version for MinGW (this host's Qt tools are $host_version: they must match)"
        exit 1
    fi
else
    cache=${MCAST_MONITOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mcast-monitor}/qt$host_version-mingw64
    # The first whole one, else (without --package) the first that is there at all.
    for candidate in "$cache" /opt/qt$host_version-mingw64; do
        if [[ -d $candidate/lib ]] && "$here/qt-whole.sh" "$candidate" 2>/dev/null && usable_qt "$candidate"; then
            qt_prefix=$candidate
            break
        fi
    done
    for candidate in "$cache" /opt/qt$host_version-mingw64; do
        [[ -z $qt_prefix && -d $candidate/lib ]] && usable_qt "$candidate" && qt_prefix=$candidate
    done
    if [[ -z $qt_prefix ]]; then
        "$here/build-qt.sh" "$cache"
        qt_prefix=$cache
    fi
fi
"$here/qt-whole.sh" "$qt_prefix" ||
    say "building with it all the same: the program and its tests compile and link, but cannot run"
target_version=$(qt_version_of "$qt_prefix")
say "Qt $target_version for MinGW from $qt_prefix"

cmake -S "$top" -B "$build_dir" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$qt_prefix/lib/cmake/Qt6/qt.toolchain.cmake" \
    -DQT_CHAINLOAD_TOOLCHAIN_FILE="$here/mingw-w64-x86_64.cmake" \
    -DQT_HOST_PATH=/usr \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING="$tests"
cmake --build "$build_dir" -j"$(nproc)"
if $package; then
    (cd "$build_dir" && cpack -G "NSIS;ZIP")
    ls -1 "$build_dir"/mcast-monitor-*-win64.exe "$build_dir"/mcast-monitor-*-win64.zip
fi
