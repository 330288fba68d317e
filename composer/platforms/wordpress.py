"""The office website's connection (see ``connection.py``): its address, then an
Application Password (typed, or approved on the site's authorize page)."""

from __future__ import annotations

from composer.i18n import N_
from composer.platforms.connection import Connection, Form

CONNECTION = Connection(
    menu=N_("Office website (WordPress)"),
    steps=N_(
        "<ol><li>Sign in to the website's dashboard and open <b>Users › Profile</b>.</li>"
        "<li>Under <b>Application Passwords</b> type “Siar”, press <b>Add New Application Password</b> "
        "and copy the password shown (it is shown once).</li>"
        "<li>Type the site address (https://…), your user name and the password below.</li></ol>"
    ),
    form=Form(
        username=N_("User name"), secrets=(N_("Application Password"), "", ""), address=N_("Website address")
    ),
    button=N_("Connect the office website (WordPress)"),
    asks_site=True,
    demo_name="Situs Kanim Contoh",
)
