"""Trim and transcode with PyAV (composer.store.video_fit): the copy really is shorter or
H.264/MP4, as the prober reads it; the clips are encoded here, a few KB each."""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.core.platforms import BY_ID
from composer.store.video import probe
from composer.store.video_fit import FitFailed, FitPlan, fit, plan_for
from tests.store.videos import make_video


def test_a_video_too_long_for_x_is_trimmed_without_re_encoding(tmp_path: Path) -> None:
    source = make_video(tmp_path / "panjang.mp4", seconds=200, frames=201)
    x = BY_ID["x"].video
    assert x is not None
    plan = plan_for(x, container="mp4", codec="h264", seconds=probe(source).duration)
    assert plan == FitPlan(max_seconds=140.0, transcode=False)
    seen: list[float] = []
    fit(source, tmp_path / "pendek.mp4", plan, seen.append)
    copy = probe(tmp_path / "pendek.mp4")
    assert (copy.container, copy.codec, copy.width, copy.height) == ("mp4", "h264", 64, 48)
    assert 130 <= copy.duration <= 140
    assert seen and seen == sorted(seen) and seen[-1] <= 1.0


def test_a_webm_is_transcoded_to_h264_mp4_for_a_platform_that_refuses_it(tmp_path: Path) -> None:
    source = make_video(tmp_path / "klip.webm", fmt="webm", codec="libvpx-vp9", seconds=5, frames=6)
    instagram = BY_ID["instagram"].video
    assert instagram is not None
    plan = plan_for(instagram, container="webm", codec="vp9", seconds=probe(source).duration)
    assert plan == FitPlan(transcode=True)
    fit(source, tmp_path / "klip.mp4", plan)
    copy = probe(tmp_path / "klip.mp4")
    assert (copy.container, copy.codec) == ("mp4", "h264")
    assert abs(copy.duration - probe(source).duration) < 1.0


def test_nothing_to_fit_is_an_empty_plan() -> None:
    youtube = BY_ID["youtube"].video
    assert youtube is not None
    assert not plan_for(youtube, container="mp4", codec="h264", seconds=60).needed


def test_a_file_ffmpeg_cannot_read_fails_cleanly_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    with pytest.raises(FitFailed):
        fit(broken, tmp_path / "hasil.mp4", FitPlan(transcode=True))
    assert not (tmp_path / "hasil.mp4").exists()
