"""Logging for the app and the command line: one file in the log folder, secrets masked,
uncaught exceptions written (masked) before the process dies."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from composer import paths
from composer.accounts.redact import install, redact


def setup(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    target = str((paths.log_dir() / "siar.log").resolve())
    for old in [h for h in root.handlers if isinstance(h, logging.FileHandler)]:
        if old.baseFilename != target:  # SIAR_HOME moved (tests, --home): follow it
            root.removeHandler(old)
            old.close()
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        handler = logging.FileHandler(target, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install(root)

    def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("siar.crash").error("uncaught exception", exc_info=(kind, value, tb))
        import traceback

        sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

    sys.excepthook = excepthook
