"""``siar`` without a window: the same capabilities for scripts and for checking.

Commands here never import Qt (enforced by import-linter); ``composer.__main__`` starts
the GUI when no command is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from composer import __version__
from composer.core.platforms import BY_ID, PLATFORMS
from composer.core.platforms.base import Platform, Preview
from composer.core.post import PlatformContent
from composer.i18n import _, describe, set_language, system_language


def _check_result(platform: Platform, content: PlatformContent, *, with_title: bool) -> dict[str, Any]:
    preview: Preview = platform.preview(content)
    findings = [f for f in preview.findings if f.about == "text" or (with_title and f.about == "title")]
    main = preview.counters[0]
    return {
        "platform": platform.id,
        "length": main.value,
        "limit": main.limit,
        "unit": main.unit,
        "valid": not any(f.severity == "error" for f in findings),
        "findings": [dict(f.to_json(), message=describe(f)) for f in findings],
    }


def _read_text(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    with open(source, encoding="utf-8") as fh:
        return fh.read()


def _platforms(chosen: str | None) -> Sequence[Platform]:
    return PLATFORMS if not chosen else [BY_ID[chosen]]


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    platforms = _platforms(args.platform)
    title = args.title or ""
    if args.jsonl:
        status = 0
        for number, line in enumerate(_lines(args.file), start=1):
            if not line.strip():
                continue
            try:
                caption = json.loads(line)
                if not isinstance(caption, str):
                    raise ValueError("not a JSON string")
            except ValueError as exc:
                print(
                    json.dumps(
                        {"line": number, "error": _("Line is not a JSON string: {error}").format(error=exc)}
                    ),
                    file=out,
                )
                status = 2
                continue
            for platform in platforms:
                result = _check_result(platform, PlatformContent(caption, title), with_title=bool(title))
                print(json.dumps({"line": number, **result}, ensure_ascii=False), file=out)
        return status
    text = _read_text(args.file)
    results = [_check_result(p, PlatformContent(text, title), with_title=bool(title)) for p in platforms]
    if args.json:
        print(
            json.dumps(results if not args.platform else results[0], ensure_ascii=False, indent=2), file=out
        )
    else:
        for result in results:
            limit = "∞" if result["limit"] is None else result["limit"]
            state = _("OK") if result["valid"] else _("WILL BE REFUSED")
            print(
                f"{BY_ID[result['platform']].name}: {result['length']}/{limit} {_(result['unit'])} — {state}",
                file=out,
            )
            for finding in result["findings"]:
                print(f"  [{_(finding['severity'])}] {finding['message']}", file=out)
    return 0 if all(r["valid"] for r in results) else 1


def _lines(source: str) -> Iterable[str]:
    if source == "-":
        yield from sys.stdin
    else:
        with open(source, encoding="utf-8") as fh:
            yield from fh


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="siar", description=_("Siar: write once, preview everywhere, publish.")
    )
    parser.add_argument("--version", action="version", version=f"siar {__version__}")
    parser.add_argument("--lang", choices=["id", "en"], help=_("language of messages (default: system)"))
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help=_("check a caption against every platform's rules"))
    check.add_argument("file", nargs="?", default="-", help=_("text file, or - for standard input"))
    check.add_argument("--platform", choices=sorted(BY_ID), help=_("check for one platform only"))
    check.add_argument("--title", help=_("also check this title (YouTube, website)"))
    fmt = check.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    fmt.add_argument(
        "--jsonl",
        action="store_true",
        help=_("read one JSON string per line, write one JSON object per line"),
    )
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang or system_language())
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args, out or sys.stdout))
    except FileNotFoundError as exc:
        print(_("File not found: {name}").format(name=exc.filename), file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(_("The file is not UTF-8 text."), file=sys.stderr)
        return 2
