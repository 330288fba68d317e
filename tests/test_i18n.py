"""Every UI string exists in Bahasa Indonesia; the language follows the system."""

from __future__ import annotations

import locale
import os
import pathlib
import sys

import pytest

from composer import code_cache, i18n
from composer.core.findings import error

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from update_po import translatable_strings  # noqa: E402


def _indonesian() -> dict[str, str]:
    catalogue: dict[str, str] = {}
    for path in i18n.catalogue_files("id"):
        catalogue.update(i18n.parse_po(path.read_text(encoding="utf-8")))
    return catalogue


def test_every_string_has_an_indonesian_translation() -> None:
    catalogue = _indonesian()
    missing = {msgid: where for msgid, where in translatable_strings().items() if msgid not in catalogue}
    assert missing == {}, "run tools/update_po.py and translate the new entries"


def test_every_finding_code_has_a_message() -> None:
    import ast

    codes = set()
    for path in [*(ROOT / "composer/core").rglob("*.py"), *(ROOT / "composer/design").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("error", "warning", "info")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(node.args[0].value)
    assert codes and codes <= set(i18n.FINDING_MESSAGES)


def test_placeholders_survive_translation() -> None:
    import re

    catalogue = _indonesian()
    for msgid, msgstr in catalogue.items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", msgstr)), msgid


def test_describe_in_both_languages() -> None:
    finding = error("text.too_long", length=300, limit=280)
    assert i18n.describe(finding).startswith("The text is 300 of 280")
    i18n.set_language("id")
    assert i18n.describe(finding).startswith("Teks sepanjang 300 dari batas 280")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LC_ALL": "in_ID"}, "id"),
        ({"LANG": "Indonesian_Indonesia.1252"}, "id"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "en"),
    ],
)
def test_system_language(env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(locale, "getlocale", lambda: (None, None))
    assert i18n.system_language() == expected


def test_po_parser_handles_multiline_fuzzy_and_escapes() -> None:
    text = (
        'msgid ""\nmsgstr "Language: id\\n"\n\n'
        'msgid "a\\nb"\nmsgstr ""\n"satu\\n"\n"dua"\n\n'
        '#, fuzzy\nmsgid "c"\nmsgstr "tidak dipakai"\n\n'
        'msgid "q \\"x\\""\nmsgstr "k \\"y\\""\n'
    )
    assert i18n.parse_po(text) == {"a\nb": "satu\ndua", 'q "x"': 'k "y"'}


def _one_catalogue(folder: pathlib.Path, translation: str) -> pathlib.Path:
    po = folder / "i18n" / "id.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(f'msgid "Save"\nmsgstr "{translation}"\n', encoding="utf-8")
    return po


def test_the_next_start_reads_the_parsed_catalogue_back(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing every .po file at every start cost ~5 ms before the first paint (issue 17):
    the parsed catalogue is kept in the cache folder and read back while nothing changed."""
    _one_catalogue(tmp_path, "Simpan")
    monkeypatch.setattr(i18n, "assets_dir", lambda: tmp_path)
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpan"}
    # What the next start finds is what it uses (this one was edited here to tell them apart).
    kept = i18n._cache_path("id")
    key, _entries = code_cache.read_kept(kept)
    code_cache.keep(kept, (key, {"Save": "Simpan (disimpan)"}))
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpan (disimpan)"}


def test_an_edited_po_file_is_parsed_again_even_with_its_old_size_and_time(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = _one_catalogue(tmp_path, "Simpan")
    monkeypatch.setattr(i18n, "assets_dir", lambda: tmp_path)
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpan"}
    assert i18n._cache_path("id").exists()
    before = po.stat()
    _one_catalogue(tmp_path, "Simpen")  # same length
    os.utime(po, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert po.stat().st_size == before.st_size and po.stat().st_mtime_ns == before.st_mtime_ns
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpen"}
    # A new file beside it counts too.
    (tmp_path / "i18n" / "id").mkdir()
    (tmp_path / "i18n" / "id" / "more.po").write_text('msgid "Open"\nmsgstr "Buka"\n', encoding="utf-8")
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpen", "Open": "Buka"}


def test_a_changed_parser_or_a_damaged_copy_means_parsing_again(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _one_catalogue(tmp_path, "Simpan")
    monkeypatch.setattr(i18n, "assets_dir", lambda: tmp_path)
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpan"}
    real_parse = i18n.parse_po
    monkeypatch.setattr(i18n, "parse_po", lambda text: {k: v.upper() for k, v in real_parse(text).items()})
    assert i18n._catalogue.__wrapped__("id") == {"Save": "SIMPAN"}
    monkeypatch.setattr(i18n, "parse_po", real_parse)
    i18n._cache_path("id").write_bytes(b"\x00not marshal")
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpan"}
    # A cache folder that cannot be written: parsed every time, never an error.
    monkeypatch.setattr(i18n, "_cache_path", lambda _language: tmp_path / "missing" / "i18n-id.marshal")
    assert i18n._catalogue.__wrapped__("id") == {"Save": "Simpan"}
