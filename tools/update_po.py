"""List every translatable string in composer/ and add the missing ones to a .po file.

    python tools/update_po.py [--lang id]

Strings are the literal first arguments of ``_()`` and ``N_()`` calls. New entries get an
empty msgstr for a translator; tests/test_i18n.py fails while any is untranslated.
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.i18n import parse_po  # noqa: E402


def translatable_strings(package: pathlib.Path = ROOT / "composer") -> dict[str, str]:
    """msgid → "file:line" of its first use."""
    found: dict[str, str] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id")
    parser.add_argument("--area", help="write new strings to i18n/<lang>/<AREA>.po instead of i18n/<lang>.po")
    args = parser.parse_args()
    i18n_dir = ROOT / "composer" / "assets" / "i18n"
    po = i18n_dir / args.lang / f"{args.area}.po" if args.area else i18n_dir / f"{args.lang}.po"
    po.parent.mkdir(exist_ok=True)
    files = [i18n_dir / f"{args.lang}.po", *sorted((i18n_dir / args.lang).glob("*.po"))]
    existing = "".join(f.read_text(encoding="utf-8") for f in files if f.exists())
    known = parse_po(existing)
    missing = {
        k: v for k, v in translatable_strings().items() if k not in known and _quote(k) not in existing
    }
    with po.open("a", encoding="utf-8") as fh:
        for msgid, where in missing.items():
            fh.write(f'\n#: {where}\nmsgid {_quote(msgid)}\nmsgstr ""\n')
    print(f"{len(missing)} new string(s) added to {po}")


if __name__ == "__main__":
    main()
