"""``siar calendar --month 2026-12 [--json]`` and ``--target PLATFORM=N``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any, TextIO

from composer.i18n import N_, _

WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def add_parsers(sub: Any) -> None:
    calendar = sub.add_parser("calendar", help=_("the month's plan per day and platform"))
    calendar.add_argument("--month", metavar="YYYY-MM", help=_("the month (default: this month)"))
    calendar.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    calendar.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="PLATFORM=N",
        help=_("set a weekly target, e.g. instagram=3 (0 removes it); repeatable"),
    )
    calendar.set_defaults(func=cmd_calendar)


def kind_label(kind: str, native: bool = False) -> str:
    if kind == "scheduled":
        return _("scheduled on the platform") if native else _("scheduled in the outbox")
    return {"draft": _("draft"), "published": _("published")}.get(kind, kind)


def cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    from composer import platforms
    from composer.plan import calendar
    from composer.plan.months import month_range
    from composer.session import Session

    month = args.month or date.today().strftime("%Y-%m")
    bounds = month_range(month)
    if bounds is None:
        print(_("“{value}” is not a month: write it as 2026-12.").format(value=month), file=sys.stderr)
        return 2
    wanted_targets: dict[str, int] = {}
    for spec in args.target:
        name, _sep, number = spec.partition("=")
        if name.strip() not in platforms.BY_ID or not number.strip().isdigit():
            print(
                _("“{value}” is not PLATFORM=N; platforms: {known}.").format(
                    value=spec, known=", ".join(platforms.ids())
                ),
                file=sys.stderr,
            )
            return 2
        wanted_targets[name.strip()] = int(number)
    start, end = (date.fromisoformat(b) for b in bounds)
    session = Session()
    workspace = session.workspace
    try:
        for platform_id, number in wanted_targets.items():
            calendar.set_target(workspace, platform_id, number)
        items = calendar.items_between(workspace, start, end)
        wanted = calendar.targets(workspace)
    finally:
        session.close()
    mondays = sorted(
        {d for d in calendar.month_grid(start.year, start.month) if d.weekday() == 0 and d < end}
    )
    week_gaps = calendar.gaps(items, wanted, mondays)
    if args.json:
        payload = {
            "month": month,
            "items": [i.to_json() for i in items],
            "targets": wanted,
            "weeks": [
                {
                    "week": g.week_start.isoformat(),
                    "platform": g.platform,
                    "target": g.target,
                    "planned": g.planned,
                    "gap": g.gap,
                }
                for g in week_gaps
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        return 0
    print(_("Plan for {month}").format(month=month), file=out)
    if not items:
        print("  " + _("Nothing planned, scheduled or published this month."), file=out)
    current: date | None = None
    for item in items:
        if item.day != current:
            current = item.day
            print(f"{item.day.isoformat()} ({_(WEEKDAYS[item.day.weekday()])})", file=out)
        print(
            f"  {item.time}  {platforms.display_name(item.platform):<10} {item.title}  [{kind_label(item.kind, item.native)}]",
            file=out,
        )
    if week_gaps:
        print(_("Weekly targets:"), file=out)
        for gap in week_gaps:
            state = _("short by {gap}").format(gap=gap.gap) if gap.gap else _("met")
            print(
                "  "
                + _("week of {day}: {platform} {planned}/{target} ({state})").format(
                    day=gap.week_start.isoformat(),
                    platform=platforms.display_name(gap.platform),
                    planned=gap.planned,
                    target=gap.target,
                    state=state,
                ),
                file=out,
            )
    return 0
