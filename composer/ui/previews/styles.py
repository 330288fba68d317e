"""How each platform's card looks (brand colours, block order, fold wording).

Presentation only; each platform's style is in its entry in composer.platforms, the
rules and the numbers in composer.core.platforms.
"""

from __future__ import annotations

from composer import platforms
from composer.i18n import N_
from composer.platforms.card_style import CardStyle as CardStyle  # re-exported for rich_text

STYLES: dict[str, CardStyle] = {entry.id: entry.card for entry in platforms.PLATFORMS}

DEFAULT_STYLE = CardStyle("#57606a", "#0969da", False, N_("See more"), "")
OVERFLOW_BG = "#ffd7d5"
OVERFLOW_FG = "#a40e26"
