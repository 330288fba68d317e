"""The post model: a master text plus per-platform variants, and its media references.

A ``Post`` is what the officer edits and what the workspace saves (as JSON). Previews are
computed from ``PlatformContent``, an immutable snapshot of what one platform receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from composer.core.ids import new_id

SCHEMA_VERSION = 1


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class MediaItem:
    """A file attached to a post; ``id`` is the SHA-256 of its bytes in the media store."""

    id: str
    kind: str  # "image" or "video"
    filename: str
    mime: str
    width: int
    height: int
    size: int
    alt: str = ""

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.width and self.height else 16 / 9

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "filename": self.filename,
            "mime": self.mime,
            "width": self.width,
            "height": self.height,
            "size": self.size,
            "alt": self.alt,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MediaItem:
        return cls(
            id=str(data["id"]),
            kind=str(data.get("kind", "image")),
            filename=str(data.get("filename", "")),
            mime=str(data.get("mime", "")),
            width=int(data.get("width", 0)),
            height=int(data.get("height", 0)),
            size=int(data.get("size", 0)),
            alt=str(data.get("alt", "")),
        )


@dataclass
class Variant:
    """One platform's settings for this post.

    ``text is None`` follows the master text; ``enabled is None`` lets the platform decide
    (YouTube only wants posts with a video) until the officer switches it on or off.
    """

    enabled: bool | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"enabled": self.enabled, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Variant:
        text = data.get("text")
        enabled = data.get("enabled")
        return cls(
            enabled=None if enabled is None else bool(enabled), text=None if text is None else str(text)
        )


@dataclass(frozen=True)
class PlatformContent:
    """Exactly what one platform receives; the input of its rules and preview."""

    text: str
    title: str = ""
    tags: tuple[str, ...] = ()
    media: tuple[MediaItem, ...] = ()


# Public information categories of UU 14/2008 (Keterbukaan Informasi Publik) an office
# files each post under in the monthly report; stored on the draft by these ids.
KIP_CATEGORIES = ("berkala", "serta-merta", "setiap-saat")


@dataclass
class Post:
    """A draft: the master text, per-platform variants, media and plan."""

    id: str = field(default_factory=new_id)
    title: str = ""
    text: str = ""
    tags: list[str] = field(default_factory=list)
    media: list[MediaItem] = field(default_factory=list)
    variants: dict[str, Variant] = field(default_factory=dict)
    # The infographic exported for each platform (its own size and format), shown first.
    design_images: dict[str, MediaItem] = field(default_factory=dict)
    # The month's plan (composer/plan): when the post is meant to go out, local time
    # "YYYY-MM-DDTHH:MM" ("" = not planned); the key of the spreadsheet row it came from,
    # so importing the file again updates this draft; and a digest of that row's content.
    planned_at: str = ""
    plan_key: str = ""
    plan_digest: str = ""
    # The office's signature per platform (snippets.signatures, copied in when the draft is
    # opened or imported), appended to what each platform receives while ``signature`` is on.
    signature: bool = True
    signatures: dict[str, str] = field(default_factory=dict)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    kip: str = ""  # KIP category for the monthly report: "" or one of KIP_CATEGORIES
    # A video trimmed or transcoded to fit one platform (composer.session.video_fit):
    # platform → {original media id: the fitted copy}; other platforms keep the original.
    fitted: dict[str, dict[str, MediaItem]] = field(default_factory=dict)

    def variant(self, platform: str) -> Variant:
        return self.variants.setdefault(platform, Variant())

    def text_for(self, platform: str) -> str:
        override = self.variants.get(platform, Variant()).text
        return self.text if override is None else override

    def has_override(self, platform: str) -> bool:
        return self.variants.get(platform, Variant()).text is not None

    def media_for(self, platform: str) -> tuple[MediaItem, ...]:
        design = self.design_images.get(platform)
        swaps = self.fitted.get(platform, {})
        media = tuple(swaps.get(m.id, m) for m in self.media)
        return (design, *media) if design is not None else media

    def signed_text_for(self, platform: str) -> str:
        """The platform's text with its signature, as it is previewed, counted and sent."""
        text = self.text_for(platform)
        signature = self.signatures.get(platform, "").strip() if self.signature else ""
        # an empty post stays empty (a signature alone is not a post)
        if not signature or not text.strip() or text.rstrip().endswith(signature):
            return text
        return f"{text.rstrip()}\n\n{signature}"

    def content_for(self, platform: str) -> PlatformContent:
        return PlatformContent(
            text=self.signed_text_for(platform),
            title=self.title,
            tags=tuple(self.tags),
            media=self.media_for(platform),
        )

    def display_title(self) -> str:
        """A label for lists: the title, else the first line of the text."""
        if self.title.strip():
            return self.title.strip()
        first = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return first[:80]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "tags": list(self.tags),
            "media": [m.to_dict() for m in self.media],
            "variants": {k: v.to_dict() for k, v in sorted(self.variants.items())},
            "design_images": {k: v.to_dict() for k, v in sorted(self.design_images.items())},
            "planned_at": self.planned_at,
            "plan_key": self.plan_key,
            "plan_digest": self.plan_digest,
            "signature": self.signature,
            "signatures": dict(sorted(self.signatures.items())),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            **({"kip": self.kip} if self.kip else {}),
            **(
                {
                    "fitted": {
                        p: {k: v.to_dict() for k, v in sorted(swaps.items())}
                        for p, swaps in sorted(self.fitted.items())
                        if swaps
                    }
                }
                if any(self.fitted.values())
                else {}
            ),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        schema = int(data.get("schema", 1))
        if schema > SCHEMA_VERSION:
            raise ValueError(f"post schema {schema} is newer than this Siar understands ({SCHEMA_VERSION})")
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            text=str(data.get("text", "")),
            tags=[str(t) for t in data.get("tags", [])],
            media=[MediaItem.from_dict(m) for m in data.get("media", [])],
            variants={str(k): Variant.from_dict(v) for k, v in dict(data.get("variants", {})).items()},
            design_images={
                str(k): MediaItem.from_dict(v) for k, v in dict(data.get("design_images", {})).items()
            },
            planned_at=str(data.get("planned_at", "")),
            plan_key=str(data.get("plan_key", "")),
            plan_digest=str(data.get("plan_digest", "")),
            signature=bool(data.get("signature", True)),
            signatures={str(k): str(v) for k, v in dict(data.get("signatures", {})).items()},
            created_at=str(data.get("created_at", now_iso())),
            updated_at=str(data.get("updated_at", now_iso())),
            kip=str(data.get("kip", "")),
            fitted={
                str(p): {str(k): MediaItem.from_dict(v) for k, v in dict(swaps).items()}
                for p, swaps in dict(data.get("fitted", {})).items()
            },
        )
