"""What every platform module provides, and the helpers their rules share.

A platform module in this package defines one ``Platform`` subclass instance named
``RULES``. It turns a ``PlatformContent`` into a ``Preview``: the text as the platform
shows it (fold, highlighted entities), counters, findings and the image layout with the
crop of each image. The UI draws a ``Preview`` and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from composer.core.findings import Finding, Severity, error, warning
from composer.core.media_plan import POSTED, REFUSED, MediaFate
from composer.core.post import MediaItem, PlatformContent
from composer.core.text import twitter_text


# The records a preview is made of are NamedTuples, not frozen dataclasses: defining
# one at start-up costs a quarter (a dataclass compiles its methods, ~0.6 ms each).
class Rect(NamedTuple):
    """A rectangle in fractions (0..1) of its container."""

    x: float
    y: float
    w: float
    h: float


class Tile(NamedTuple):
    """One image as the feed shows it: which media, where in the media box, which crop."""

    media_index: int
    cell: Rect  # fraction of the media box
    crop: Rect  # fraction of the source image that is visible
    overlay: str = ""  # e.g. "+3" on the last tile of a Facebook grid


class Span(NamedTuple):
    """A highlighted range of the preview text, in code points."""

    start: int
    end: int
    kind: str  # hashtag, mention, url, cashtag, overflow


class Counter(NamedTuple):
    """A count the card shows, with the platform's limit."""

    value: int
    limit: int | None  # None: the platform sets no limit
    unit: str  # "characters", "weighted", "bytes", "hashtags", "mentions", "tags"
    label: str = ""  # what is counted, e.g. "title"; empty for the main text

    @property
    def over(self) -> bool:
        return self.limit is not None and self.value > self.limit


@dataclass(frozen=True)
class ImageSpec:
    """An image size a platform shows well, and how to encode it for that platform."""

    name: str  # size preset id, e.g. "instagram-portrait"
    label: str  # shown in the size menu (translated by the UI)
    width: int
    height: int
    format: str = "JPEG"  # "JPEG" or "PNG"
    max_bytes: int = 5 * 1024 * 1024
    title: str = ""  # the design editor's name for it (an N_ msgid); "" shows ``label``

    @property
    def aspect(self) -> float:
        return self.width / self.height


@dataclass(frozen=True)
class Preview:
    """One platform's preview of a post: all the card shows."""

    platform: str
    text: str
    fold_at: int | None  # code point where "See more" cuts the text; None if it all shows
    spans: tuple[Span, ...]
    counters: tuple[Counter, ...]
    findings: tuple[Finding, ...]
    media_aspect: float = 16 / 9  # width / height of the media box
    tiles: tuple[Tile, ...] = ()
    title: str = ""
    fields: tuple[tuple[str, str], ...] = ()  # extra labelled lines (tags, link card…)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def valid(self) -> bool:
        return not self.errors


class PhotoRules(NamedTuple):
    """How a photo must be sent to a platform; Siar converts to fit before uploading."""

    max_bytes: int
    max_long_edge: int = 4096
    min_aspect: float = 0.0  # width / height; 0 = any
    max_aspect: float = 0.0
    jpeg_only: bool = False
    max_photos: int = 10


