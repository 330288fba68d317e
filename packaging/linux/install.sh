#!/bin/sh
# Install the PyInstaller folder (make package → dist/siar) for the current user, with the
# menu entry, the icons and the siar:// link handler (WordPress hands the new application
# password back to Siar through siar://wordpress/authorized?…, issue 14).
#   packaging/linux/install.sh [dist/siar]        install or update
#   packaging/linux/install.sh --uninstall        remove it again
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=id.siar.Siar
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
LIB=$HOME/.local/lib/siar
BIN=$HOME/.local/bin

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$LIB" "$BIN/siar" "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.png" -delete 2>/dev/null || true
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
    echo "Siar removed (your workspace is kept)."
    exit 0
fi

SOURCE=${1:-dist/siar}
if [ ! -x "$SOURCE/siar" ]; then
    echo "No built Siar in $SOURCE: run 'make package' first." >&2
    exit 2
fi
mkdir -p "$LIB" "$BIN" "$DATA/applications" "$DATA/metainfo"
rm -rf "$LIB"
cp -R "$SOURCE" "$LIB"
ln -sf "$LIB/siar" "$BIN/siar"
# The menu entry starts this copy by its full path: ~/.local/bin is not on every
# desktop session's PATH, and the browser must find Siar for siar:// links.
sed "s|^Exec=siar |Exec=$LIB/siar |" "$HERE/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/"
(cd "$HERE/icons" && find hicolor -name "$APP_ID.png" | while read -r icon; do
    mkdir -p "$DATA/icons/$(dirname "$icon")"
    cp "$icon" "$DATA/icons/$icon"
done)
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
# siar:// opens Siar (the .desktop file's MimeType=x-scheme-handler/siar; says it can).
if command -v xdg-mime >/dev/null; then
    xdg-mime default "$APP_ID.desktop" x-scheme-handler/siar
else
    echo "xdg-mime is missing: siar:// links will not reach Siar (install xdg-utils)." >&2
fi
echo "Siar installed: $LIB (menu: Siar; command: $BIN/siar)."
