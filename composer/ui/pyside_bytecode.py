"""PySide6's own support modules, compiled once instead of at every start (issue 17).

Importing PySide6 runs ``shibokensupport`` (its signature and ``__feature__`` support):
about 120 KB of Python that PySide6 keeps inside its shared library and compiles from
source with ``compile()`` every time, since there is no file for Python to cache bytecode
for. That is 14 modules and ~25 ms of CPU on the way to the first paint. While PySide6 is
being imported, :func:`compiled_once` answers those ``compile()`` calls from a cache of the
code objects the last start made (``<cache>/pyside-support.marshal``), the way Python's
own ``__pycache__`` does for files. A code object is used only for the very same source,
file name and Python, so it is never stale: another PySide6 or Python compiles afresh.

No Qt here: this runs before PySide6 is imported. Nothing else is touched: any other
``compile()`` goes to Python's, and ``builtins.compile`` is put back before the import
returns.
"""

from __future__ import annotations
import __future__

import builtins
import contextlib
import marshal
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

# What the embedded modules are called when PySide6 compiles them (signature_bootstrap.py
# itself, then shibokensupport/...).
_NAMES = ("signature_bootstrap.py", "shibokensupport/")
_CacheKey = tuple[str, int, bytes]  # file name, the caller's __future__ flags, source
# compile() takes on the __future__ features of the code calling it: those of PySide6's
# loader, not of the function below that stands in for it.
_FUTURES = 0
for _feature in __future__.all_feature_names:
    _FUTURES |= getattr(__future__, _feature).compiler_flag


def _python() -> tuple[Any, ...]:
    # Bytecode differs between Python versions and with -O.
    return (sys.implementation.cache_tag, sys.hexversion, marshal.version, sys.flags.optimize)


def _read(path: Path) -> dict[_CacheKey, CodeType]:
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}  # none yet, unreadable or damaged: compiled again (and written again)
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _python()):
        return {}
    codes = stored[1]
    return codes if isinstance(codes, dict) else {}


def _write(path: Path, codes: dict[_CacheKey, CodeType]) -> None:
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.", suffix=".tmp")
    except OSError:
        return  # a read-only or full disk: the next start compiles again
    try:
        with os.fdopen(fd, "wb") as out:
            marshal.dump((_python(), codes), out)
        os.replace(temporary, path)  # whole or not at all: a reader never sees half a file
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


@contextlib.contextmanager
def compiled_once(cache: Path | None) -> Iterator[None]:
    """Around ``import PySide6...``: PySide6's embedded modules come from *cache* when it
    has them, and are kept there when it did not (None: no cache folder, compiled as usual)."""
    if cache is None or "shiboken6" in sys.modules:  # imported already (tests): nothing to compile
        yield
        return
    known = _read(cache)
    used: dict[_CacheKey, CodeType] = {}
    python_compile = builtins.compile

    def compile_(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if (
            args
            or kwargs
            or mode != "exec"
            or not isinstance(source, bytes)
            or not isinstance(filename, str)
            or not filename.startswith(_NAMES)
        ):
            return python_compile(source, filename, mode, *args, **kwargs)
        flags = sys._getframe(1).f_code.co_flags & _FUTURES
        key = (filename, flags, source)
        code = known.get(key)
        if code is None:
            code = python_compile(source, filename, mode, flags, True)
        used[key] = code
        return code

    builtins.compile = compile_
    try:
        yield
    finally:
        builtins.compile = python_compile
    if used and used.keys() != known.keys():  # new or other sources: only this start's are kept
        _write(cache, used)
