"""How each platform's card looks (brand colours, block order, fold wording).

Presentation only; the rules and the numbers come from composer.core.platforms.
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.i18n import N_


@dataclass(frozen=True)
class CardStyle:
    accent: str  # brand colour of the header strip
    link: str  # colour of hashtags, mentions and links
    media_first: bool  # image above the text (Instagram, YouTube, website card)
    fold_label: str  # what the feed shows after the cut
    meta: str  # the line under the account name
    rounded_media: bool = False


STYLES: dict[str, CardStyle] = {
    "facebook": CardStyle("#1877F2", "#1877F2", False, N_("See more"), N_("Just now · Public")),
    "instagram": CardStyle("#E1306C", "#00376B", True, N_("more"), N_("Original audio")),
    "x": CardStyle("#0F1419", "#1D9BF0", False, "", N_("now"), rounded_media=True),
    "youtube": CardStyle("#FF0000", "#065FD4", True, N_("...more"), N_("0 views · just now")),
    "wordpress": CardStyle("#21759B", "#21759B", True, "", N_("Office website")),
}

DEFAULT_STYLE = CardStyle("#57606a", "#0969da", False, N_("See more"), "")
OVERFLOW_BG = "#ffd7d5"
OVERFLOW_FG = "#a40e26"
