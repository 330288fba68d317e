"""Before Qt starts on Linux: are the system libraries its display plugin needs installed?

Qt's xcb plugin links a dozen X11/xcb libraries that a fresh desktop install may lack
(``libxcb-icccm4``, ``libxcb-keysyms1``, ``libxcb-cursor0``…). Without them Qt aborts with
a message that names only one of them. This module asks the dynamic linker (``ldd``) which
libraries of the plugin are missing and prints the exact install command instead.

    python -m composer.system_check      # exit 0 when ready, 1 with the command otherwise

No Qt import here: it must run before Qt can load.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from composer.i18n import _, set_language, system_language

# soname → (Debian/Ubuntu package, Fedora package). The libraries Qt 6's xcb and wayland
# platform plugins and QtGui link, after https://doc.qt.io/qt-6/linux-requirements.html.
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
}
# Everything above, for the README and for a machine where ldd cannot tell.
DEBIAN_ALL = sorted({debian for debian, _fedora in PACKAGES.values()})
FEDORA_ALL = sorted({fedora for _debian, fedora in PACKAGES.values()})


def platform_plugin() -> str | None:
    """The Qt platform plugin this session will load: the one named in QT_QPA_PLATFORM,
    else wayland under a Wayland session, else xcb."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if chosen:
        return chosen
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb"


def plugin_file(plugin: str) -> Path | None:
    """Where PySide6 keeps the plugin's shared object (found without importing Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms"
    found = sorted(folder.glob(f"libq{plugin}*.so"))
    return found[0] if found else None


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ldd reported as "not found", each once, in its order."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, _sep, where = line.strip().partition("=>")
        if where.strip() == "not found" and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def install_commands(sonames: list[str]) -> list[str]:
    """One install command per distribution family, for the missing libraries."""
    known = [PACKAGES[s] for s in sonames if s in PACKAGES]
    debian = list(dict.fromkeys(d for d, _f in known)) or DEBIAN_ALL
    fedora = list(dict.fromkeys(f for _d, f in known)) or FEDORA_ALL
    return [
        "Debian/Ubuntu: sudo apt install " + " ".join(debian),
        "Fedora:        sudo dnf install " + " ".join(fedora),
    ]


def check() -> list[str]:
    """The missing libraries of the platform plugin Qt will load ([] when all is well or
    when this is not a Linux desktop session Siar can check)."""
    if not sys.platform.startswith("linux"):
        return []
    plugin = platform_plugin()
    if plugin not in ("xcb", "wayland"):
        return []  # offscreen, vnc…: nothing outside the wheel
    path = plugin_file(plugin)
    ldd = shutil.which("ldd")
    if path is None or ldd is None:
        return []
    try:
        result = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_libraries(result.stdout)


def report(missing: list[str]) -> str:
    lines = [
        _("Siar cannot open its window yet: Qt needs these system libraries, which are not installed:"),
        "  " + ", ".join(missing),
        _("Install them with the command for your system, then start Siar again:"),
        *("  " + command for command in install_commands(missing)),
    ]
    return "\n".join(lines)


def main() -> int:
    set_language(system_language())  # a terminal message, like the CLI's
    missing = check()
    if missing:
        print(report(missing), file=sys.stderr)  # noqa: T201 - a command-line check
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
