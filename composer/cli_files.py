"""Reading a caption and writing a file whole, for every ``siar`` command that does."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def read_caption(source: str) -> str:
    """A caption file or standard input; a UTF-8 byte-order mark (Windows Notepad) is not
    part of the text."""
    if source == "-":
        return sys.stdin.read().removeprefix("\ufeff")
    with open(source, encoding="utf-8-sig") as fh:
        return fh.read()


def write_whole(target: Path, data: bytes) -> None:
    """Write through a temporary file renamed into place: never half an image. (Not
    mkstemp: an export is the officer's file and keeps their usual permissions.)"""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
