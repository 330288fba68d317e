"""What start-up compiled from source every time is compiled once, then read from Siar's
cache folder (issue 17), and only ever for the very same source: PySide6's embedded support
modules (each case a fresh interpreter: PySide6 compiles them when it is first imported),
the methods dataclasses write and regular expressions."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import re
import subprocess
import sys
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from composer import code_cache

# Imports PySide6 inside pyside_support and reports which of its modules Python compiled.
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
from composer.code_cache import pyside_support
with pyside_support(Path(sys.argv[1])):
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


def _stored(cache: Path) -> tuple[object, dict[tuple[str, int, bytes], object]]:
    data = cache.read_bytes()
    assert zlib.crc32(data[4:]).to_bytes(4, "little") == data[:4]  # the checksum, then marshal
    stored: tuple[object, dict[tuple[str, int, bytes], object]] = marshal.loads(data[4:])
    return stored


def _store(cache: Path, stored: object) -> None:
    payload = marshal.dumps(stored)
    cache.write_bytes(zlib.crc32(payload).to_bytes(4, "little") + payload)


def test_a_cached_module_is_used_only_for_the_same_source(tmp_path: Path) -> None:
    cache = tmp_path / "pyside-support.marshal"
    _import_pyside(cache)
    python, codes = _stored(cache)
    name = "shibokensupport/__init__.py"
    (key,) = [k for k in codes if k[0] == name]
    marked = compile(key[2] + b"\nsiar_marker = 1\n", name, "exec", key[1], True)
    # What the cache holds for this source is what runs (marked here to tell them apart)...
    _store(cache, (python, {**codes, key: marked}))
    assert _import_pyside(cache)["marker"] == 1
    # ...but held for another source (another PySide6), it is not used: compiled afresh.
    other = (name, key[1], key[2] + b"\n")
    _store(cache, (python, {**{k: v for k, v in codes.items() if k != key}, other: marked}))
    fresh = _import_pyside(cache)
    assert fresh["marker"] is None and fresh["compiled"] == [name]
    # A damaged file, or one another Python wrote, means compiling everything once more.
    cache.write_bytes(b"\x00damaged")
    assert "shibokensupport/signature/loader.py" in _import_pyside(cache)["compiled"]  # type: ignore[operator]
    _store(cache, ((0,), codes))
    assert "shibokensupport/signature/loader.py" in _import_pyside(cache)["compiled"]  # type: ignore[operator]
    assert _import_pyside(cache)["compiled"] == []


def _define() -> type:
    @dataclass(frozen=True)
    class Row:
        name: str
        tags: list[str] = field(default_factory=list)
        size: int = 3

    return Row


def _cache_with_a_row(tmp_path: Path) -> Path:
    """A dataclass-methods cache that holds the methods of _define()'s class."""
    cache = tmp_path / "dataclass-methods.marshal"
    with code_cache.dataclass_methods(cache):
        _define()
    return cache


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources code_cache compiles from here on (not found in its cache)."""
    compiled: list[str] = []
    python_compile = code_cache._compile

    def counting(source: str, *args: object) -> object:
        compiled.append(source)
        return python_compile(source, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(code_cache, "_compile", counting)
    return compiled


def test_the_methods_dataclasses_write_are_compiled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "dataclass-methods.marshal"
    with code_cache.dataclass_methods(cache):
        first = _define()
    assert cache.exists()
    assert "exec" not in vars(dataclasses)  # dataclasses' own exec again
    compiled = _count_compiles(monkeypatch)
    with code_cache.dataclass_methods(cache):
        again = _define()
    assert compiled == []  # every method came from the cache
    # ...and behaves as written: defaults, a fresh list each, equality, repr, frozen.
    row, other = again("a"), again("a")
    assert row == other and row.tags is not other.tags and row.size == 3
    assert repr(row).endswith("Row(name='a', tags=[], size=3)")
    with pytest.raises(AttributeError):
        row.size = 4  # type: ignore[misc]
    assert repr(first("a")) == repr(row)


def test_a_dataclass_with_other_fields_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cache_with_a_row(tmp_path)
    compiled = _count_compiles(monkeypatch)
    with code_cache.dataclass_methods(cache):

        @dataclass
        class Changed:
            name: str
            size: int = 4  # other fields than Row's: other methods

    assert any("__init__" in source for source in compiled)
    assert Changed("a").size == 4


def test_a_damaged_cache_is_compiled_afresh_and_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cache_with_a_row(tmp_path)
    good = cache.read_bytes()
    compiled = _count_compiles(monkeypatch)
    # A flipped byte in a code object (a bad sector, a torn copy): marshal would run it, or
    # crash the interpreter on it; the checksum keeps it from ever being read.
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0xFF
    cache.write_bytes(bytes(damaged))
    with code_cache.dataclass_methods(cache):
        row = _define()("a")
    assert compiled and row.size == 3
    assert _stored(cache)[1]  # written again, whole
    compiled.clear()
    with code_cache.dataclass_methods(cache):
        _define()
    assert compiled == []
    # Damage the checksum cannot see (written with one): marshal fails with SystemError on
    # a bad code object. Compiled afresh all the same, never a failed start.
    compiled.clear()
    key = ("<string>", 0, "x = 1\n")
    blob = bytearray(marshal.dumps((code_cache._python(), {key: compile("x = 1\n", "<string>", "exec")})))
    for pos in range(blob.index(b"c", 8) + 1, len(blob)):
        broken = bytes(blob[:pos]) + b"\x00" + bytes(blob[pos + 1 :])
        try:
            marshal.loads(broken)
        except SystemError:
            break
        except Exception:  # noqa: BLE001 (another kind of damage: try the next byte)
            continue
    else:
        pytest.fail("no damage that marshal reports as SystemError")
    cache.write_bytes(zlib.crc32(broken).to_bytes(4, "little") + broken)
    with code_cache.dataclass_methods(cache):
        assert _define()("b").size == 3
    assert compiled


def test_other_compiles_while_pyside_imports_keep_their_callers_future_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Code compiled by a caller without `from __future__ import annotations` keeps real
    # annotations, as with Python's compile(): the stand-in's own module postpones them,
    # which must not leak into what it passes on.
    monkeypatch.delitem(sys.modules, "shiboken6", raising=False)  # as at a real start
    source = "def f(x: int): pass\nresult = f.__annotations__['x']"
    caller = compile("code = compile(source, 'plain.py', 'exec')", "caller.py", "exec", dont_inherit=True)
    with code_cache.pyside_support(tmp_path / "p.marshal"):
        scope: dict[str, object] = {"source": source}
        exec(caller, scope)  # a frame with no __future__ features calls compile()
    result: dict[str, object] = {}
    exec(scope["code"], result)  # type: ignore[arg-type]
    assert result["result"] is int


# Patterns as start-up has them: named groups, flags, a verbose one, Unicode classes.
PATTERNS = (
    (r"(?P<before>^|[^\w@])[@\uff20](?P<name>[a-z0-9_]{1,20})", re.IGNORECASE),
    (
        r"""
        \b (?P<word> [^\W\d_]+ )   # a word
        \s* (?: , | $ )            # then a comma or the end
     """,
        re.VERBOSE | re.MULTILINE,
    ),
    ("[\u00c0-\u024f\u1e00-\u1eff]+", 0),
    (r"(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?", re.ASCII),
)
TEXTS = ("Halo @imigrasi_id, paspor ÉLAN dan 12.5e3", "kata,\nlain ,  x", "", "ÀÉÎ ḀỿỸ")


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns re's parser is given from now on (the stand-in parses a missing one)."""
    parsed: list[str] = []
    parse = re._parser.parse  # type: ignore[attr-defined]

    def counting(pattern: str, *args: object, **kwargs: object) -> object:
        parsed.append(pattern)
        return parse(pattern, *args, **kwargs)

    monkeypatch.setattr(re._parser, "parse", counting)  # type: ignore[attr-defined]
    return parsed


