"""The month's plan: importing it from a spreadsheet, exporting it, the calendar, and what
the officer plans with (snippets, hashtag sets, signatures, weekly targets).

No Qt here: the window (ui/plan_import.py, ui/calendar_view.py, ui/snippets.py) and the
command line (cli_plan.py, cli_calendar.py, cli_snippets.py) call these modules and only
show what they return. They reach the workspace through this package, not the store, so
the session (composer/session, issue 11) can hand its own workspace in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from composer.store.workspace import Workspace as Workspace  # for the callers' type hints
