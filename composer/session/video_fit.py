"""The "potong/konversi" use case: a video too long for one platform, or in a codec or
container it refuses, gets a fitted copy for that platform only (issue 13 item 2).

The copy is written by composer.store.video_fit (PyAV, streamed, never whole in memory)
into a temporary folder inside the media store, imported like any attachment, and the
draft records it in ``Post.fitted`` for that platform: every other platform keeps the
original, and the preview, preflight and the payload all see the copy.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from composer.core.platforms import BY_ID
from composer.core.post import MediaItem, Post
from composer.store import video
from composer.store.media import MediaError, MediaStore
from composer.store.video_fit import FitFailed, fit, plan_for


class FitRefused(Exception):
    """Nothing to fit, or FFmpeg failed: *code* names why (composer.i18n)."""

    def __init__(self, code: str, **params: str | int | float) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def fit_video(
    media: MediaStore,
    post: Post,
    platform: str,
    media_id: str,
    progress: Callable[[float], None] = lambda _f: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> MediaItem:
    """Write the fitted copy of *media_id* for *platform*, record it in *post* (the caller
    saves the draft) and return it."""
    original = next((m for m in post.media if m.id == media_id and m.kind == "video"), None)
    rules = BY_ID[platform].video if platform in BY_ID else None
    path = media.path_for_id(media_id)
    if original is None or rules is None or path is None:
        raise FitRefused("video.fit_nothing")
    try:
        info = video.probe(path)
    except (video.VideoRefused, OSError) as exc:
        raise FitRefused("video.fit_failed", name=original.filename) from exc
    plan = plan_for(rules, container=info.container, codec=info.codec, seconds=info.duration)
    if not plan.needed:
        raise FitRefused("video.fit_nothing")
    stem = Path(original.filename).stem or "video"
    folder = Path(tempfile.mkdtemp(prefix=".fit-", dir=media.root))  # same disk as the store
    try:
        copy = folder / f"{stem}-{platform}.mp4"
        try:
            fit(path, copy, plan, progress, cancelled)
            fitted = media.import_file(copy)
        except (FitFailed, MediaError) as exc:
            raise FitRefused("video.fit_failed", name=original.filename) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    fitted = dataclasses.replace(fitted, alt=original.alt)
    post.fitted.setdefault(platform, {})[media_id] = fitted
    return fitted
