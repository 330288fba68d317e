"""Attaching files at the edges: real phone photos near the pixel limit, videos probed
for what they really hold, and paths that are not files at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from composer.i18n import describe_code
from composer.store.media import MAX_PIXELS, MediaError
from composer.store.workspace import Workspace


def test_a_90_megapixel_phone_photo_is_accepted(tmp_path: Path) -> None:
    # 9500 x 9500 = 90.25 MP: over Pillow's default bomb warning (89.5 MP), under Siar's limit.
    photo = tmp_path / "IMG_9500.jpg"
    Image.new("L", (9500, 9500), 128).save(photo, quality=50)
    item = Workspace().media.import_file(photo)
    assert (item.kind, item.width, item.height) == ("image", 9500, 9500)


def test_above_the_limit_the_message_gives_the_real_numbers(tmp_path: Path) -> None:
    big = tmp_path / "panorama.png"
    Image.new("1", (15000, 15000)).save(big)  # 225 MP, a small file
    with pytest.raises(MediaError) as caught:
        Workspace().media.import_file(big)
    error = caught.value
    assert error.code == "media.too_many_pixels_count"
    assert (error.params["pixels"], error.params["limit"]) == (225, MAX_PIXELS // 10**6) == (225, 200)
    message = describe_code(error.code, error.params)
    assert "225 million" in message and "up to 200 million" in message


def test_a_big_photo_is_prepared_from_a_reduced_decode(tmp_path: Path) -> None:
    import io

    from composer.core.platforms.base import PhotoRules
    from composer.publish.prepare import prepare_photo

    buffer = io.BytesIO()
    Image.new("RGB", (9600, 7200), (10, 90, 200)).save(buffer, "JPEG", quality=40)
    opened: list[tuple[int, int]] = []
    real_load = Image.Image.load

    def spy(image: Image.Image) -> object:
        opened.append(image.size)
        return real_load(image)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Image.Image, "load", spy)
        prepared = prepare_photo(buffer.getvalue(), PhotoRules(2 * 1024 * 1024, max_long_edge=2048))
    assert max(prepared.width, prepared.height) == 2048
    assert opened and max(opened[0]) < 9600  # decoded at 1/2, 1/4 or 1/8 scale, not in full


# --- videos: probed for real ---------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "codec", "suffix", "mime"),
    [
        ("mp4", "libx264", "mp4", "video/mp4"),
        ("mov", "libx264", "mov", "video/quicktime"),
        ("webm", "libvpx-vp9", "webm", "video/webm"),
    ],
)
def test_a_real_video_is_probed(tmp_path: Path, fmt: str, codec: str, suffix: str, mime: str) -> None:
    from composer.store import video
    from tests.store.videos import make_video

    clip = make_video(tmp_path / f"clip.{suffix}", fmt=fmt, codec=codec, size=(96, 64), seconds=2.0)
    info = video.probe(clip)
    assert (info.width, info.height) == (96, 64) and 1.9 <= info.duration <= 2.5
    item = Workspace().media.import_file(clip)
    assert (item.kind, item.mime, item.width, item.height) == ("video", mime, 96, 64)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("fake.mp4", b"\x00\x00\x00\x18ftypmp42"),
        ("fake.mov", b"\x00\x00\x00\x14ftypqt  "),
        ("fake.webm", b"\x1a\x45\xdf\xa3"),
    ],
)
def test_magic_bytes_followed_by_garbage_are_refused(tmp_path: Path, name: str, head: bytes) -> None:
    fake = tmp_path / name
    fake.write_bytes(head + bytes(range(256)) * 40)
    workspace = Workspace()
    with pytest.raises(MediaError) as caught:
        workspace.media.import_file(fake)
    assert caught.value.code == "media.unreadable"
    assert [p for p in workspace.media.root.rglob("*") if p.is_file()] == []


def test_what_no_platform_takes_is_refused_with_a_reason(tmp_path: Path) -> None:
    from tests.store.videos import make_sound_only, make_video

    cases = {
        "media.video_codec": make_video(tmp_path / "camera.mov", fmt="mov", codec="mjpeg"),
        "media.video_no_picture": make_sound_only(tmp_path / "voice.mp4"),
        "media.video_too_long": make_video(tmp_path / "cctv.mp4", seconds=13 * 3600),
        "media.video_too_big": make_video(tmp_path / "wide.mp4", size=(8200, 16)),
    }
    for code, path in cases.items():
        with pytest.raises(MediaError) as caught:
            Workspace().media.import_file(path)
        assert caught.value.code == code, path.name
        message = describe_code(code, caught.value.params)
        assert path.name in message and "{" not in message
    assert "MJPEG" in describe_code("media.video_codec", {"name": "x", "codec": "MJPEG"})


def test_a_180_megapixel_photo_renders_in_a_design(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above twice Pillow's default (179 MP) Pillow raises instead of warning: the design
    renderer, in a process that has not imported a photo yet, must still open it."""
    from composer.design.assets import ImageLoader
    from composer.store import media

    photo = tmp_path / "IMG_13500.jpg"
    Image.new("L", (13500, 13500), 90).save(photo, quality=50)  # 182 MP
    workspace = Workspace()
    item = workspace.media.import_file(photo)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 89_478_485)  # Pillow's default, as in a fresh process
    monkeypatch.setattr(media, "_heif_registered", False)
    picture = ImageLoader(workspace.media.path_for_id)(f"media:{item.id}")
    assert picture is not None and max(picture.size) < 13500
    workspace.close()
