#!/usr/bin/env bash
# Runs the README's test command (./test.sh) on a fresh, minimal Debian RELEASE, as a new
# user's machine would: debootstrap makes the system (cached once per release, then copied
# anew for every run), the working tree as it is now (tracked and untracked files that git
# does not ignore; no build outputs) is copied into it, and ./test.sh installs what it
# needs with apt-get, builds and runs the suite there.
#
#   sudo tests/distro-check.sh bookworm          # Debian 12, Qt 6.4.2
#   sudo tests/distro-check.sh trixie            # Debian 13, Qt 6.8.2
#   sudo tests/distro-check.sh trixie -R tst_x   # arguments after RELEASE go to ./test.sh
#
# Environment: DISTRO_CHECK_DIR (default /var/tmp/mcast-monitor-distro) holds the cached
# base systems and the run folders; DEBIAN_MIRROR (default http://deb.debian.org/debian);
# DISTRO_CHECK_KEEP=1 keeps the run folder for a look afterwards.
#
# Needs root (debootstrap, chroot, mounts) and a host that can make network namespaces:
# ./test.sh runs the suite inside one, from within the chroot. Exit code: that of
# ./test.sh in the chroot, or 1 when the chroot cannot be made.
set -euo pipefail

die() {
    echo "distro-check: $*" >&2
    exit 1
}

[[ $# -ge 1 ]] || die "usage: $0 RELEASE [TEST.SH ARGUMENTS...]"
release=$1
shift
[[ $release =~ ^[a-z]+$ ]] || die "RELEASE must be a Debian code name such as bookworm or trixie, not '$release'"
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, chroot and mounts)"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"

source_dir=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work_dir=${DISTRO_CHECK_DIR:-/var/tmp/mcast-monitor-distro}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
base=$work_dir/$release-base
root=$work_dir/$release-run

mkdir -p "$work_dir"
if [[ ! -f $base/.complete ]]; then
    echo "distro-check: making a minimal Debian $release in $base (once)"
    rm -rf "$base"
    debootstrap --variant=minbase "$release" "$base" "$mirror" >"$work_dir/$release-debootstrap.log" 2>&1 ||
        die "debootstrap $release failed; see $work_dir/$release-debootstrap.log"
    touch "$base/.complete"
fi

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[i]}" 2>/dev/null || true
    done
    if [[ ${DISTRO_CHECK_KEEP:-0} != 1 ]]; then
        rm -rf "$root"
    fi
}
trap cleanup EXIT

mount_into() { # SOURCE TARGET [MOUNT OPTIONS...]
    local source=$1 target=$root$2
    shift 2
    mkdir -p "$target"
    mount "$@" "$source" "$target"
    mounted+=("$target")
}

rm -rf "$root"
cp -a "$base" "$root"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
mount_into proc /proc -t proc
mount_into sysfs /sys -t sysfs
mount_into /dev /dev --bind
mount_into devpts /dev/pts -t devpts
mount_into tmpfs /tmp -t tmpfs

# The working tree as a fresh clone with the local changes applied would have it.
mkdir -p "$root/home/user/mcast-monitor"
git -C "$source_dir" ls-files -z --cached --others --exclude-standard |
    (cd "$source_dir" && xargs -0 tar -c --no-recursion -f - 2>/dev/null) |
    tar -x -C "$root/home/user/mcast-monitor" ||
    die "cannot copy the working tree into $root"

echo "distro-check: running ./test.sh $* on Debian $release ($(cat "$root/etc/debian_version"))"
started=$(date +%s)
status=0
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb bash -c 'cd /home/user/mcast-monitor && ./test.sh "$@"' test.sh "$@" || status=$?
qt_line=$(chroot "$root" dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null || echo unknown)
echo "distro-check: Debian $release, qt6-base-dev $qt_line: ./test.sh exited $status after $(($(date +%s) - started)) s"
exit "$status"