class VideoRules(NamedTuple):
    """What a platform takes as a video (checked before sending, issue 13 item 2)."""

    max_bytes: int
    max_seconds: float
    min_seconds: float = 0.0
    min_aspect: float = 0.0  # width / height; 0 = any
    max_aspect: float = 0.0
    containers: frozenset[str] = frozenset({"mp4", "mov", "webm"})
    codecs: frozenset[str] = frozenset({"h264", "hevc", "vp9", "av1", "vp8", "mpeg4"})

    def findings(
        self, index: int, name: str, *, container: str, codec: str, seconds: float, size: int, aspect: float
    ) -> list[Finding]:
        """Errors for attachment *index* (0-based) if the platform would refuse it."""
        params: dict[str, str | int | float] = {"index": index + 1, "name": name}
        out: list[Finding] = []
        if container not in self.containers:
            out.append(error("video.container", "media", **params, container=container))
        if codec not in self.codecs:
            out.append(error("video.codec", "media", **params, codec=codec))
        if seconds > self.max_seconds or seconds < self.min_seconds:
            out.append(
                error(
                    "video.duration",
                    "media",
                    **params,
                    seconds=round(seconds, 1),
                    low=self.min_seconds,
                    high=self.max_seconds,
                )
            )
        if size > self.max_bytes:
            out.append(
                error("video.size", "media", **params, mb=round(size / 2**20), limit=self.max_bytes // 2**20)
            )
        if (self.min_aspect and aspect < self.min_aspect - 1e-3) or (
            self.max_aspect and aspect > self.max_aspect + 1e-3
        ):
            out.append(error("video.aspect", "media", **params, aspect=round(aspect, 2)))
        return out


def N_(text: str) -> str:
    """Marks a platform name for translation; core cannot import composer.i18n."""
    return text


@dataclass(frozen=True)
class ProfileFields:
    """What the office's connection profile (``siar-profile.json``, accounts/profile.py)
    may carry for the platform: only what a desktop app may carry by the platform's own
    rules (shared/PLATFORMS.md §14)."""

    fields: dict[str, str] = field(default_factory=dict)
    """Field → kind (``accounts/profile.py`` checks each kind)."""
    required: tuple[str, ...] = ()
    device_required: tuple[str, ...] = ()
    """Required too when ``login`` is ``device`` (its default)."""
    public_secrets: tuple[str, ...] = ()
    """Fields named like a secret that the platform itself says are not confidential."""


class Platform:
    """Base class of a platform's rules. Subclasses set the class attributes."""

    id: str = ""
    name: str = ""  # what the officer sees: a brand, or N_("…") when it is a word to translate
    order: int = 100  # position in the previews row
    icon: str = ""  # its logo in the bundled icon font (design/icons.py); "" when the font has none
    profile: ProfileFields | None = None  # None: the connection profile has nothing for it
    supports_alt_text: bool = True
    has_title: bool = False  # the post shows a title (a video, an article)
    # A post without media of this kind ("image", "video") is refused; the message code.
    required_media: tuple[str, str] | None = None
    # Sizes a design can be exported at for this platform; the first is the default.
    image_specs: tuple[ImageSpec, ...] = ()
    photo: PhotoRules = PhotoRules(5 * 1024 * 1024)
    # How many videos this platform's client sends with one post (0: none yet), and the
    # limits a video must meet.
    video_slots: int = 0
    video: VideoRules | None = None

    def media_plan(self, content: PlatformContent) -> tuple[MediaFate, ...]:
        """Per attachment, what the client sends: the first ``photo.max_photos`` photos and
        ``video_slots`` videos are posted, the rest refused with the reason."""
        plan: list[MediaFate] = []
        photos = clips = 0
        for index, item in enumerate(content.media):
            if item.kind == "video":
                clips += 1
                if clips <= self.video_slots:
                    plan.append(MediaFate(index, POSTED))
                elif self.video_slots:
                    plan.append(MediaFate(index, REFUSED, "media.one_video", self.video_slots))
                else:
                    plan.append(MediaFate(index, REFUSED, "media.video_not_sent"))
                continue
            photos += 1
            if photos <= self.photo.max_photos:
                plan.append(MediaFate(index, POSTED))
            else:
                plan.append(MediaFate(index, REFUSED, "media.over_photo_limit", self.photo.max_photos))
        return tuple(plan)

    def preview(self, content: PlatformContent) -> Preview:
        raise NotImplementedError

    def wants(self, content: PlatformContent) -> bool:
        """Whether a post like this goes to this platform unless the officer says otherwise."""
        return True


# --- shared helpers ------------------------------------------------------------------


def center_crop(width: int, height: int, target_aspect: float) -> Rect:
    """The centred crop of a width×height image that has *target_aspect* (w/h)."""
    if width <= 0 or height <= 0:
        return Rect(0, 0, 1, 1)
    aspect = width / height
    if abs(aspect - target_aspect) < 1e-6:
        return Rect(0, 0, 1, 1)
    if aspect > target_aspect:  # too wide: trim the sides
        w = target_aspect / aspect
        return Rect((1 - w) / 2, 0, w, 1)
    h = aspect / target_aspect  # too tall: trim top and bottom
    return Rect(0, (1 - h) / 2, 1, h)


FULL = Rect(0, 0, 1, 1)


def tiles_for(
    media: tuple[MediaItem, ...], shown: tuple[MediaItem, ...], cells: list[Rect], box_aspect: float
) -> tuple[Tile, ...]:
    """Fill *cells* (fractions of a box of *box_aspect*) with the *shown* items, centre-
    cropped; tiles point into *media* (all of the post's media, as the UI indexes them)."""
    tiles = []
    for item, cell in zip(shown, cells, strict=False):
        cell_aspect = box_aspect * cell.w / cell.h
        tiles.append(Tile(media.index(item), cell, center_crop(item.width, item.height, cell_aspect)))
    return tuple(tiles)


def single_tile(media: tuple[MediaItem, ...], item: MediaItem, aspect: float) -> tuple[Tile, ...]:
    """One item filling a box of *aspect*, centre-cropped (feed photo, thumbnail, card)."""
    return tiles_for(media, (item,), [FULL], aspect)


def images(content: PlatformContent) -> tuple[MediaItem, ...]:
    return tuple(m for m in content.media if m.kind == "image")


def videos(content: PlatformContent) -> tuple[MediaItem, ...]:
    return tuple(m for m in content.media if m.kind == "video")


@lru_cache(maxsize=16)
def entity_spans(text: str, kinds: frozenset[str]) -> tuple[Span, ...]:
    """Hashtags, mentions, links and cashtags found with X's rules, kept if in *kinds*.
    Cached: on a keystroke the platforms that highlight the same kinds share one pass."""
    spans = []
    for entity in twitter_text.extract_entities(text):
        kind = "mention" if entity.kind == "list" else entity.kind
        if kind in kinds:
            spans.append(Span(entity.start, entity.end, kind))
    return tuple(spans)


def hashtags(text: str) -> list[str]:
    return [e.value for e in twitter_text.extract_hashtags(text)]


def mentions(text: str) -> list[str]:
    return [e.value for e in twitter_text.extract_mentions_or_lists(text) if e.kind == "mention"]


def has_link(text: str) -> bool:
    return bool(twitter_text.extract_urls(text))


def fold_point(text: str, *, max_chars: int, max_lines: int) -> int | None:
    """Where a feed cuts *text* behind "See more": after *max_lines* lines or about
    *max_chars* characters (backed off to a word boundary), whichever comes first.
    Returns None when the whole text shows."""
    cut = len(text)
    line_end = -1
    for _ in range(max_lines):
        line_end = text.find("\n", line_end + 1)
        if line_end < 0:
            break
    else:
        cut = line_end
    if cut > max_chars:
        space = text.rfind(" ", 0, max_chars)
        cut = space if space > max_chars * 0.6 else max_chars
    rest = text[cut:].strip()
    return cut if rest else None


def alt_text_findings(content: PlatformContent) -> list[Finding]:
    return [
        warning("media.alt_missing", "media", index=index + 1, name=item.filename)
        for index, item in enumerate(content.media)
        if item.kind == "image" and not item.alt.strip()
    ]
