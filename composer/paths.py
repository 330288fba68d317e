"""Where Siar keeps things. Every path comes from here, so tests and the demo can move it.

``SIAR_HOME`` set: everything (data, config, cache, logs) lives under that folder.
Otherwise the platform's user directories from platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Siar"


def _home() -> Path | None:
    value = os.environ.get("SIAR_HOME", "").strip()
    return Path(value).expanduser() if value else None


def _location(name: str, default: str) -> Path:
    """*name*'s folder under SIAR_HOME, else platformdirs' *default* (a function's name)."""
    home = _home()
    if home:
        return home / name
    # Imported only here: with SIAR_HOME (the demo, tests, a portable install) start-up
    # does without it and the modules behind it (issue 17).
    import platformdirs

    return Path(getattr(platformdirs, default)(APP_NAME, appauthor=False))


def _user_dir(name: str, default: str) -> Path:
    return private_dir(_location(name, default))


def database_path() -> Path:
    """Where the workspace database is, without creating anything (for messages)."""
    return _location("data", "user_data_dir") / "siar.db"


# Drafts, photos, account names and logs are the office's, not every local user's: on
# POSIX Siar's folders are 0700 and its files 0600, whatever the umask (Windows keeps
# files in the user's own profile, which is private already).
_POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """*path* as a folder only this user can open (created if missing)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if _POSIX and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """*path* as a file only this user can read: created empty with 0600 if missing (so a
    program that opens it next, SQLite or a log handler, never makes it readable)."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif _POSIX and path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path


def data_dir() -> Path:
    return _user_dir("data", "user_data_dir")


def config_dir() -> Path:
    return _user_dir("config", "user_config_dir")


def cache_dir() -> Path:
    return _user_dir("cache", "user_cache_dir")


def log_dir() -> Path:
    return _user_dir("logs", "user_log_dir")


def assets_dir() -> Path:
    """Bundled assets: inside the package (checkout or wheel) or the PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "composer" / "assets"
    return Path(__file__).resolve().parent / "assets"


def guide_dir() -> Path | None:
    """The user guide (docs/panduan): in the PyInstaller bundle, or in the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen_root) / "docs" / "panduan"] if frozen_root else []
    candidates.append(Path(__file__).resolve().parents[1] / "docs" / "panduan")
    return next((c for c in candidates if (c / "index.md").is_file()), None)
