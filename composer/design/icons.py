"""Icons from the bundled icon font (Font Awesome 4.7, SIL OFL 1.1), by name."""

from __future__ import annotations

from composer.core.platforms import PLATFORMS

ICON_FONT = "FontAwesome.ttf"

# Names chosen for what an immigration office posts about; values are the font's code points.
ICONS: dict[str, str] = {
    "passport": "\uf2c2",  # id-card
    "id-card": "\uf2c2",
    "clock": "\uf017",
    "calendar": "\uf073",
    "warning": "\uf071",
    "ban": "\uf05e",
    "check": "\uf00c",
    "check-circle": "\uf058",
    "info": "\uf05a",
    "phone": "\uf095",
    "whatsapp": "\uf232",
    "envelope": "\uf0e0",
    "globe": "\uf0ac",
    "map-marker": "\uf041",
    "users": "\uf0c0",
    "user": "\uf007",
    "plane": "\uf072",
    "suitcase": "\uf0f2",
    "money": "\uf0d6",
    "bullhorn": "\uf0a1",
    "comments": "\uf086",
    "quote": "\uf10d",
    "building": "\uf1ad",
    "mobile": "\uf10b",
    "file": "\uf15c",
    "camera": "\uf030",
    "bar-chart": "\uf080",
    "star": "\uf005",
    "shield": "\uf132",
    "lightbulb": "\uf0eb",
    # Each platform's logo, named by its id (the platform's rules hold the code point).
    **{platform.id: platform.icon for platform in PLATFORMS if platform.icon},
    "qrcode": "\uf029",
    "heart": "\uf004",
}
