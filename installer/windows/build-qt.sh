#!/usr/bin/env bash
# Builds Qt's qtbase for 64-bit Windows (MinGW-w64) from Debian's own qt6-base source
# package, into PREFIX, so that a Windows build needs nothing but Debian. The version is
# that of the host's qt6-base-dev-tools (moc, rcc and uic must be the same version as the
# target Qt), so Debian 12 gives Qt 6.4.2 and Debian 13 Qt 6.8.2.
#   installer/windows/build-qt.sh PREFIX
# About an hour on two cores; the result is a cache, made once. Needs root or sudo to
# enable deb-src and install the compiler.
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
prefix=${1:?usage: build-qt.sh PREFIX}
prefix=$(readlink -m "$prefix")

say() { echo "build-qt.sh: $*" >&2; }
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)

# deb-src entries beside every deb entry of Debian's own sources, when there are none.
enable_sources() {
    if apt-get source --download-only --dry-run qt6-base >/dev/null 2>&1; then
        return
    fi
    say "enabling deb-src for Debian's sources (/etc/apt/sources.list.d/mcast-monitor-deb-src.*)"
    local listed=()
    [[ -f /etc/apt/sources.list ]] && listed+=(/etc/apt/sources.list)
    shopt -s nullglob
    listed+=(/etc/apt/sources.list.d/*.list)
    local oneline
    oneline=$(grep -h '^deb ' "${listed[@]}" /dev/null | grep -i debian | sed 's/^deb /deb-src /' || true)
    if [[ -n $oneline ]]; then
        echo "$oneline" | "${sudo[@]}" tee /etc/apt/sources.list.d/mcast-monitor-deb-src.list >/dev/null
    fi
    local deb822
    for deb822 in /etc/apt/sources.list.d/debian.sources; do
        [[ -f $deb822 ]] || continue
        sed 's/^Types: deb$/Types: deb-src/' "$deb822" |
            "${sudo[@]}" tee /etc/apt/sources.list.d/mcast-monitor-deb-src.sources >/dev/null
    done
    "${sudo[@]}" apt-get update -q
}

packages=(g++-mingw-w64-x86-64-posix qt6-base-dev-tools qt6-base-dev cmake ninja-build dpkg-dev xz-utils)
missing=()
for package in "${packages[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) == installed ]] || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
enable_sources

host_version=$(dpkg-query -W -f='${Version}' qt6-base-dev-tools | sed 's/[+~-].*//')
# The source and the build stay in PREFIX.work until the install succeeds: a build that
# failed or was stopped goes on where it was when run again.
work=$prefix.work
mkdir -p "$work"
cd "$work"
if ! ls qt6-base_"$host_version"*.orig.tar.xz >/dev/null 2>&1; then
    say "fetching Debian's qt6-base source (Qt $host_version)"
    apt-get source --download-only qt6-base >/dev/null
fi
source_dir=qtbase-everywhere-src-$host_version
if [[ ! -d $source_dir ]]; then
    tar xf "$(ls qt6-base_"$host_version"*.orig.tar.xz | head -n 1)"
fi

say "configuring qtbase $host_version for MinGW-w64 into $prefix"
# Only what the program and its tests use. Debian's dfsg source drops src/3rdparty/wintab,
# hence no tablet events. Without OpenGL, Qt 6.4's Windows platform plugin still compiles
# code for dynamic OpenGL (qwindowswindow.cpp: QOpenGLStaticContext) unless that is off too.
cmake -S "$source_dir" -B build -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$here/mingw-w64-x86_64.cmake" \
    -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/"$(dpkg-architecture -qDEB_HOST_MULTIARCH)"/cmake \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=ON -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF \
    -DFEATURE_sql=OFF -DFEATURE_opengl=OFF -DFEATURE_dbus=OFF \
    -DFEATURE_printsupport=OFF -DFEATURE_concurrent=OFF -DFEATURE_openssl=OFF \
    -DFEATURE_dynamicgl=OFF -DFEATURE_tabletevent=OFF >/dev/null
say "building (about an hour on two cores)"
cmake --build build
cmake --install build >/dev/null
# Not stripped: a Release build has no debug information to lose, and binutils 2.40's
# `strip --strip-unneeded` wrote Qt6Widgets.dll and Qt6Test.dll with export and TLS
# directories pointing at garbage (Wine's loader crashes on them; objdump cannot read them).
cd /
rm -rf "$work"
say "Qt $host_version for MinGW-w64 is in $prefix"
