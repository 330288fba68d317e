"""Instagram's connection (see ``connection.py``): through its Facebook Page."""

from __future__ import annotations

from composer.i18n import N_
from composer.platforms.connection import Connection

CONNECTION = Connection(
    through=N_(
        "Instagram is connected through its Facebook Page: siar accounts add facebook … --instagram-name NAME"
    ),
    via="facebook",
    demo_name="Kanim Contoh — Instagram",
)