def _same_pattern(made: re.Pattern[str], pattern: str, flags: int) -> None:
    python = re.compile(pattern, flags)
    # Pattern objects compare equal when their pattern, flags and compiled program are.
    assert made == python and made.flags == python.flags and made.groups == python.groups
    assert made.groupindex == python.groupindex
    for text in TEXTS:
        assert [m.groupdict() or m.groups() for m in made.finditer(text)] == [
            m.groupdict() or m.groups() for m in python.finditer(text)
        ]


def test_regular_expressions_are_compiled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "regex-patterns.marshal"
    with code_cache.regex_patterns(cache) as stop:
        first = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
        assert re.compile(*PATTERNS[0]) is first[0]  # the same object again, as re's own cache gives
        stop()
        assert re.compile.__module__ == "re"  # Python's again from stop() on
    assert cache.exists()
    parsed = _parses(monkeypatch)
    with code_cache.regex_patterns(cache):
        again = [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    assert parsed == []  # every program came from the cache
    for made, (pattern, flags) in zip(first + again, PATTERNS * 2, strict=True):
        _same_pattern(made, pattern, flags)


def test_only_start_up_thread_plain_patterns_are_kept(tmp_path: Path) -> None:
    cache = tmp_path / "regex-patterns.marshal"
    with code_cache.regex_patterns(cache):
        worker = threading.Thread(target=re.compile, args=("made by a worker",))
        worker.start()
        worker.join()
        assert re.compile(b"bytes").pattern == b"bytes"
        with pytest.raises(re.error):
            re.compile("(unclosed")  # a bad pattern fails as it always does
        re.compile("kept")
    kept = code_cache.read_kept(cache)
    assert [pattern for pattern, _flags in kept[1]] == ["kept"]
    with pytest.raises(OSError, match="no workspace"), code_cache.regex_patterns(cache):
        raise OSError("no workspace")  # a start that fails: re.compile is put back all the same
    assert re.compile.__module__ == "re"


def test_patterns_of_another_engine_or_damaged_are_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "regex-patterns.marshal"
    pattern, flags = PATTERNS[0]
    # Another Python's program for the same pattern (a program of 0s: invalid here).
    program = list(code_cache._program(pattern, int(flags)))
    program[1] = [0] * len(program[1])
    code_cache.keep(cache, (("another engine",), {(pattern, int(flags)): tuple(program)}))
    parsed = _parses(monkeypatch)
    with code_cache.regex_patterns(cache):
        _same_pattern(re.compile(pattern, flags), pattern, flags)
    assert parsed == [pattern]
    assert code_cache.read_kept(cache)[0] == code_cache._regex_engine()  # written again
    good = code_cache._program(pattern, int(flags))
    # Damage the checksum cannot see (a program written with one): one _sre refuses, and
    # shapes it would fail on (a number past its code size) or allocate for (a group count
    # out of step with the groups' names). Made afresh, and the file mended for next time.
    refused = (good[0], [0] * len(good[1]), *good[2:])
    too_large = (good[0], [*good[1][:-1], 1 << 40], *good[2:])
    groups = (good[0], good[1], 10**8, *good[3:])
    for damaged in (refused, too_large, groups):
        code_cache.keep(cache, (code_cache._regex_engine(), {(pattern, int(flags)): damaged}))
        parsed.clear()
        with code_cache.regex_patterns(cache):
            _same_pattern(re.compile(pattern, flags), pattern, flags)
        assert parsed == [pattern]
        assert code_cache.read_kept(cache)[1] == {(pattern, int(flags)): good}
        parsed.clear()
        with code_cache.regex_patterns(cache):
            re.compile(pattern, flags)
        assert parsed == []


def test_after_stop_and_for_a_link_hand_over_nothing_more_is_kept(tmp_path: Path) -> None:
    cache = tmp_path / "regex-patterns.marshal"
    with code_cache.regex_patterns(cache) as stop:
        held = re.compile  # as `from re import compile` binds it, mid start-up
        held("at start-up")
        stop()
        assert held("bound before the stop") == re.compile("bound before the stop")
    assert list(code_cache.read_kept(cache)[1]) == [("at start-up", 0)]
    before = cache.read_bytes()
    with code_cache.regex_patterns(cache) as stop:
        re.compile("a hand-over start's only pattern")
        stop(keep=False)
    assert cache.read_bytes() == before


# The standard library modules start-up imports and more, whose patterns are compiled both
# ways: a Python whose compiler changes what _program() copies of it fails here.
SWEEP = """
import importlib, json, re
seen, python_compile = [], re.compile
def recording(pattern, flags=0):
    seen.append((pattern, int(flags)) if type(pattern) is str and isinstance(flags, int) else None)
    return python_compile(pattern, flags)
re.compile = recording
for name in (
    "email.utils", "email.feedparser", "email._header_value_parser", "http.cookiejar", "http.cookies",
    "tokenize", "textwrap", "string", "glob", "csv", "argparse", "gettext", "locale", "configparser",
    "difflib", "shlex", "doctest", "pydoc", "platform", "sysconfig", "tomllib", "_strptime", "html",
    "xml.etree.ElementPath", "decimal", "fractions", "imaplib", "ftplib", "mimetypes", "calendar",
    "zipfile", "composer.core.text.twitter_text", "composer.core.text.emoji",
):
    importlib.import_module(name)
print(json.dumps([pair for pair in seen if pair]))
"""


def test_the_standard_librarys_patterns_compile_the_same_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = subprocess.run([sys.executable, "-c", SWEEP], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = {
        (pattern, flags) for pattern, flags in json.loads(done.stdout) if not flags & ~code_cache._PLAIN_FLAGS
    }
    seen |= {(pattern, int(flags)) for pattern, flags in PATTERNS}
    assert len(seen) > 80
    cache = tmp_path / "regex-patterns.marshal"
    with code_cache.regex_patterns(cache):
        for pattern, flags in seen:
            re.compile(pattern, flags)
    parsed = _parses(monkeypatch)
    with code_cache.regex_patterns(cache):
        made = {(pattern, flags): re.compile(pattern, flags) for pattern, flags in seen}
    assert parsed == []
    monkeypatch.undo()
    for (pattern, flags), pattern_made in made.items():
        python = re.compile(pattern, flags)
        assert pattern_made == python and pattern_made.groupindex == python.groupindex
        assert repr(pattern_made) == repr(python)
