"""The posting kit, for an account Siar cannot post to through an API: a folder (and a
zip of it) with the platform's prepared images, the video if there is one, and the caption, for the officer to post
by hand. The history gets an entry; the officer pastes the live address there after."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from composer import paths
from composer.publish.base import Ctx, Published, Result, Step


def folder_for(ctx: Ctx) -> Path:
    title = re.sub(r"[^\w-]+", "-", str(ctx.payload.get("title", "")))[:40].strip("-") or "posting"
    return paths.data_dir() / "posting-kits" / f"{title}-{ctx.job.post_id[:6]}-{ctx.account.platform}"


def _build(ctx: Ctx) -> Result:
    folder = folder_for(ctx)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "caption.txt").write_text(ctx.payload["text"], encoding="utf-8")
    names = []
    for index, photo in enumerate(ctx.payload["photos"], start=1):
        name = f"{index:02d}-{photo['filename']}"
        (folder / name).write_bytes(ctx.media_bytes(photo["id"]))
        if photo.get("alt"):
            (folder / f"{index:02d}-alt-text.txt").write_text(str(photo["alt"]), encoding="utf-8")
        names.append(name)
    video = ctx.payload.get("video")
    if video and ctx.media_path is not None:
        # The video itself (TikTok, YouTube, Reels by hand): copied from disk, never read whole.
        name = f"video-{video['filename']}"
        shutil.copyfile(ctx.media_path(video["id"]), folder / name)
        names.append(name)
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.iterdir()):
            # Videos are compressed already: stored as they are, so zipping costs no CPU time.
            kind = zipfile.ZIP_STORED if path.name.startswith("video-") else zipfile.ZIP_DEFLATED
            bundle.write(path, f"{folder.name}/{path.name}", compress_type=kind)
    return {"folder": str(folder), "zip": str(archive), "files": names}


def steps(ctx: Ctx) -> list[Step]:
    return [Step("kit", _build)]


def published(ctx: Ctx) -> Published:
    return Published("", "")


def cleanup(ctx: Ctx) -> None:
    """The kit stays until the officer deletes it."""
