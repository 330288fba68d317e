"""Names the design editor shows for data that carries English ids: image sizes and icons.

The platform rules and the icon font keep their stable ids (stored in designs); what a
person reads comes from here, through the catalogue. Each platform's rules name its own
image sizes (``ImageSpec.title``) and its logo is named after it, so adding a platform
adds nothing here.
"""

from __future__ import annotations

from composer import platforms
from composer.core.platforms.base import ImageSpec
from composer.i18n import N_, _

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
    "qrcode": N_("QR code"),
    "heart": N_("Heart"),
}


def size_name(spec: ImageSpec) -> str:
    """ "Website featured image (1200×675)" in the UI language; custom sizes as W×H."""
    if not spec.title:
        return _(spec.label)
    return f"{_(spec.title)} ({spec.width}×{spec.height})"


def icon_name(icon: str) -> str:
    """A platform's logo is named after the platform (its icon name is the platform id)."""
    if icon in ICON_NAMES:
        return _(ICON_NAMES[icon])
    return platforms.display_name(icon)
