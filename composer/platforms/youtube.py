"""YouTube's connection (see ``connection.py``): Google's sign-in in the browser."""

from __future__ import annotations

from composer.i18n import N_
from composer.platforms.connection import Connection, Form

CONNECTION = Connection(
    menu=N_("YouTube"),
    steps=N_(
        "<ol><li>In <b>console.cloud.google.com</b> create a project and enable the <b>YouTube Data API v3</b>.</li>"
        "<li>Under <i>APIs &amp; Services › Credentials</i> create an <b>OAuth client ID</b> of type "
        "<b>Desktop app</b> and copy its Client ID and Client Secret.</li>"
        "<li>Press <b>Sign in with the browser</b>, choose the office's Google account and allow Siar.</li>"
        "<li>While the consent screen is in <b>Testing</b>, Google ends the permission after 7 days: "
        "publish the app to avoid reconnecting every week.</li></ol>"
    ),
    form=Form(
        ident=N_("Client ID"), secrets=(N_("Client Secret"), "", ""), browser=True, ident_option="--client-id"
    ),
    testing_option=True,
    button=N_("Sign in with YouTube (Google)"),
    demo_name="Kanim Contoh — YouTube",
)
