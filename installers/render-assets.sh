#!/usr/bin/env bash
# Makes the Windows and macOS installer images from the one drawn icon,
# installers/linux/invalid.chorus.Chorus.svg, after it changes:
#   installers/render-assets.sh     (writes installers/windows/*, installers/macos/chorus.icns)
# The results are committed because the Windows and macOS builds have none of these tools.
# Needs python3, librsvg and cairo (GTK's, already there for wxWidgets) and ImageMagick.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
svg=$here/linux/invalid.chorus.Chorus.svg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ImageMagick here has no SVG reader: render with librsvg through its C API.
render() { # render SIZE OUT.png
  python3 - "$svg" "$2" "$1" <<'PY'
import ctypes, sys
rsvg, cairo = ctypes.CDLL("librsvg-2.so.2"), ctypes.CDLL("libcairo.so.2")
for f in (rsvg.rsvg_handle_new_from_file, cairo.cairo_image_surface_create, cairo.cairo_create):
    f.restype = ctypes.c_void_p
svg, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
handle = rsvg.rsvg_handle_new_from_file(svg.encode(), None)
if not handle:
    sys.exit(f"cannot read {svg}")
surface = ctypes.c_void_p(cairo.cairo_image_surface_create(0, size, size))  # 0: ARGB32
context = ctypes.c_void_p(cairo.cairo_create(surface))
cairo.cairo_scale(context, ctypes.c_double(size / 128), ctypes.c_double(size / 128))
rsvg.rsvg_handle_render_cairo(ctypes.c_void_p(handle), context)
if cairo.cairo_surface_write_to_png(surface, out.encode()) != 0:
    sys.exit(f"cannot write {out}")
PY
}

for size in 16 32 48 64 128 256 512; do render "$size" "$work/$size.png"; done

mkdir -p "$here/windows" "$here/macos"
convert "$work"/{16,32,48,64,128,256}.png "$here/windows/chorus.ico"
# NSIS's page header (150x57) and welcome/finish banner (164x314), on white, as BMP3
# (NSIS reads no newer BMP).
convert -size 150x57 xc:white \( "$work/48.png" \) -geometry +96+4 -composite \
  -type TrueColor "BMP3:$here/windows/header.bmp"
convert -size 164x314 xc:'#e8f3ef' \( "$work/128.png" \) -geometry +18+93 -composite \
  -type TrueColor "BMP3:$here/windows/welcome.bmp"

# .icns: the 'icns' header, then one PNG per size under its type code (Apple's icns format).
python3 - "$here/macos/chorus.icns" "$work" <<'PY'
import struct, sys
out, work = sys.argv[1], sys.argv[2]
entries = b""
for code, size in ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512)):
    png = open(f"{work}/{size}.png", "rb").read()
    entries += code + struct.pack(">I", 8 + len(png)) + png
open(out, "wb").write(b"icns" + struct.pack(">I", 8 + len(entries)) + entries)
PY
echo "render-assets: wrote $here/windows/{chorus.ico,header.bmp,welcome.bmp} $here/macos/chorus.icns"
