"""Bundled fonts (assets/fonts, SIL OFL 1.1): Inter and Lato for text, Noto Color Emoji,
and the icon font. Design text is measured and drawn only with these, never with system
fonts, so the canvas and the exported file agree on every machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from composer.design.icons import ICON_FONT
from composer.paths import assets_dir

WEIGHTS = ("regular", "semibold", "bold", "black")
FILES: dict[str, dict[str, str]] = {
    "inter": {
        "regular": "Inter-Regular.otf",
        "semibold": "Inter-SemiBold.otf",
        "bold": "Inter-Bold.otf",
        "black": "InterDisplay-ExtraBold.otf",
    },
    "lato": {
        "regular": "Lato-Regular.ttf",
        "semibold": "Lato-Bold.ttf",
        "bold": "Lato-Bold.ttf",
        "black": "Lato-Black.ttf",
    },
}
EMOJI_FONT = "NotoColorEmoji.ttf"
EMOJI_STRIKE = 109  # Noto Color Emoji is a bitmap font with one strike, 109 px


class MissingFontError(FileNotFoundError):
    """A bundled font file is missing (a broken installation)."""


def font_path(name: str) -> Path:
    path = assets_dir() / "fonts" / name
    if not path.exists():
        raise MissingFontError(name)
    return path


@lru_cache(maxsize=256)
def text_font(family: str, weight: str, px: int) -> ImageFont.FreeTypeFont:
    files = FILES.get(family, FILES["inter"])
    return ImageFont.truetype(str(font_path(files.get(weight, files["regular"]))), max(px, 1))


@lru_cache(maxsize=64)
def icon_font(px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(ICON_FONT)), max(px, 1))


@lru_cache(maxsize=1)
def _emoji_font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(EMOJI_FONT)), EMOJI_STRIKE)


@lru_cache(maxsize=4096)
def measure(family: str, weight: str, px: int, text: str) -> float:
    return float(text_font(family, weight, px).getlength(text))


@lru_cache(maxsize=1024)
def emoji_advance(emoji: str) -> float:
    """Advance of one emoji at the strike size (scale by px / EMOJI_STRIKE)."""
    return float(_emoji_font().getlength(emoji)) or EMOJI_STRIKE * 1.18


@lru_cache(maxsize=512)
def emoji_image(emoji: str, px: int) -> Image.Image:
    """One colour emoji as an RGBA image about *px* high."""
    font = _emoji_font()
    width = max(1, round(emoji_advance(emoji)))
    strike = Image.new("RGBA", (width, round(EMOJI_STRIKE * 1.2)), (0, 0, 0, 0))
    ImageDraw.Draw(strike).text((0, 0), emoji, font=font, embedded_color=True)
    box = strike.getbbox() or (0, 0, 1, 1)
    strike = strike.crop((0, 0, width, max(box[3], 1)))
    scale = px / EMOJI_STRIKE
    return strike.resize(
        (max(1, round(strike.width * scale)), max(1, round(strike.height * scale))), Image.Resampling.LANCZOS
    )
