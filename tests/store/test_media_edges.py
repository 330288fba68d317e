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
