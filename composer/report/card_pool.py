"""The evidence pages' preview cards, drawn in a second process while the pages are laid out.

A month's report has one card per upload (900 for 150 posts on 6 accounts). Drawing one
takes ~5.7 ms of Pillow work that holds the GIL (two threads draw 200 cards in 1.33 s
against 1.42 s for one), so on the same process the cards and fpdf2's page layout take
turns: about half of a 10 s report each. A worker process draws the cards ahead of the
page that shows them; the two then share the laptop's two cores.

The worker is started with "spawn" (never "fork": the window's threads hold Qt's locks),
which the bundled app supports through ``multiprocessing.freeze_support()`` in its entry
point. Where a worker cannot be started or dies, the cards are drawn here, as before.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from composer.core.post import MediaItem
from composer.report.preview_card import CardInput, TileCache, render

CARD_QUALITY = 78  # JPEG: a photo inside the card makes PNG several times larger; 78 keeps text crisp
AHEAD = 16  # cards drawn ahead of the page: bounded, so a month's cards are never all on disk
POOL_FROM = 40  # fewer cards than this: starting a process (~0.3 s) costs more than it saves

# One card to draw: what it shows, each image's file by media id, and the JPEG to write.
CardJob = tuple[CardInput, dict[str, str], Path]

_tiles: TileCache = {}  # the worker's scaled photos: a month shows the same few on many cards


def draw(job: CardJob) -> bool:
    """Draw one card into its JPEG (in the worker, or here); False where it could not be."""
    card, files, target = job

    def media_path(item: MediaItem) -> Path | None:
        found = files.get(item.id)
        return Path(found) if found else None

    try:
        render(card, media_path, _tiles).save(target, "JPEG", quality=CARD_QUALITY)
    except OSError:
        return False  # a missing font or a full disk: the page goes without the card
    return True


def drawn(jobs: Iterable[CardJob], count: int, workers: int = 1) -> Generator[bool, None, None]:
    """Each job's result in order, drawn up to AHEAD cards in advance by *workers* processes."""
    if count < POOL_FROM or workers < 1:
        yield from map(draw, jobs)
        return
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError):
        yield from map(draw, jobs)
        return
    with pool:
        yield from _pipelined(iter(jobs), pool.submit, draw)


def _pipelined(
    jobs: Iterator[CardJob], submit: Callable[..., Future[bool]], fallback: Callable[[CardJob], bool]
) -> Iterator[bool]:
    waiting: deque[tuple[CardJob, Future[bool] | None]] = deque()
    broken = False

    def top_up() -> None:
        while len(waiting) < AHEAD:
            job = next(jobs, None)
            if job is None:
                return
            waiting.append((job, None if broken else submit(draw, job)))

    top_up()
    while waiting:
        job, future = waiting.popleft()
        try:
            done = future.result() if future is not None else fallback(job)
        except (BrokenProcessPool, OSError):
            broken = True  # the worker died (killed, out of memory): the rest are drawn here
            done = fallback(job)
            waiting = deque((j, None) for j, _f in waiting)
        top_up()
        yield done
