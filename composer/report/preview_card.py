"""Siar's preview card of a published post, drawn with Pillow for the evidence pages.

The evidence page (*bukti tayang*) shows the post as Siar's preview showed it: the
platform's header strip, the account line, the title, the text cut at the feed's fold with
hashtags and links coloured, the images laid out and cropped as the feed shows them, and
the extra lines (tags, link card). Everything the card shows comes from the platform's own
``Preview`` (composer.core.platforms) and its ``CardStyle`` (composer.platforms), the same
data the window's Qt card draws; only the painting is done here, with the design renderer's
bundled fonts and colour emoji (composer.design), because the report and ``siar report``
run without Qt (import-linter: Qt only in composer.ui and composer.app).

The card is made from the history entry (what was really sent: text, title, attachments),
not from the draft, which may have been edited since. The editor-only parts of the window's
card (the on/off box, character counters, findings) are left out: they say nothing about
what the public saw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from composer import i18n, platforms
from composer.core.platforms import BY_ID
from composer.core.platforms.base import Preview, Tile
from composer.core.post import MediaItem, PlatformContent
from composer.core.text.emoji import emoji_spans
from composer.design.fonts import EMOJI_STRIKE, FILES, emoji_advance, emoji_image, font_path
from composer.platforms.card_style import CardStyle

CARD_WIDTH = 312  # the window's card width (ui/previews/card.py), in logical pixels
SCALE = 1.5  # 468 px wide: about 165 dpi at the evidence page's 72 mm, sharp enough to print
MARGIN = 12
TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN - 2
FAMILY = "inter"
TEXT_PX = 13
LINE = 1.38
GREY = (101, 103, 107)
BORDER = (208, 215, 222)
OVERFLOW_FG = (164, 14, 38)
MAX_TEXT_LINES = 40  # a very long post (WordPress) is cut here: the card stays one page high
MAX_HEIGHT = 1400  # logical px: header, MAX_TEXT_LINES, a portrait image and the fields fit
MediaPath = Callable[[MediaItem], Path | None]
TileCache = dict[tuple[str, tuple[float, float, float, float], int, int], Image.Image]
"""Scaled tiles by (media id, crop, width, height): a month's report shows the same few
photos on many cards, each scaled once (``render``'s *tiles*, kept by the caller)."""


@dataclass(frozen=True)
class CardInput:
    platform: str
    office: str
    text: str
    title: str
    media: tuple[MediaItem, ...]


def card_input(
    platform: str, office: str, text: str, title: str, media: Sequence[dict[str, object]]
) -> CardInput:
    """What the card of a history entry shows (its ``media`` as stored with the entry)."""
    items = []
    for data in media:
        try:
            items.append(MediaItem.from_dict(dict(data)))
        except (KeyError, TypeError, ValueError):
            continue  # an attachment recorded without its facts: drawn without it
    return CardInput(platform, office, text, title, tuple(items))


def _indonesian(msgid: str) -> str:
    # The report is in Bahasa Indonesia whatever the UI language is.
    return i18n.translate(msgid, "id") if msgid else ""


def render(card: CardInput, media_path: MediaPath, tiles: TileCache | None = None) -> Image.Image:
    """The card as an RGB image, SCALE times its on-screen size."""
    rules = BY_ID.get(card.platform)
    entry = platforms.BY_ID.get(card.platform)
    style = entry.card if entry is not None else CardStyle("#57606a", "#0969da", False, "See more", "")
    name = _indonesian(entry.rules.name) if entry is not None else card.platform
    preview = rules.preview(PlatformContent(card.text, card.title, media=card.media)) if rules else None
    return _Painter(card, style, name, preview, media_path, {} if tiles is None else tiles).paint()


class _Painter:
    def __init__(
        self,
        card: CardInput,
        style: CardStyle,
        name: str,
        preview: Preview | None,
        media_path: MediaPath,
        tiles: TileCache,
    ) -> None:
        self.card, self.style, self.name, self.preview = card, style, name, preview
        self.media_path, self.tiles = media_path, tiles
        self.accent = _rgb(style.accent)
        self.link = _rgb(style.link)

    def paint(self) -> Image.Image:
        # Drawn on a tall canvas, then cut to the height used.
        canvas = Image.new("RGB", (_s(CARD_WIDTH), _s(MAX_HEIGHT)), (255, 255, 255))
        self.image, self.draw = canvas, ImageDraw.Draw(canvas)
        y = self._strip()
        y = self._account(y + 8)
        blocks = (
            [self._media, self._title, self._text]
            if self.style.media_first
            else [
                self._title,
                self._text,
                self._media,
            ]
        )
        for block in [*blocks, self._fields]:
            y = block(y)
        height = y + 10
        card = canvas.crop((0, 0, _s(CARD_WIDTH), _s(min(height, MAX_HEIGHT))))
        frame = ImageDraw.Draw(card)
        frame.rounded_rectangle(
            (0, 0, card.width - 1, card.height - 1), radius=_s(10), outline=BORDER, width=_s(1)
        )
        return card

    # Blocks: each takes the top (logical px) and returns the next top.

    def _strip(self) -> int:
        s = SCALE
        self.draw.rounded_rectangle((0, 0, CARD_WIDTH * s - 1, 30 * s), radius=10 * s, fill=self.accent)
        self.draw.rectangle((0, 20 * s, CARD_WIDTH * s - 1, 30 * s), fill=self.accent)
        self._line(10, 20, self.name, (255, 255, 255), "bold", 13)
        return 30

    def _account(self, y: int) -> int:
        office = self.card.office or "Kantor"
        initials = "".join(w[0] for w in office.split()[:2]).upper() or "S"
        px = 12
        width = _width(initials, "bold", px) + 8
        s = SCALE
        self.draw.rectangle(
            (MARGIN * s, (y + 1) * s, round((MARGIN + width) * s), (y + 17) * s), fill=self.accent
        )
        self._line(MARGIN + 4, y + 14, initials, (255, 255, 255), "bold", px)
        self._line(MARGIN + width + 8, y + 14, office, (0, 0, 0), "bold", 13)
        meta = _indonesian(self.style.meta)
        if self.card.platform == "x":
            handle = "".join(ch for ch in office.lower() if ch.isalnum()) or "kantor"
            meta = f"@{handle} · {meta}"
        if self.card.platform == "instagram":
            self.handle = "".join(ch for ch in office.lower() if ch.isalnum()) or "kantor"
        self._line(MARGIN, y + 33, meta, GREY, "regular", 11)
        return y + 42

    def _title(self, y: int) -> int:
        preview = self.preview
        title = preview.title if preview else self.card.title
        rules = BY_ID.get(self.card.platform)
        if not title and rules is not None and rules.has_title:
            title = _indonesian("(no title)")
        if not title:
            return y
        runs = [(title, (0, 0, 0))]
        return self._paragraphs(y, runs, "bold", 15) + 4

    def _text(self, y: int) -> int:
        preview = self.preview
        text = preview.text if preview else self.card.text
        if not text and self.card.platform != "instagram":
            return y
        runs: list[tuple[str, tuple[int, int, int]]] = []
        if self.card.platform == "instagram":
            runs.append((f"{getattr(self, 'handle', 'kantor')} ", (0, 0, 0)))
        cut = len(text) if preview is None or preview.fold_at is None else preview.fold_at
        spans = sorted(
            (s for s in (preview.spans if preview else ()) if s.start < cut), key=lambda s: s.start
        )
        pos = 0
        for span in spans:
            start, end = max(span.start, pos), min(span.end, cut)
            if start >= end:
                continue
            runs.append((text[pos:start], (0, 0, 0)))
            runs.append((text[start:end], OVERFLOW_FG if span.kind == "overflow" else self.link))
            pos = end
        runs.append((text[pos:cut], (0, 0, 0)))
        fold = _indonesian(self.style.fold_label)
        if preview is not None and preview.fold_at is not None and fold:
            runs += [("… ", (0, 0, 0)), (fold, GREY)]
        return self._paragraphs(y, runs, "regular", TEXT_PX) + 6

    def _media(self, y: int) -> int:
        preview = self.preview
        tiles = preview.tiles if preview else ()
        if not tiles and not any(m.kind == "video" for m in self.card.media):
            return y
        aspect = preview.media_aspect if preview else 16 / 9
        w = _s(TEXT_WIDTH)
        h = round(w / aspect)
        left, top = _s(MARGIN + 1), _s(y)
        box = Image.new("RGB", (w, h), (208, 215, 222))
        if not tiles:
            _placeholder(box, (0, 0, w, h), video=True)
        elif len(tiles) == 1 and (tiles[0].cell.w < 0.999 or tiles[0].cell.h < 0.999):
            box.paste((0, 0, 0), (0, 0, w, h))  # letterboxed (TikTok): black bars
        for tile in tiles:
            self._tile(box, tile, w, h)
        if self.style.rounded_media:
            mask = Image.new("L", (w, h), 0)
            ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=_s(14), fill=255)
            self.image.paste(box, (left, top), mask)
        else:
            self.image.paste(box, (left, top))
        return y + round(h / SCALE) + 8

    def _tile(self, box: Image.Image, tile: Tile, w: int, h: int) -> None:
        gap = _s(2)
        cell = tile.cell
        x0, y0 = round(cell.x * w), round(cell.y * h)
        x1, y1 = round((cell.x + cell.w) * w), round((cell.y + cell.h) * h)
        x0 += gap // 2 if cell.x > 0 else 0
        y0 += gap // 2 if cell.y > 0 else 0
        x1 -= gap // 2 if cell.x + cell.w < 0.999 else 0
        y1 -= gap // 2 if cell.y + cell.h < 0.999 else 0
        item = self.card.media[tile.media_index] if tile.media_index < len(self.card.media) else None
        scaled = self._scaled(item, tile, max(1, x1 - x0), max(1, y1 - y0)) if item is not None else None
        if scaled is None:
            _placeholder(box, (x0, y0, x1, y1), video=bool(item and item.kind == "video"))
        else:
            box.paste(scaled, (x0, y0))
        if tile.overlay:
            shade = Image.new("RGBA", (max(1, x1 - x0), max(1, y1 - y0)), (0, 0, 0, 110))
            region = box.crop((x0, y0, x1, y1)).convert("RGBA")
            region.alpha_composite(shade)
            ImageDraw.Draw(region).text(
                (region.width / 2, region.height / 2),
                tile.overlay,
                font=_font("bold", _s(28)),
                fill=(255, 255, 255),
                anchor="mm",
            )
            box.paste(region.convert("RGB"), (x0, y0))

    def _scaled(self, item: MediaItem, tile: Tile, width: int, height: int) -> Image.Image | None:
        crop = tile.crop
        key = (item.id, (crop.x, crop.y, crop.w, crop.h), width, height)
        found = self.tiles.get(key)
        if found is not None:
            return found
        picture = _open(self.media_path(item)) if item.kind == "image" else None
        if picture is None:
            return None
        pw, ph = picture.size
        left, top = round(crop.x * pw), round(crop.y * ph)
        source = (left, top, left + max(1, round(crop.w * pw)), top + max(1, round(crop.h * ph)))
        scaled = picture.resize((width, height), Image.Resampling.LANCZOS, box=source, reducing_gap=2.0)
        if len(self.tiles) >= 64:
            self.tiles.pop(next(iter(self.tiles)))
        self.tiles[key] = scaled
        return scaled

    def _fields(self, y: int) -> int:
        if self.preview is None:
            return y
        lines = []
        for name, value in self.preview.fields:
            if name == "carousel":
                lines.append(
                    "● "
                    + "○ " * (int(value) - 1)
                    + _indonesian("{count} photos in the carousel").format(count=value)
                )
            elif value:
                lines.append(f"{_indonesian(name)}: {value}")
        if not lines:
            return y
        return self._paragraphs(y, [("\n".join(lines), GREY)], "regular", 12) + 4

    # Text.

    def _line(
        self, x: float, baseline: float, text: str, colour: tuple[int, int, int], weight: str, px: int
    ) -> float:
        """Draw one line of text at logical (x, baseline); returns its right end."""
        s, size = SCALE, _s(px)
        pen = x * s
        font = _font(weight, size)
        for run, is_emoji in _runs(text):
            if is_emoji:
                glyph = emoji_image(run, size)
                top = max(0, round(baseline * s - glyph.height * 0.85))
                self.image.paste(glyph, (round(pen), top), glyph)
                pen += emoji_advance(run) * size / EMOJI_STRIKE
            else:
                self.draw.text((pen, baseline * s), run, font=font, fill=colour, anchor="ls")
                pen += _measure(weight, size, run)
        return pen / s

    def _paragraphs(self, y: int, runs: list[tuple[str, tuple[int, int, int]]], weight: str, px: int) -> int:
        """Wrap coloured *runs* to the card's text width and draw them from *y*."""
        lines = _wrap(runs, weight, px)
        cut = len(lines) > MAX_TEXT_LINES
        if cut:
            lines = lines[:MAX_TEXT_LINES]
            lines[-1] = [*lines[-1], ("…", GREY)]
        step = px * LINE
        for index, line in enumerate(lines):
            x = float(MARGIN + 1)
            baseline = y + index * step + px
            for piece, colour in line:
                x = self._line(x, baseline, piece, colour, weight, px)
        return round(y + len(lines) * step)


