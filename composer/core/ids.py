"""New record ids (drafts, accounts, outbox jobs): a random UUID4 as 32 hex digits.

The uuid module (and the platform module it loads) costs a few ms to import; it is
loaded when the first id is made, not on the way to the window's first paint."""

from __future__ import annotations


def new_id() -> str:
    import uuid

    return uuid.uuid4().hex
