"""How the officer connects an account of a platform: the Accounts window's form, the
one-button sign-in, the ``siar accounts add`` options, the demo account's name.

Presentation data only (no Qt, no network); labels are i18n msgids. Each platform's
entry in ``composer.platforms`` has one, declared in ``composer/platforms/<id>.py``;
the code that signs in is the platform's connector (``accounts/<id>.py``).
"""

from __future__ import annotations

from typing import NamedTuple

from composer.i18n import N_

SERVER_ADDRESS = N_("Server address (leave empty for the real platform)")


# NamedTuples, not frozen dataclasses: defining them at start-up costs a quarter.
class Form(NamedTuple):
    """One way of filling the Accounts window's fields; "" hides a field."""

    ident: str = ""  # the app's id (App ID, Client ID, API Key, Client Key)
    username: str = ""
    secrets: tuple[str, str, str] = ("", "", "")  # in ``ConnectRequest.secrets`` order
    address: str = SERVER_ADDRESS
    browser: bool = False  # the check signs in in the browser (the button says so)
    ident_option: str = ""  # ``siar accounts add``: the option that gives *ident*


class Connection(NamedTuple):
    """How the officer connects an account of one platform."""

    menu: str = ""
    """The Accounts window's choice; "" when it is not connected on its own."""
    steps: str = ""
    """Where to click on the platform's side (rich text above the fields)."""
    form: Form = Form()
    oauth2_form: Form | None = None
    """The form when the officer chooses "Sign in with the browser (OAuth 2.0)" (X)."""
    testing_option: bool = False
    """"My Google app is still in Testing" (YouTube: 7-day tokens)."""
    posting_modes: bool = False
    """How posts reach the account (inbox or direct, who sees them, photo host: TikTok)."""
    token_way: bool = False
    """``siar accounts add --token``: a refresh token pasted instead of the browser."""
    button: str = ""
    """The one-button sign-in with the connection profile; "" for none."""
    device_login: bool = False
    """The button shows a code to enter on the platform's page (Facebook, §14.2)."""
    asks_site: bool = False
    """The officer types the site's address (there is no one address of the platform)."""
    through: str = ""
    """When it is connected through another account: the message that says how."""
    via: str = ""
    """That other platform's id: reconnecting the account takes its sign-in."""
    demo_name: str = ""
    """The sandbox demo account's name (``make run``)."""
