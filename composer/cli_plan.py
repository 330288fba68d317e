"""``siar plan import FILE [--dry-run] [--valid-only]`` and ``siar plan export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from composer.i18n import _


def add_parsers(sub: Any) -> None:
    plan = sub.add_parser("plan", help=_("import or export the month's content plan"))
    actions = plan.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help=_("make drafts from a plan spreadsheet (.xlsx or .csv)"))
    imp.add_argument("file", help=_("the spreadsheet"))
    imp.add_argument("--dry-run", action="store_true", help=_("show what would happen; save nothing"))
    imp.add_argument(
        "--valid-only", action="store_true", help=_("import the valid rows even when other rows have errors")
    )
    imp.set_defaults(func=cmd_plan_import)
    exp = actions.add_parser("export", help=_("write the planned drafts as a CSV the import reads back"))
    exp.add_argument("-o", "--output", default="-", help=_("CSV file to write, or - for standard output"))
    exp.add_argument("--month", metavar="YYYY-MM", help=_("only this month"))
    exp.set_defaults(func=cmd_plan_export)


def action_label(action: str) -> str:
    return {
        "create": _("new"),
        "update": _("changed"),
        "unchanged": _("unchanged"),
        "binned": _("in the bin"),
        "error": _("error"),
    }.get(action, action)


def cmd_plan_import(args: argparse.Namespace, out: TextIO) -> int:
    from composer.plan.importer import apply, read_plan
    from composer.plan.messages import file_message
    from composer.plan.sheet import PlanFileError
    from composer.session import Session

    session = Session()
    workspace = session.workspace
    try:
        try:
            report = read_plan(Path(args.file), workspace)
        except PlanFileError as exc:
            print(file_message(exc.code, exc.params), file=sys.stderr)
            return 2
        for problem in report.problems:
            print(f"{problem.where()}: [{_(problem.severity)}] {problem.message()}", file=out)
        for row in report.rows:
            when = row.planned_at.replace("T", " ")
            changes = f" ({', '.join(row.changes)})" if row.action == "update" else ""
            print(
                _("row {row}: {action}{changes} — {title} {when}").format(
                    row=row.row,
                    action=action_label(row.action),
                    changes=changes,
                    title=row.title or row.text[:40],
                    when=when,
                ),
                file=out,
            )
            for problem in row.problems:
                print(f"  {problem.where()}: [{_(problem.severity)}] {problem.message()}", file=out)
        summary = _("{create} new, {update} changed, {unchanged} unchanged, {error} with errors.").format(
            create=report.count("create"),
            update=report.count("update"),
            unchanged=report.count("unchanged"),
            error=report.count("error"),
        )
        print(summary, file=out)
        if args.dry_run:
            print(_("Dry run: nothing was saved."), file=out)
            return 1 if report.has_errors else 0
        if report.has_errors and not args.valid_only:
            print(
                _("Nothing was saved: correct the rows above, or add --valid-only to import the valid rows."),
                file=sys.stderr,
            )
            return 1
        result = apply(report, workspace, valid_only=args.valid_only)
        print(
            _("Saved: {created} new draft(s), {updated} updated; {skipped} row(s) left out.").format(
                created=result.created, updated=result.updated, skipped=result.skipped
            ),
            file=out,
        )
        return 1 if report.has_errors else 0
    finally:
        session.close()


def cmd_plan_export(args: argparse.Namespace, out: TextIO) -> int:
    from composer.plan.export import rows, to_csv
    from composer.plan.months import month_range
    from composer.session import Session

    start, end = "0000", "9999"
    if args.month:
        found = month_range(args.month)
        if found is None:
            print(
                _("“{value}” is not a month: write it as 2026-12.").format(value=args.month), file=sys.stderr
            )
            return 2
        start, end = found
    session = Session()
    workspace = session.workspace
    try:
        text = to_csv(rows(workspace, start, end))
    finally:
        session.close()
    if args.output == "-":
        out.write(text)
    else:
        from composer.cli_files import write_whole

        # UTF-8 with a byte-order mark: Excel then opens the Indonesian text correctly.
        write_whole(Path(args.output), ("\ufeff" + text).encode("utf-8"))
    return 0
