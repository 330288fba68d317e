"""``siar report --month YYYY-MM [--pdf FILE] [--xlsx FILE] [--csv FILE]`` and
``siar metrics [--run]`` (issue 15)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from composer.i18n import _

if TYPE_CHECKING:
    from composer.insights.service import MetricsService
    from composer.session import Session

_SUFFIXES = {"pdf": ".pdf", "xlsx": ".xlsx", "csv": ".csv"}


def add_parsers(sub: Any) -> None:
    report = sub.add_parser("report", help=_("write the monthly social-media report"))
    report.add_argument("--month", required=True, help=_("the month, as YYYY-MM"))
    report.add_argument("--pdf", type=Path, help=_("write the report as PDF to this file"))
    report.add_argument("--xlsx", type=Path, help=_("write the figures as an Excel workbook"))
    report.add_argument("--csv", type=Path, help=_("write one row per upload as CSV"))
    report.set_defaults(func=cmd_report)
    metrics = sub.add_parser(
        "metrics", help=_("show the statistics budgets and accounts; --run takes the snapshots that are due")
    )
    metrics.add_argument("--run", action="store_true", help=_("take the metric snapshots that are due now"))
    metrics.add_argument(
        "--off",
        metavar="PLATFORM",
        action="append",
        default=[],
        help=_("stop measuring a platform's posts (X bills every read)"),
    )
    metrics.add_argument(
        "--on", metavar="PLATFORM", action="append", default=[], help=_("measure a platform's posts again")
    )
    metrics.set_defaults(func=cmd_metrics)


def cmd_metrics(args: argparse.Namespace, out: TextIO) -> int:
    from composer.insights.service import MetricsService
    from composer.session import Session

    with Session() as session:
        return _metrics(args, out, session, MetricsService(session.workspace, session.registry))


def _metrics(args: argparse.Namespace, out: TextIO, session: Session, service: MetricsService) -> int:
    import time

    from composer import platforms
    from composer.insights import x as x_metrics
    from composer.insights.settings import RECONNECT

    for platform_id, on in [*((p, False) for p in args.off), *((p, True) for p in args.on)]:
        entry = platforms.BY_ID.get(platform_id)
        if entry is None or entry.metrics is None:
            known = ", ".join(p.id for p in platforms.BY_ID.values() if p.metrics is not None)
            print(
                _("No statistics for “{value}”; choose one of: {known}").format(
                    value=platform_id, known=known
                ),
                file=sys.stderr,
            )
            return 2
        service.set_enabled(platform_id, on)
    now = time.time()
    if args.run:
        result = service.run_due(now)
        out.write(
            _("Snapshots taken: {taken}; waiting: {waiting}").format(
                taken=result.taken, waiting=result.waiting
            )
            + "\n"
        )
    for entry in platforms.BY_ID.values():
        if entry.metrics is None:
            continue
        if not service.enabled(entry.id):
            out.write(_("{platform}: statistics off").format(platform=entry.name) + "\n")
            continue
        out.write(
            _("{platform}: {spent} of {budget} requests today").format(
                platform=entry.name, spent=service.spent(entry.id, now), budget=entry.metrics_budget
            )
            + "\n"
        )
    out.write(
        _(
            "X bills every read: about ${cost} per 100 posts measured (owned timeline), $0.005 a post looked up by id."
        ).format(cost=f"{x_metrics.cost_usd(100):.2f}")
        + "\n"
    )
    for account in session.accounts():
        if service.needs_reconnect(account.id):
            out.write(f"{account.name}: {_(RECONNECT)}\n")
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from composer.report.model import BadMonth, parse_month

    try:
        parse_month(args.month)
    except BadMonth:
        print(
            _("Not a month: “{value}”. Write it as YYYY-MM, e.g. 2026-11.").format(value=args.month),
            file=sys.stderr,
        )
        return 2
    targets: dict[str, Path | None] = {kind: getattr(args, kind) for kind in _SUFFIXES}
    for kind, path in targets.items():
        if path is None:
            continue
        if path.suffix.lower() != _SUFFIXES[kind]:
            print(
                _("--{kind} needs a file name ending in {suffix}.").format(kind=kind, suffix=_SUFFIXES[kind]),
                file=sys.stderr,
            )
            return 2
        if path.is_dir() or not path.parent.is_dir():
            print(_("Cannot write “{name}”: its folder does not exist.").format(name=path), file=sys.stderr)
            return 2
    from composer import report as reports
    from composer.session import Session

    with Session() as session:
        result = reports.write(
            session.workspace, args.month, pdf=targets["pdf"], xlsx=targets["xlsx"], csv=targets["csv"]
        )
    out.write(f"{result.title}\n")
    per_platform, interactions = result.uploads_per_platform(), result.interactions_per_platform()
    for platform in result.platform_ids:
        name = next(u.platform_name for u in result.uploads if u.platform == platform)
        out.write(
            _("{platform}: {uploads} uploads, {interactions} interactions within 24 h").format(
                platform=name, uploads=per_platform[platform], interactions=interactions[platform]
            )
            + "\n"
        )
    for path in (p for p in targets.values() if p is not None):
        out.write(_("Written: {name}").format(name=path) + "\n")
    return 0
