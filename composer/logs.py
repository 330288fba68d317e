"""Logging for the app and the command line: one file in the log folder, secrets masked,
uncaught exceptions written (masked) before the process dies."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from composer import paths
from composer.accounts.redact import install, redact


class _FileHandler(logging.FileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        """A write that fails (the disk filled) is dropped: logging's default prints a
        traceback to the officer's terminal."""


def setup(level: int = logging.INFO) -> None:
    """Log to the log folder's siar.log. A log that cannot be opened (read-only or full
    disk) never stops Siar: it then runs without a log file."""
    root = logging.getLogger()
    try:
        target: str | None = str((paths.log_dir() / "siar.log").resolve())
    except OSError:
        target = None
    for old in [h for h in root.handlers if isinstance(h, logging.FileHandler)]:
        if old.baseFilename != target:  # SIAR_HOME moved (tests, --home): follow it
            root.removeHandler(old)
            old.close()
    if target and not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        try:
            handler = _FileHandler(paths.private_file(Path(target)), encoding="utf-8")
        except OSError:
            handler = None
        if handler is not None:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            root.addHandler(handler)
    root.setLevel(level)
    install(root)

    def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("siar.crash").error("uncaught exception", exc_info=(kind, value, tb))
        import traceback

        sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

    sys.excepthook = excepthook
