"""The office's brand kit: name, colours, fonts and logo. Templates use its tokens
("$primary", "heading"), so changing the kit restyles every design."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_COLORS: dict[str, str] = {
    "primary": "#12355B",  # deep navy
    "secondary": "#1F7A8C",  # teal
    "accent": "#F2A541",  # amber
    "background": "#F5F7FA",
    "surface": "#FFFFFF",
    "text": "#1B2430",
    "muted": "#5B6675",
    "on_primary": "#FFFFFF",
    "danger": "#C0392B",
    "success": "#2E8B57",
}
FONT_FAMILIES = ("inter", "lato")


@dataclass(frozen=True)
class BrandKit:
    office_name: str = "Kantor Imigrasi Contoh"
    tagline: str = "Melayani dengan sepenuh hati"
    colors: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS), hash=False)
    heading_font: str = "inter"
    body_font: str = "inter"
    logo: str = ""  # "media:<sha256>" of the office's own logo, or "" for the sample mark
    website: str = "imigrasi.go.id"
    phone: str = "0812-0000-0000"

    def color(self, value: str) -> str:
        """Resolve "$token" to a hex colour; hex values pass through."""
        if value.startswith("$"):
            return self.colors.get(value[1:], DEFAULT_COLORS.get(value[1:], "#FF00FF"))
        return value

    def font_family(self, role: str) -> str:
        family = {"heading": self.heading_font, "body": self.body_font}.get(role, role)
        return family if family in FONT_FAMILIES else "inter"

    def to_dict(self) -> dict[str, Any]:
        return {
            "office_name": self.office_name,
            "tagline": self.tagline,
            "colors": dict(self.colors),
            "heading_font": self.heading_font,
            "body_font": self.body_font,
            "logo": self.logo,
            "website": self.website,
            "phone": self.phone,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BrandKit:
        base = cls()
        colors = {**DEFAULT_COLORS, **{k: str(v) for k, v in dict(data.get("colors", {})).items()}}
        return replace(
            base,
            office_name=str(data.get("office_name", base.office_name)),
            tagline=str(data.get("tagline", base.tagline)),
            colors=colors,
            heading_font=str(data.get("heading_font", base.heading_font)),
            body_font=str(data.get("body_font", base.body_font)),
            logo=str(data.get("logo", "")),
            website=str(data.get("website", base.website)),
            phone=str(data.get("phone", base.phone)),
        )
