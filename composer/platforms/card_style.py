"""How a platform's preview card looks: brand colours, block order, the fold's wording.

Presentation data only (no Qt): each platform's entry in ``composer.platforms`` has one,
and ``ui/previews`` draws it.
"""

from __future__ import annotations

from typing import NamedTuple


# A NamedTuple, not a frozen dataclass: defining one at start-up costs a quarter.
class CardStyle(NamedTuple):
    """How one platform's preview card looks."""

    accent: str  # brand colour of the header strip
    link: str  # colour of hashtags, mentions and links
    media_first: bool  # image above the text (Instagram, YouTube, website card)
    fold_label: str  # what the feed shows after the cut (an i18n msgid)
    meta: str  # the line under the account name (an i18n msgid)
    rounded_media: bool = False
    handle_first: bool = False  # the caption starts with the account's handle in bold (Instagram)
    handle_in_meta: bool = False  # the line under the name starts with "@handle ·" (X)
    calendar: str = ""
    """The calendar's colour when the brand colour is too close to another platform's (a
    month chip tells platforms apart by colour alone); "" uses ``accent``."""
