"""``make package-check``: the installers register ``siar://`` (issue 14).

- Linux: the .desktop file declares ``MimeType=x-scheme-handler/siar;`` and passes the
  link on (``%u``); ``packaging/linux/install.sh`` installs it and makes it the default
  handler with ``xdg-mime`` — checked by running the script into a throwaway home with a
  stand-in ``xdg-mime`` that records what it was asked;
- Windows: the Inno Setup script writes ``HKCU\\Software\\Classes\\siar`` with
  ``URL Protocol`` and ``shell\\open\\command`` = ``"{app}\\siar.exe" "%1"``.

Prints one line per problem and exits 1, or prints "packaging ok" and exits 0.
"""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "id.siar.Siar"
SCHEME = "x-scheme-handler/siar"


def desktop_problems(path: Path) -> list[str]:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read_string(path.read_text(encoding="utf-8"))
    if not entry.has_section("Desktop Entry"):
        return [f"{path}: no [Desktop Entry]"]
    section = entry["Desktop Entry"]
    problems = []
    if SCHEME not in section.get("MimeType", "").split(";"):
        problems.append(f"{path}: MimeType lacks {SCHEME};")
    if not re.search(r"\s%[uU](\s|$)", section.get("Exec", "")):
        problems.append(f"{path}: Exec does not pass the link on (%u)")
    return problems


def install_problems(script: Path, desktop: Path) -> list[str]:
    """Run the install step into a throwaway home; what it left and asked of xdg-mime."""
    with tempfile.TemporaryDirectory() as tmp:
        home, stubs, dist = Path(tmp, "home"), Path(tmp, "bin"), Path(tmp, "dist", "siar")
        for folder in (home, stubs, dist):
            folder.mkdir(parents=True)
        (dist / "siar").write_text("#!/bin/sh\n")
        (dist / "siar").chmod(0o755)
        record = Path(tmp, "xdg-mime.log")
        (stubs / "xdg-mime").write_text(f'#!/bin/sh\necho "$@" >> "{record}"\n')
        (stubs / "xdg-mime").chmod(0o755)
        env = {"HOME": str(home), "PATH": f"{stubs}:/usr/bin:/bin", "XDG_DATA_HOME": str(home / "share")}
        run = subprocess.run(["sh", str(script), str(dist)], env=env, capture_output=True, text=True)
        if run.returncode != 0:
            return [f"{script}: failed ({run.returncode}): {run.stderr.strip()}"]
        problems = []
        installed = home / "share" / "applications" / f"{APP_ID}.desktop"
        if not installed.is_file():
            return [f"{script}: did not install {installed.name}"]
        problems += desktop_problems(installed)
        if f"Exec={home}/.local/lib/siar/siar " not in installed.read_text(encoding="utf-8"):
            problems.append(f"{script}: the installed entry does not start the installed copy")
        asked = record.read_text().split("\n") if record.is_file() else []
        if f"default {APP_ID}.desktop {SCHEME}" not in asked:
            problems.append(f"{script}: never ran xdg-mime default {APP_ID}.desktop {SCHEME}")
        if not os.access(home / ".local" / "bin" / "siar", os.X_OK):
            problems.append(f"{script}: no siar command in ~/.local/bin")
        return problems


def registry_problems(iss: Path) -> list[str]:
    text = iss.read_text(encoding="utf-8")
    section = re.search(r"^\[Registry\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if section is None:
        return [f"{iss}: no [Registry] section"]
    entries = []
    for line in section.group(1).splitlines():
        if line.strip() and not line.lstrip().startswith(";"):
            fields = dict(
                (k.strip(), v.strip().strip('"') if k.strip() != "ValueData" else v.strip())
                for k, v in (part.split(":", 1) for part in line.split(";") if ":" in part)
            )
            entries.append(fields)

    def has(subkey: str, name: str, data: str) -> bool:
        return any(
            e.get("Root") == "HKCU"
            and e.get("Subkey") == subkey
            and e.get("ValueName") == name
            and e.get("ValueData") == data
            for e in entries
        )

    wanted = [
        ("Software\\Classes\\siar", "URL Protocol", '""'),
        ("Software\\Classes\\siar", "", '"URL:Siar"'),
        ("Software\\Classes\\siar\\shell\\open\\command", "", '"""{app}\\siar.exe"" ""%1"""'),
    ]
    return [f"{iss}: no HKCU\\{k} {n or '(default)'} = {d}" for k, n, d in wanted if not has(k, n, d)]


def main() -> int:
    desktop = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
    problems = desktop_problems(desktop)
    if sys.platform != "win32":
        problems += install_problems(ROOT / "packaging" / "linux" / "install.sh", desktop)
    problems += registry_problems(ROOT / "packaging" / "windows" / "siar.iss")
    for problem in problems:
        print(problem)
    if not problems:
        print("packaging ok: siar:// registered by the Linux install step and the Windows installer")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