Runs = list[tuple[str, tuple[int, int, int]]]


def _s(logical: float) -> int:
    """Logical (on-screen) pixels to the card image's pixels."""
    return round(logical * SCALE)


@lru_cache(maxsize=16)
def _font(weight: str, px: int) -> ImageFont.FreeTypeFont:
    # The design renderer's bundled Inter, with FreeType's basic layout: Latin text needs
    # no shaping, and a month of cards is drawn about a third faster than through Raqm.
    files = FILES[FAMILY]
    return ImageFont.truetype(str(font_path(files[weight])), px, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8192)
def _measure(weight: str, px: int, text: str) -> float:
    return float(_font(weight, px).getlength(text))


def _width(text: str, weight: str, px: int) -> float:
    size = _s(px)
    total = 0.0
    for run, is_emoji in _runs(text):
        total += emoji_advance(run) * size / EMOJI_STRIKE if is_emoji else _measure(weight, size, run)
    return total / SCALE


def _wrap(runs: Runs, weight: str, px: int) -> list[Runs]:
    """Greedy word wrap keeping each piece's colour; "\\n" starts a new line."""
    lines: list[Runs] = [[]]
    used = 0.0
    for text, colour in runs:
        for number, paragraph in enumerate(text.split("\n")):
            if number:
                lines.append([])
                used = 0.0
            for word in _words(paragraph):
                width = _width(word, weight, px)
                if used + width > TEXT_WIDTH and used > 0 and word.strip():
                    lines.append([])
                    used = 0.0
                    word = word.lstrip(" ")
                    width = _width(word, weight, px)
                while width > TEXT_WIDTH and len(word) > 1:  # a word longer than the line
                    keep = len(word)
                    while keep > 1 and _width(word[:keep], weight, px) > TEXT_WIDTH - used:
                        keep -= 1
                    lines[-1].append((word[:keep], colour))
                    lines.append([])
                    used, word = 0.0, word[keep:]
                    width = _width(word, weight, px)
                lines[-1].append((word, colour))
                used += width
    return lines


def _words(paragraph: str) -> list[str]:
    """*paragraph* in pieces that each begin at a space (the first may not)."""
    pieces: list[str] = []
    current = ""
    for ch in paragraph:
        if ch == " " and current.strip():
            pieces.append(current)
            current = ""
        current += ch
    if current:
        pieces.append(current)
    return pieces


def _runs(text: str) -> list[tuple[str, bool]]:
    if text.isascii():
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in emoji_spans(text):
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _open(path: Path | None) -> Image.Image | None:
    if path is None:
        return None
    try:
        with Image.open(path) as opened:
            opened.draft("RGB", (1200, 1200))
            picture = ImageOps.exif_transpose(opened)
            return picture.convert("RGB")
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None


def _placeholder(box: Image.Image, rect: tuple[int, int, int, int], *, video: bool) -> None:
    draw = ImageDraw.Draw(box)
    draw.rectangle(rect, fill=(32, 36, 42) if video else (208, 215, 222))
    if video:  # a player-like triangle
        cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
        r = min(rect[2] - rect[0], rect[3] - rect[1]) / 8
        draw.polygon([(cx - r * 0.8, cy - r), (cx - r * 0.8, cy + r), (cx + r, cy)], fill=(255, 255, 255))


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return (87, 96, 106)
