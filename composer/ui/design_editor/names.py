"""Names the design editor shows for data that carries English ids: image sizes and icons.

The platform rules and the icon font keep their stable ids (stored in designs); what a
person reads comes from here, through the catalogue.
"""

from __future__ import annotations

from composer.core.platforms.base import ImageSpec
from composer.i18n import N_, _

SIZE_NAMES: dict[str, str] = {
    "facebook": N_("Facebook post"),
    "instagram-portrait": N_("Instagram portrait 4:5"),
    "instagram-square": N_("Instagram square 1:1"),
    "instagram-story": N_("Instagram story 9:16"),
    "x": N_("X post 16:9"),
    "youtube-thumbnail": N_("YouTube thumbnail"),
    "website": N_("Website featured image"),
}

ICON_NAMES: dict[str, str] = {
    "passport": N_("Passport"),
    "id-card": N_("ID card"),
    "clock": N_("Clock"),
    "calendar": N_("Calendar"),
    "warning": N_("Warning sign"),
    "ban": N_("No entry"),
    "check": N_("Tick"),
    "check-circle": N_("Tick in a circle"),
    "info": N_("Information"),
    "phone": N_("Telephone"),
    "whatsapp": N_("WhatsApp"),
    "envelope": N_("Envelope"),
    "globe": N_("Globe"),
    "map-marker": N_("Map pin"),
    "users": N_("People"),
    "user": N_("Person"),
    "plane": N_("Aeroplane"),
    "suitcase": N_("Suitcase"),
    "money": N_("Money"),
    "bullhorn": N_("Loudspeaker"),
    "comments": N_("Speech bubbles"),
    "quote": N_("Quotation mark"),
    "building": N_("Building"),
    "mobile": N_("Mobile phone"),
    "file": N_("Document"),
    "camera": N_("Camera"),
    "bar-chart": N_("Bar chart"),
    "star": N_("Star"),
    "shield": N_("Shield"),
    "lightbulb": N_("Light bulb"),
    "facebook": N_("Facebook"),
    "instagram": N_("Instagram"),
    "x": N_("X"),
    "youtube": N_("YouTube"),
    "qrcode": N_("QR code"),
    "heart": N_("Heart"),
}


def size_name(spec: ImageSpec) -> str:
    """ "Website featured image (1200×675)" in the UI language; custom sizes as W×H."""
    name = SIZE_NAMES.get(spec.name)
    if name is None:
        return _(spec.label)
    return f"{_(name)} ({spec.width}×{spec.height})"


def icon_name(icon: str) -> str:
    return _(ICON_NAMES[icon]) if icon in ICON_NAMES else icon
