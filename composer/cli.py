"""``siar`` without a window: the same capabilities for scripts and for checking.

Commands here never import Qt (enforced by import-linter); ``composer.__main__`` starts
the GUI when no command is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from composer import __version__
from composer.cli_files import read_caption, write_whole
from composer.core.platforms import BY_ID, PLATFORMS
from composer.core.platforms.base import Platform, Preview
from composer.core.post import PlatformContent
from composer.i18n import N_, _, describe, describe_code, set_language, system_language

if TYPE_CHECKING:
    from composer.design.model import Design


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
    text = read_caption(args.file)
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
        for number, line in enumerate(sys.stdin):
            yield line.removeprefix("\ufeff") if number == 0 else line
    else:
        with open(source, encoding="utf-8-sig") as fh:
            yield from fh


def cmd_templates(args: argparse.Namespace, out: TextIO) -> int:
    from composer.design.templates import TEMPLATES

    for template in TEMPLATES:
        print(f"{template.id:20} {template.name} — {template.description}", file=out)
    return 0


def _load_design(source: str) -> Design:
    from composer.design import io as design_io
    from composer.design.templates import BY_ID

    if source.startswith("template:"):
        name = source.split(":", 1)[1]
        if name not in BY_ID:
            raise design_io.DesignFileError(
                "design.broken",
                {"detail": N_("there is no template “{name}”; see siar templates"), "name": name},
            )
        return BY_ID[name].build()
    return design_io.load(Path(source))


def cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from composer.design import legibility
    from composer.design.assets import ImageLoader
    from composer.design.bounds import DesignLimitError
    from composer.design.brand import BrandKit
    from composer.design.export import encode
    from composer.design.io import DesignFileError
    from composer.design.render import Renderer
    from composer.design.sizes import SIZES, parse_size
    from composer.session import Session
    from composer.session.workspace_problems import WorkspaceError

    try:
        design = _load_design(args.design)
    except DesignFileError as exc:
        print(describe_code(exc.code, exc.params), file=sys.stderr)
        return 2
    if args.all_sizes:
        specs = list(SIZES)
    else:
        try:
            specs = [parse_size(args.size)]
        except ValueError:
            print(
                _("Unknown size “{size}”: use a name from the list below or WIDTHxHEIGHT.").format(
                    size=args.size
                ),
                file=sys.stderr,
            )
            print(", ".join(s.name for s in SIZES), file=sys.stderr)
            return 2
    output = Path(args.output)
    refusal = _output_refusal(output, all_sizes=args.all_sizes) if args.output else ""
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    try:
        session: Session | None = Session()
    except WorkspaceError as exc:
        # A template or design file renders without the workspace: only its brand is lost.
        session = None
        print(describe_code(exc.message_code, exc.params()), file=sys.stderr)
        print(_("Rendering with the default brand."), file=sys.stderr)
    try:
        if session is None:
            renderer = Renderer(BrandKit(), ImageLoader())
        else:
            renderer = Renderer(session.brand(), ImageLoader(session.media.path_for_id))
        if args.all_sizes and args.output:
            output.mkdir(parents=True, exist_ok=True)
        errors = 0
        for spec in specs:
            try:
                rendered = renderer.render(design, spec.width, spec.height)
            except DesignLimitError as exc:  # too heavy for a large custom size
                print(describe_code(exc.code, exc.params), file=sys.stderr)
                return 2
            if args.output:
                target = (
                    output / f"{spec.name}.{'png' if spec.format == 'PNG' else 'jpg'}"
                    if args.all_sizes
                    else output
                )
                # The bytes follow the name: .png is PNG, .jpg/.jpeg is JPEG.
                fmt_spec = replace(spec, format="PNG" if target.suffix.lower() == ".png" else "JPEG")
                data, _mime = encode(rendered.image, fmt_spec)
                write_whole(target, data)
                print(f"{spec.name}: {target} ({len(data) // 1024} KB)", file=out)
            if args.check:
                for finding in legibility.check(rendered, spec.width, spec.height):
                    errors += finding.severity == "error"
                    print(
                        f"  {spec.name} [{_(finding.severity)}] {describe_code(finding.code, finding.params)}",
                        file=out,
                    )
        return 1 if errors else 0
    finally:
        if session is not None:
            session.close()


_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def _output_refusal(output: Path, *, all_sizes: bool) -> str:
    """Why -o cannot be written, checked before any work ("" when it can)."""
    if all_sizes:
        if output.exists() and not output.is_dir():
            return _("“{path}” is a file: with --all-sizes, -o names a folder.").format(path=output)
        return ""
    if output.is_dir():
        return _("“{path}” is a folder: name a .jpg or .png file, or add --all-sizes.").format(path=output)
    if not output.parent.is_dir():
        return _("The folder “{path}” does not exist.").format(path=output.parent)
    if output.suffix.lower() not in _IMAGE_SUFFIXES:
        return _("Siar writes JPEG or PNG images: name the file .jpg or .png (not “{suffix}”).").format(
            suffix=output.suffix or output.name
        )
    return ""


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
    templates = sub.add_parser("templates", help=_("list the infographic templates"))
    templates.set_defaults(func=cmd_templates)
    render = sub.add_parser("render", help=_("render a design to image files"))
    render.add_argument("design", help=_("design JSON file, or template:ID"))
    sizes = render.add_mutually_exclusive_group()
    sizes.add_argument("--size", default="instagram-portrait", help=_("size name or WIDTHxHEIGHT"))
    sizes.add_argument("--all-sizes", action="store_true", help=_("every platform size (-o is a folder)"))
    render.add_argument("-o", "--output", default="", help=_("output file (.jpg or .png) or folder"))
    render.add_argument(
        "--check", action="store_true", help=_("print legibility findings; exit 1 if any is an error")
    )
    render.set_defaults(func=cmd_render)
    from composer import cli_accounts, cli_calendar, cli_plan, cli_publish, cli_report, cli_snippets

    cli_accounts.add_parsers(sub)
    cli_publish.add_parsers(sub)
    cli_plan.add_parsers(sub)
    cli_snippets.add_parsers(sub)
    cli_calendar.add_parsers(sub)
    cli_report.add_parsers(sub)
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
    except KeyboardInterrupt:  # Ctrl+C: stopped on purpose, no traceback
        return 130
    except Exception as exc:  # noqa: BLE001 - the officer gets one line, the log the traceback
        print(failure_line(exc), file=sys.stderr)
        return 2


def failure_line(exc: BaseException) -> str:
    """One line in the UI language for an error no command caught: the workspace's state
    (damaged, read-only, full…) when it is that, else what failed, with the traceback in
    the log file (never on the terminal)."""
    import logging

    from composer import paths
    from composer.accounts.redact import redact
    from composer.session.workspace_problems import classify

    problem = classify(exc, paths.database_path())
    if problem is not None:
        return describe_code(problem.message_code, problem.params())
    if isinstance(exc, IsADirectoryError | NotADirectoryError | PermissionError) and exc.filename:
        return _("Siar cannot use “{name}” ({reason}).").format(name=exc.filename, reason=exc.strerror)
    logging.getLogger("siar.cli").error("command failed", exc_info=exc)
    return _("Siar could not finish this command ({error}). The details are in the log file.").format(
        error=redact(type(exc).__name__)
    )
