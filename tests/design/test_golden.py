"""Every template at every size, compared with a reviewed picture (small tolerance).

Goldens are stored 240 px tall to keep the repository small; the renderer's full-size
output is scaled the same way before comparing. Regenerate after a deliberate change with
``pytest tests/design/test_golden.py --update-golden`` and look at the new files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from composer.design.assets import ImageLoader
from composer.design.brand import BrandKit
from composer.design.render import Renderer
from composer.design.sizes import SIZES
from composer.design.templates import TEMPLATES

GOLDEN = Path(__file__).with_name("golden")
HEIGHT = 240
MEAN_TOLERANCE = 1.5  # mean absolute difference per channel, 0–255
PIXEL_TOLERANCE = 0.01  # share of pixels allowed to differ by more than 48

_renderer = Renderer(BrandKit(), ImageLoader())


def _thumb(image: Image.Image) -> Image.Image:
    width = round(HEIGHT * image.width / image.height)
    return image.convert("RGB").resize((width, HEIGHT), Image.Resampling.LANCZOS)


@pytest.mark.parametrize("spec", SIZES, ids=[s.name for s in SIZES])
@pytest.mark.parametrize("template", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_template_matches_golden(template: object, spec: object, update_golden: bool) -> None:
    from composer.core.platforms.base import ImageSpec
    from composer.design.templates import Template

    assert isinstance(template, Template) and isinstance(spec, ImageSpec)
    rendered = _renderer.render(template.build(), spec.width, spec.height).image
    assert rendered.size == (spec.width, spec.height)
    thumb = _thumb(rendered)
    path = GOLDEN / f"{template.id}__{spec.name}.png"
    if update_golden:
        thumb.save(path, optimize=True)
        return
    assert path.exists(), f"no golden for {path.name}: run with --update-golden and review it"
    expected = Image.open(path).convert("RGB")
    assert expected.size == thumb.size
    diff = ImageChops.difference(thumb, expected)
    mean = sum(ImageStat.Stat(diff).mean) / 3
    strong = sum(diff.convert("L").histogram()[49:]) / (thumb.width * thumb.height)
    assert mean <= MEAN_TOLERANCE and strong <= PIXEL_TOLERANCE, (
        f"{path.name}: mean {mean:.2f}, strong {strong:.3%}"
    )
