"""The evidence cards drawn in a worker process are the cards drawn here, in page order;
a worker that dies leaves the rest to be drawn here, and no page loses its card."""

from __future__ import annotations

import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from composer.paths import assets_dir
from composer.report import card_pool
from composer.report.model import build
from composer.report.pdf import _Images
from composer.store.outbox import HistoryEntry
from composer.store.workspace import Workspace


def _jobs(workspace: Workspace, folder: Path, count: int) -> list[card_pool.CardJob]:
    photo = workspace.media.import_file(assets_dir() / "demo" / "ruang-pelayanan.jpg")
    when = time.mktime((2026, 11, 12, 9, 0, 0, 0, 0, -1))
    for n in range(count):
        platform = ("facebook", "x", "instagram")[n % 3]
        media = [{"id": photo.id, "filename": "r.jpg"}] if n % 2 else []
        workspace.outbox.record(
            HistoryEntry(
                f"h{n}",
                f"post-{n}",
                "acc",
                "Kanim Contoh",
                platform,
                f"Kabar layanan ke-{n} #Imigrasi",
                media=media,
                platform_id=f"p{n}",
                permalink=f"https://example.test/{n}",
                published_at=when + n,
            )
        )
    month = build(workspace, "2026-11")
    images = _Images(workspace, folder)
    return [images.card_job(upload, month.office) for upload in month.uploads]


def test_a_worker_process_draws_the_same_cards_in_page_order(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    jobs = _jobs(workspace, here, 5)
    assert all(card_pool.draw(job) for job in jobs)
    drawn_here = [job[2].read_bytes() for job in jobs]

    monkeypatch.setattr(card_pool, "POOL_FROM", 0)  # five cards are too few to start a worker
    moved = [(card, files, there / target.name) for card, files, target in jobs]
    assert list(card_pool.drawn(moved, len(moved), workers=1)) == [True] * 5
    assert [job[2].read_bytes() for job in moved] == drawn_here  # the same JPEGs, byte for byte


def test_a_worker_that_dies_leaves_the_rest_to_be_drawn_here(workspace: Workspace, tmp_path: Path) -> None:
    jobs = _jobs(workspace, tmp_path, 4)
    submitted: list[card_pool.CardJob] = []

    def dead_worker(_fn: object, job: card_pool.CardJob) -> Future[bool]:
        submitted.append(job)
        future: Future[bool] = Future()
        future.set_exception(BrokenProcessPool("killed"))
        return future

    drawn_here: list[card_pool.CardJob] = []

    def here(job: card_pool.CardJob) -> bool:
        drawn_here.append(job)
        return card_pool.draw(job)

    results = list(card_pool._pipelined(iter(jobs), dead_worker, here))
    assert results == [True] * 4
    assert drawn_here == jobs  # every card, in page order
    assert len(submitted) == len(jobs)  # all were handed out before the death showed
    assert all(job[2].stat().st_size > 0 for job in jobs)
