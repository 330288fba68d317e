"""``siar`` / ``python -m composer``: a command runs headless, no command opens the window."""

from __future__ import annotations

import sys

# What the window itself takes; anything else (a command, or a mistyped one) goes to the
# command line, whose parser knows every command and says which exist.
_WINDOW_OPTIONS = ("--demo", "--home", "--self-test")


def _is_command(args: list[str]) -> bool:
    rest = args[2:] if args[:1] == ["--lang"] else args
    if rest and rest[0].lower().startswith("siar:"):
        return False  # a siar:// link from the browser: the window's side takes it
    return bool(rest) and rest[0].split("=", 1)[0] not in _WINDOW_OPTIONS


def main() -> int:
    args = sys.argv[1:]
    if _is_command(args):
        from composer import cli, logs

        logs.setup()
        return cli.main(args)
    from composer import app

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
