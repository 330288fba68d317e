"""Code that start-up used to compile from source every time, compiled once (issue 17).

Python caches the bytecode of files (``__pycache__``), but three kinds of code on the way
to the first paint are compiled from strings at every start:

- PySide6's own support modules (``shibokensupport``: its signatures and ``__feature__``),
  about 120 KB of Python kept inside its shared library: 14 ``compile()`` calls, ~25 ms;
- the methods ``dataclasses`` writes for each class (``__init__``, ``__repr__``,
  ``__eq__``…): ~150 ``exec()`` calls for Siar's ~25 dataclasses, ~10 ms;
- regular expressions: ~45 ``re.compile()`` calls, PySide6's signature parser's, the
  standard library's and Siar's own (the first previews' link pattern), ~20 ms.

While those are made, :func:`pyside_support`, :func:`dataclass_methods` and
:func:`regex_patterns` answer the compile from a cache kept by the last start (marshal, as
``__pycache__`` does), in the cache folder. A code object is used only for the very same
source text, file name, ``__future__`` flags and Python, and a regular expression's
program only for the same pattern, flags and regular-expression engine, so neither is ever
stale: another PySide6, Python or class compiles afresh, and the cache then keeps what this
start used. Nothing else is touched: other code compiles as always, and what stood in for
``compile``/``exec``/``re.compile`` is taken away before the block ends.

No Qt here: :func:`pyside_support` runs before PySide6 is imported.
"""

from __future__ import annotations
import __future__

import _sre
import _thread
import builtins
import contextlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from types import CodeType
from typing import Any

# compile() takes on the __future__ features of the code calling it: those of PySide6's
# loader or of dataclasses, not of the functions below that stand in for theirs.
_FUTURES = 0
for _feature in __future__.all_feature_names:
    _FUTURES |= getattr(__future__, _feature).compiler_flag
_compile = builtins.compile  # Python's, whatever stands in for it meanwhile
# What PySide6 calls its embedded modules when it compiles them.
_PYSIDE_NAMES = ("signature_bootstrap.py", "shibokensupport/")
_Key = tuple[str, int, str | bytes]  # file name, __future__ flags, source


def _python() -> tuple[Any, ...]:
    # Bytecode differs between Python versions and with -O.
    return (sys.implementation.cache_tag, sys.hexversion, marshal.version, sys.flags.optimize)


def read_kept(path: Path) -> Any:
    """What :func:`keep` wrote to *path*, or None: none yet, unreadable or damaged (then the
    caller makes it afresh, and keeps it again)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # A checksum first: marshal trusts its input, and damaged code objects can crash the
    # interpreter or fail with any error, on every start until the file is rewritten.
    header, payload = data[:4], data[4:]
    if len(header) < 4 or zlib.crc32(payload).to_bytes(4, "little") != header:
        return None
    try:
        return marshal.loads(payload)
    except Exception:  # noqa: BLE001 (damaged: made afresh, whatever marshal says)
        return None


def keep(path: Path, value: Any) -> None:
    """*value* (what marshal takes) in the cache file *path* behind a checksum, whole or not
    at all; a read-only or full disk only means the next start makes it again."""
    import tempfile

    payload = marshal.dumps(value)
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(temporary, path)  # a reader never sees half a file
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class _Kept:
    """What one cache file holds for this Python (``known``), and what this run used of it
    or made afresh (``used``): that is what the file keeps for the next run."""

    def __init__(self, path: Path, version: tuple[Any, ...], valid: Callable[[Any], bool]) -> None:
        self.path = path
        self.version = version
        self.known: dict[Any, Any] = {}
        self.used: dict[Any, Any] = {}
        self.remade = False  # something the file holds was refused and made afresh
        stored = read_kept(path)
        if (
            isinstance(stored, tuple)
            and len(stored) == 2
            and stored[0] == version
            and isinstance(stored[1], dict)
            and all(valid(value) for value in stored[1].values())
        ):
            self.known = stored[1]

    def save(self) -> None:
        """Keep what this run used, if it is not what the file holds already."""
        if self.used and (self.remade or self.used.keys() != self.known.keys()):
            keep(self.path, (self.version, self.used))


class _Codes(_Kept):
    """The code objects kept in one cache file."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, _python(), lambda code: isinstance(code, CodeType))

    def code(self, source: str | bytes, filename: str, flags: int) -> CodeType:
        key: _Key = (filename, flags, source)
        code: CodeType | None = self.known.get(key)
        if code is None:
            code = _compile(source, filename, "exec", flags, True)
        self.used[key] = code
        return code


