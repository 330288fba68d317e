"""Reading a media file for upload a chunk at a time, never the whole file (a 300 MB
video must not cost 300 MB of memory; issue 13 item 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_chunks(path: Path, start: int, size: int) -> Iterator[tuple[int, bytes]]:
    """``(offset, bytes)`` of *path* from *start* on, *size* bytes at a time."""
    with path.open("rb") as fh:
        fh.seek(start)
        offset = start
        while chunk := fh.read(size):
            yield offset, chunk
            offset += len(chunk)
