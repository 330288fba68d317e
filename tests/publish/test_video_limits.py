"""Issue 13 item 2: a video is checked against each platform's limits (container, codec,
duration, size, aspect) from what the file really holds, before anything is sent."""

from __future__ import annotations

from pathlib import Path

from composer.core.post import Post
from composer.publish.preflight import ERROR, preflight
from tests.publish.conftest import Env
from tests.store.videos import make_video


def _post_with(env: Env, path: Path) -> Post:
    post = Post(title="Klip", text="Klip layanan")
    post.media.append(env.workspace.media.import_file(path))
    env.workspace.drafts.save(post)
    return post


def _errors(env: Env, post: Post, platform: str) -> list[str]:
    checks = preflight(post, [env.account(platform)], media=env.workspace.media)
    return [c.message for c in checks if c.severity == ERROR]


def test_a_long_webm_is_refused_for_x_and_fine_for_youtube(env: Env, tmp_path: Path) -> None:
    clip = make_video(tmp_path / "panjang.webm", fmt="webm", codec="libvpx-vp9", seconds=200.0)
    post = _post_with(env, clip)
    on_x = _errors(env, post, "x")
    assert any("webm" in m for m in on_x)  # X takes MP4/MOV
    assert any("vp9" in m for m in on_x)  # and H.264
    assert any("lasts 200." in m and "140 s" in m for m in on_x)  # 0.5–140 s
    assert _errors(env, post, "youtube") == []


def test_a_very_wide_clip_is_refused_for_x(env: Env, tmp_path: Path) -> None:
    clip = make_video(tmp_path / "lebar.mp4", size=(400, 96), seconds=2.0)
    on_x = _errors(env, _post_with(env, clip), "x")
    assert any("4.17:1" in m for m in on_x)  # aspect 1:3 … 3:1


def test_a_short_h264_mp4_passes_on_x(env: Env, tmp_path: Path) -> None:
    clip = make_video(tmp_path / "pendek.mp4", seconds=5.0)
    assert _errors(env, _post_with(env, clip), "x") == []


def test_without_the_media_store_no_file_is_opened(env: Env, tmp_path: Path) -> None:
    clip = make_video(tmp_path / "panjang.webm", fmt="webm", codec="libvpx-vp9", seconds=200.0)
    post = _post_with(env, clip)
    assert preflight(post, [env.account("x")]) == []
