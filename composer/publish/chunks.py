"""Reading a media file for upload a chunk at a time, never the whole file (a 300 MB
video must not cost 300 MB of memory; issue 13 item 2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


def read_chunks(path: Path, start: int, size: int) -> Iterator[tuple[int, bytes]]:
    """``(offset, bytes)`` of *path* from *start* on, *size* bytes at a time."""
    with path.open("rb") as fh:
        fh.seek(start)
        offset = start
        while chunk := fh.read(size):
            yield offset, chunk
            offset += len(chunk)


class ProgressReader:
    """A file as a request body that ``requests`` streams block by block (it has a length,
    so it goes with ``Content-Length``, not chunked), reporting the bytes read so far:
    one-request uploads (the rupload host) show progress without holding the file."""

    def __init__(self, fh: BinaryIO, size: int, progress: Callable[[int], None]) -> None:
        self._fh = fh
        self._size = size
        self._progress = progress
        self._read = 0

    def __len__(self) -> int:
        return self._size - self._read

    def read(self, size: int = -1) -> bytes:
        block = self._fh.read(size)
        self._read += len(block)
        self._progress(self._read)
        return block
