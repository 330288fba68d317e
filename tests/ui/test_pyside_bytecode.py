"""PySide6's embedded support modules are compiled once, then read from Siar's cache folder
(issue 17, start-up), and only ever for the very same source. Each case is a fresh
interpreter: PySide6 compiles them when it is first imported."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

# Imports PySide6 inside compiled_once and reports which of its modules Python compiled.
CHILD = """
import builtins, json, sys
from pathlib import Path
compiled = []
python_compile = builtins.compile
def counting(source, filename, mode, *args, **kwargs):
    if isinstance(filename, str) and filename.startswith(("signature_bootstrap", "shibokensupport/")):
        compiled.append(filename)
    return python_compile(source, filename, mode, *args, **kwargs)
builtins.compile = counting
from composer.ui.pyside_bytecode import compiled_once
with compiled_once(Path(sys.argv[1])):
    from PySide6.QtCore import QSize
assert builtins.compile is counting  # put back
try:
    QSize("a", "b")  # the message lists the signatures: PySide6's support modules at work
except TypeError as exc:
    message = str(exc)
support = sys.modules["shibokensupport"]
print(json.dumps({
    "compiled": compiled,
    "signature": message,
    "marker": getattr(support, "siar_marker", None),
}))
"""


def _import_pyside(cache: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_pyside_support_modules_are_compiled_once(tmp_path: Path) -> None:
    cache = tmp_path / "pyside-support.marshal"
    first = _import_pyside(cache)
    assert "shibokensupport/signature/loader.py" in first["compiled"]  # type: ignore[operator]
    assert cache.exists()
    again = _import_pyside(cache)
    assert "Supported signatures" in str(first["signature"])
    assert again["compiled"] == [] and again["signature"] == first["signature"]


def test_a_cached_module_is_used_only_for_the_same_source(tmp_path: Path) -> None:
    cache = tmp_path / "pyside-support.marshal"
    _import_pyside(cache)
    python, codes = marshal.loads(cache.read_bytes())
    name = "shibokensupport/__init__.py"
    (key,) = [k for k in codes if k[0] == name]
    marked = compile(key[2] + b"\nsiar_marker = 1\n", name, "exec", key[1], True)
    # What the cache holds for this source is what runs (marked here to tell them apart)...
    cache.write_bytes(marshal.dumps((python, {**codes, key: marked})))
    assert _import_pyside(cache)["marker"] == 1
    # ...but held for another source (another PySide6), it is not used: compiled afresh.
    other = (name, key[1], key[2] + b"\n")
    cache.write_bytes(
        marshal.dumps((python, {**{k: v for k, v in codes.items() if k != key}, other: marked}))
    )
    fresh = _import_pyside(cache)
    assert fresh["marker"] is None and fresh["compiled"] == [name]
    # A damaged file, or one another Python wrote, means compiling everything once more.
    cache.write_bytes(b"\x00damaged")
    assert "shibokensupport/signature/loader.py" in _import_pyside(cache)["compiled"]  # type: ignore[operator]
    cache.write_bytes(marshal.dumps(((0,), codes)))
    assert "shibokensupport/signature/loader.py" in _import_pyside(cache)["compiled"]  # type: ignore[operator]
    assert _import_pyside(cache)["compiled"] == []
