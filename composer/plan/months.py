"""Months as the plan and the calendar name them ("2026-12")."""

from __future__ import annotations

import re


def month_range(month: str) -> tuple[str, str] | None:
    """("2026-12-01", "2027-01-01") for "2026-12": the bounds to compare planned_at with."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", month.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    year, number = int(match[1]), int(match[2])
    following = (year + 1, 1) if number == 12 else (year, number + 1)
    return f"{year:04d}-{number:02d}-01", f"{following[0]:04d}-{following[1]:02d}-01"
