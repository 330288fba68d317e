"""Draw Siar's application icon (a broadcast mark on a rounded square) at every size.

    python tools/make_icon.py

Writes composer/assets/icons/siar-<size>.png (16…512), siar.ico (Windows) and
packaging/linux/icons/hicolor/<size>x<size>/apps/id.siar.Siar.png. Our own drawing, CC0.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "id.siar.Siar"


def draw(size: int) -> Image.Image:
    scale = 4  # draw large, then downsample for smooth edges
    s = size * scale
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    radius = int(s * 0.22)
    # A vertical gradient from the brand blue to a deeper blue.
    top, bottom = (24, 119, 242), (11, 62, 140)
    gradient = Image.new("RGBA", (s, s))
    gd = ImageDraw.Draw(gradient)
    for y in range(s):
        t = y / (s - 1)
        gd.line(
            [(0, y), (s, y)],
            fill=(*tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)), 255),
        )
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, s - 1, s - 1), radius=radius, fill=255)
    image.paste(gradient, (0, 0), mask)
    # The broadcast mark: a dot and two arcs on each side.
    cx, cy = s * 0.5, s * 0.56
    dot = s * 0.075
    white = (255, 255, 255, 255)
    d.ellipse((cx - dot, cy - dot, cx + dot, cy + dot), fill=white)
    width = max(scale, int(s * 0.06))
    for r in (s * 0.2, s * 0.33):
        box = (cx - r, cy - r, cx + r, cy + r)
        d.arc(box, start=200, end=250, fill=white, width=width)
        d.arc(box, start=290, end=340, fill=white, width=width)
    # A stand below the dot, like a broadcast tower.
    d.polygon(
        [
            (cx - s * 0.05, cy + dot * 0.5),
            (cx + s * 0.05, cy + dot * 0.5),
            (cx + s * 0.13, s * 0.84),
            (cx - s * 0.13, s * 0.84),
        ],
        fill=white,
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    icons = ROOT / "composer" / "assets" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(icons / f"siar-{size}.png")
        target = (
            ROOT / "packaging" / "linux" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target)
    images[256].save(icons / "siar.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    print(f"wrote {icons}")


if __name__ == "__main__":
    main()
