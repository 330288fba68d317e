"""Render every template at every size into one contact sheet (docs/templates.png).

python tools/contact_sheet.py [-o docs/templates.png] [--height 300]
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from composer.design.assets import ImageLoader  # noqa: E402
from composer.design.brand import BrandKit  # noqa: E402
from composer.design.fonts import text_font  # noqa: E402
from composer.design.render import Renderer  # noqa: E402
from composer.design.sizes import SIZES  # noqa: E402
from composer.design.templates import TEMPLATES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "templates.png"))
    parser.add_argument("--height", type=int, default=260)
    parser.add_argument("--only", help="one template id")
    args = parser.parse_args()
    renderer = Renderer(BrandKit(), ImageLoader())
    templates = [t for t in TEMPLATES if not args.only or t.id == args.only]
    cell_h = args.height
    widths = [round(cell_h * s.width / s.height) for s in SIZES]
    gap, label = 16, 28
    sheet = Image.new(
        "RGB",
        (sum(widths) + gap * (len(SIZES) + 1), (cell_h + label + gap) * len(templates) + gap),
        "#e6e9ee",
    )
    draw = ImageDraw.Draw(sheet)
    font = text_font("inter", "semibold", 15)
    y = gap
    for template in templates:
        design = template.build()
        x = gap
        for spec, width in zip(SIZES, widths, strict=True):
            image = renderer.render(design, spec.width, spec.height).image.convert("RGB")
            sheet.paste(image.resize((width, cell_h), Image.Resampling.LANCZOS), (x, y + label))
            draw.text(
                (x, y + 4),
                f"{spec.width}×{spec.height}" if x > gap else f"{template.id} · {spec.width}×{spec.height}",
                font=font,
                fill="#1b2430",
            )
            x += width + gap
        y += cell_h + label + gap
    sheet.save(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
