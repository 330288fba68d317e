"""Draw the demo workspace's sample images (our own work, CC0; see assets/demo/LICENSE).

    python tools/make_demo_images.py

They stand in for an office's photos: a service hall, a passport, a holiday notice and a
wide panorama; one is stored portrait-by-EXIF to show that Siar honours phone rotation.
"""

from __future__ import annotations

import math
import pathlib
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = pathlib.Path(__file__).resolve().parents[1] / "composer/assets/demo"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def gradient(w: int, h: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    im = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(im)
    for y in range(h):
        t = y / (h - 1)
        draw.line(
            [(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return im


def service_hall() -> Image.Image:
    rng = random.Random(1)
    im = gradient(1600, 1200, (222, 231, 240), (160, 178, 196))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 760, 1600, 1200], fill=(120, 110, 100))
    for i in range(5):  # counters
        x = 120 + i * 290
        d.rectangle([x, 520, x + 230, 780], fill=(30, 80, 140))
        d.rectangle([x + 20, 470, x + 210, 530], fill=(250, 250, 250))
        d.text((x + 60, 480), f"LOKET {i + 1}", font=font(30), fill=(30, 80, 140))
    for _ in range(14):  # people in the queue
        x, y = rng.randint(80, 1500), rng.randint(820, 1050)
        c = tuple(rng.randint(40, 200) for _ in range(3))
        d.ellipse([x, y - 150, x + 60, y - 90], fill=(205, 160, 120))
        d.rounded_rectangle([x - 15, y - 90, x + 75, y + 60], radius=25, fill=c)
    d.text((60, 60), "RUANG PELAYANAN PASPOR", font=font(64), fill=(20, 50, 90))
    return im.filter(ImageFilter.GaussianBlur(1.2))


def passport() -> Image.Image:
    im = gradient(1200, 1600, (245, 240, 230), (215, 205, 190))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([250, 300, 950, 1300], radius=40, fill=(20, 70, 60))
    d.ellipse([450, 560, 750, 860], outline=(212, 175, 55), width=14)
    d.text((600, 420), "PASPOR", font=font(80), fill=(212, 175, 55), anchor="mm")
    d.text((600, 1000), "CONTOH", font=font(54), fill=(212, 175, 55), anchor="mm")
    d.text((600, 1420), "Paspor elektronik", font=font(48), fill=(70, 60, 50), anchor="mm")
    return im


def holiday() -> Image.Image:
    im = gradient(1080, 1080, (255, 236, 210), (245, 170, 120))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([190, 250, 890, 900], radius=36, fill=(255, 255, 255))
    d.rectangle([190, 250, 890, 400], fill=(200, 40, 40))
    d.text((540, 325), "DESEMBER", font=font(64), fill=(255, 255, 255), anchor="mm")
    d.text((540, 640), "25", font=font(260), fill=(200, 40, 40), anchor="mm")
    d.text((540, 1000), "Layanan libur", font=font(56), fill=(90, 40, 20), anchor="mm")
    return im


def panorama() -> Image.Image:
    im = gradient(2400, 600, (120, 180, 230), (230, 240, 250))
    d = ImageDraw.Draw(im)
    for i in range(60):
        x = i * 42
        h = 140 + int(90 * abs(math.sin(i * 0.7)))
        d.rectangle([x, 600 - h, x + 36, 600], fill=(90 + i % 5 * 20, 100, 120))
    d.rectangle([900, 250, 1500, 600], fill=(240, 240, 235))
    d.text((1200, 330), "KANTOR IMIGRASI", font=font(48), fill=(30, 60, 110), anchor="mm")
    return im


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    service_hall().save(OUT / "ruang-pelayanan.jpg", quality=82)
    # Stored sideways with EXIF orientation 6, as a phone camera does.
    exif = Image.Exif()
    exif[0x0112] = 6
    passport().rotate(90, expand=True).save(OUT / "paspor-dari-ponsel.jpg", quality=82, exif=exif)
    holiday().save(OUT / "libur-natal.png", optimize=True)
    panorama().save(OUT / "gedung-kantor.jpg", quality=82)
    templates()
    print(f"wrote demo and template images under {OUT.parent}")


def sample_logo() -> Image.Image:
    """A neutral sample mark (no government emblem): a ring, a globe and a wing."""
    size = 600
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse([10, 10, size - 10, size - 10], fill=(18, 53, 91, 255))
    d.ellipse([50, 50, size - 50, size - 50], outline=(242, 165, 65, 255), width=22)
    d.ellipse([170, 150, 430, 410], outline=(255, 255, 255, 255), width=16)
    d.line([(170, 280), (430, 280)], fill=(255, 255, 255, 255), width=12)
    d.arc([230, 150, 370, 410], 0, 360, fill=(255, 255, 255, 255), width=12)
    d.polygon([(120, 470), (300, 420), (480, 470), (300, 450)], fill=(242, 165, 65, 255))
    return im


def sample_portrait() -> Image.Image:
    """A neutral portrait placeholder: a silhouette on a soft gradient."""
    im = gradient(800, 800, (214, 226, 236), (150, 170, 190)).convert("RGBA")
    d = ImageDraw.Draw(im)
    d.ellipse([270, 150, 530, 430], fill=(92, 108, 128, 255))
    d.ellipse([130, 420, 670, 980], fill=(92, 108, 128, 255))
    return im


def templates() -> None:
    folder = OUT.parent / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    sample_logo().save(folder / "sample-logo.png", optimize=True)
    sample_portrait().save(folder / "potret-contoh.png", optimize=True)
    (folder / "LICENSE").write_text(
        "sample-logo.png and potret-contoh.png were drawn by tools/make_demo_images.py for Siar.\n"
        "They are our own work, dedicated to the public domain (CC0 1.0).\n"
    )


if __name__ == "__main__":
    main()