def _passed_on(
    caller: Any,
    python_compile: Any,
    source: Any,
    filename: Any,
    mode: str,
    flags: int = 0,
    dont_inherit: bool = False,
    *args: Any,
    **kwargs: Any,
) -> Any:
    """Any other compile(), as its caller would have had it: with the caller's own
    __future__ features, not those of this module (which postpones annotations)."""
    if not dont_inherit:
        flags |= caller.f_code.co_flags & _FUTURES
    return python_compile(source, filename, mode, flags, True, *args, **kwargs)


@contextlib.contextmanager
def pyside_support(cache: Path | None) -> Iterator[None]:
    """Around ``import PySide6...``: PySide6's embedded modules come from *cache* when it
    has them (None: no cache folder, compiled as usual)."""
    if cache is None or "shiboken6" in sys.modules:  # imported already (tests): nothing to compile
        yield
        return
    codes = _Codes(cache)
    python_compile = builtins.compile

    def compile_(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if (
            args
            or kwargs
            or mode != "exec"
            or not isinstance(source, bytes)
            or not isinstance(filename, str)
            or not filename.startswith(_PYSIDE_NAMES)
        ):
            return _passed_on(sys._getframe(1), python_compile, source, filename, mode, *args, **kwargs)
        return codes.code(source, filename, sys._getframe(1).f_code.co_flags & _FUTURES)

    builtins.compile = compile_
    try:
        yield
    finally:
        builtins.compile = python_compile
    codes.save()


@contextlib.contextmanager
def dataclass_methods(cache: Path | None) -> Iterator[None]:
    """Around imports that define dataclasses: the methods ``dataclasses`` writes for them
    come from *cache* when it has them (None: no cache folder, compiled as usual)."""
    import dataclasses  # not before PySide6 (it brings inspect): here, with the window's modules

    module = vars(dataclasses)
    if cache is None or "exec" in module:  # no cache, or already standing in (nested)
        yield
        return
    codes = _Codes(cache)

    def exec_(source: Any, namespace: Any = None, local_names: Any = None, /, **kwargs: Any) -> None:
        caller = sys._getframe(1)
        if namespace is None:  # exec() without globals runs in its caller's scope
            namespace = caller.f_globals
            local_names = caller.f_locals if local_names is None else local_names
        if not kwargs and isinstance(source, str):
            source = codes.code(source, "<string>", caller.f_code.co_flags & _FUTURES)
        builtins.exec(source, namespace, local_names, **kwargs)

    module["exec"] = exec_  # found before the builtin by dataclasses' own code
    try:
        yield
    finally:
        del module["exec"]
    codes.save()


# The flags re.compile() takes for a str pattern without a warning or a debug print.
_PLAIN_FLAGS = re.IGNORECASE | re.LOCALE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII
# What re's compiler gives _sre.compile() besides the pattern: the final flags, the
# program (a list of ints), the number of groups - 1, the names to numbers and back.
_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _regex_engine() -> tuple[Any, ...]:
    # The program is the engine's own format: it changes with Python (_sre.MAGIC).
    return (sys.hexversion, _sre.MAGIC, _sre.CODESIZE)


_CODE_LIMIT = 1 << (8 * _sre.CODESIZE)  # a program's ints are unsigned, CODESIZE bytes each


def _program(pattern: str, flags: int) -> _Program:
    """What re._compiler.compile() hands to _sre.compile() (the same three steps, kept)."""
    tree = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(tree, flags)]  # its opcodes are int subclasses
    names = dict(tree.state.groupdict)
    numbers: list[str | None] = [None] * tree.state.groups
    for name, number in names.items():
        numbers[number] = name
    return int(flags | tree.state.flags), code, tree.state.groups - 1, names, tuple(numbers)


