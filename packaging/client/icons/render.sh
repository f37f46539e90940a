#!/usr/bin/env bash
# Renders the PNG sizes of the application icon from resources/icons/branchline.svg.
# Run by hand when the SVG changes (needs librsvg2-bin); the PNGs are kept in git so a
# build needs no image tools.
set -euo pipefail
here=$(dirname "$0")
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" "$here/../../../resources/icons/branchline.svg" \
        -o "$here/branchline-$size.png"
done
