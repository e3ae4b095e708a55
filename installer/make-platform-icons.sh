#!/usr/bin/env bash
# Renders the committed Windows .ico and macOS .icns from resources/icons/mcast-monitor.svg.
# Run it after changing the SVG and commit both results: the Windows and macOS builds use
# them as they are, since neither platform has these tools by default. (The Linux PNGs are
# rendered at build time instead.)
#
# Needs librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

readonly svg=../resources/icons/mcast-monitor.svg
for tool in rsvg-convert convert png2icns; do
    command -v "$tool" >/dev/null || {
        echo "make-platform-icons: $tool is missing (apt-get install librsvg2-bin imagemagick icnsutils)" >&2
        exit 1
    }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() {
    rsvg-convert --width "$1" --height "$1" --output "$work/$1.png" "$svg"
}

ico_sizes=(16 24 32 48 64 128 256)
icns_sizes=(16 32 48 128 256 512)
for size in "${ico_sizes[@]}" "${icns_sizes[@]}"; do
    [[ -f $work/$size.png ]] || render "$size"
done

ico_files=() icns_files=()
for size in "${ico_sizes[@]}"; do ico_files+=("$work/$size.png"); done
for size in "${icns_sizes[@]}"; do icns_files+=("$work/$size.png"); done
convert "${ico_files[@]}" windows/mcast-monitor.ico
png2icns macos/mcast-monitor.icns "${icns_files[@]}" >/dev/null

ls -l windows/mcast-monitor.ico macos/mcast-monitor.icns