def _well_formed(program: Any) -> bool:
    """The shape _program() gives, checked before _sre is handed a kept program: _sre checks
    the program's opcodes, but too large a number fails with OverflowError, and a group
    count out of step with its names allocates for groups that are not there."""
    if not (isinstance(program, tuple) and len(program) == 5):
        return False
    flags, code, groups, names, numbers = program
    return (
        type(flags) is int
        and 0 <= flags < _CODE_LIMIT
        and type(code) is list
        and all(type(op) is int and 0 <= op < _CODE_LIMIT for op in code)
        and type(numbers) is tuple
        and type(groups) is int
        and groups == len(numbers) - 1
        and type(names) is dict
        and all(
            type(name) is str and type(number) is int and 0 < number <= groups
            for name, number in names.items()
        )
        and all(number is None or type(number) is str for number in numbers)
    )


class _Patterns(_Kept):
    """The compiled regular expressions kept in one cache file. Like the code objects above,
    a program is trusted once its file's checksum and shape are right: _sre's check of it
    catches a wrong opcode, not every wrong jump (a crafted program can crash it), so the
    cache folder is as much Siar's own as its installed code is."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, _regex_engine(), _well_formed)
        self.made: dict[tuple[str, int], re.Pattern[str]] = {}  # re.compile()'s own reuse

    def pattern(self, pattern: str, flags: int) -> re.Pattern[str]:
        key = (pattern, flags)
        made = self.made.get(key)
        if made is None:
            program: _Program | None = self.known.get(key)
            if program is None:
                program = _program(pattern, flags)  # a bad pattern raises re.error, as always
                made = _sre.compile(pattern, *program)
            else:
                try:
                    made = _sre.compile(pattern, *program)
                except Exception:  # noqa: BLE001 (a program _sre refuses, whatever it says: made afresh)
                    self.remade = True
                    program = _program(pattern, flags)
                    made = _sre.compile(pattern, *program)
            self.used[key] = program
            self.made[key] = made
        return made


@contextlib.contextmanager
def regex_patterns(cache: Path | None) -> Iterator[Callable[..., None]]:
    """From here until the stop() it gives (at the first paint) or the block's end, the
    regular expressions this thread compiles come from *cache* when it has them (None: no
    cache folder, compiled as usual). The pattern is then the very one ``re.compile``
    makes (Pattern objects compare by their program: a test checks) without parsing it.
    Other threads, bytes patterns and other flags compile as always."""
    if cache is None:
        yield lambda keep=True: None
        return
    patterns = _Patterns(cache)
    python_compile = re.compile
    owner = _thread.get_ident()

    def compile_(pattern: Any, flags: Any = 0) -> Any:
        if (
            stopped  # still reached through a name bound meanwhile (``from re import compile``)
            or type(pattern) is not str
            or not isinstance(flags, int)
            or flags & ~_PLAIN_FLAGS
            or _thread.get_ident() != owner
        ):
            return python_compile(pattern, flags)
        return patterns.pattern(pattern, int(flags))

    stopped = False

    def stop(keep: bool = True) -> None:
        """Python's re.compile() again; *keep*: the patterns used are kept for next time
        (not after a start that only handed a link over: it compiled a few of them)."""
        nonlocal stopped
        if not stopped:
            stopped = True
            if re.compile is compile_:
                re.compile = python_compile
            patterns.made.clear()
            if keep:
                patterns.save()

    re.compile = compile_
    try:
        yield stop
    finally:
        stop()
