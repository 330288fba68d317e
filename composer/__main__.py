"""``siar`` / ``python -m composer``: a command runs headless, no command opens the window."""

from __future__ import annotations

import sys

_COMMANDS = {
    "check",
    "templates",
    "render",
    "accounts",
    "draft",
    "post",
    "outbox",
    "history",
    "sandbox",
    "plan",
    "snippets",
    "calendar",
    "report",
    "metrics",
    "-h",
    "--help",
    "--version",
}


def main() -> int:
    args = sys.argv[1:]
    if any(a in _COMMANDS for a in args[:2]) or (
        args[:1] == ["--lang"] and len(args) > 2 and args[2] in _COMMANDS
    ):
        from composer import cli, logs

        logs.setup()
        return cli.main(args)
    from composer import app

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
