"""The columns of a plan spreadsheet: which header means what (Indonesian or English names).

The guide (docs/panduan/rencana.md) documents the same list; tests/plan checks they agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from composer import platforms

# role → accepted header names (compared lower-case, spaces and dashes as "_")
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "kunci"),
    "date": ("tanggal", "date"),
    "time": ("jam", "waktu", "time"),
    "platforms": ("platform", "platforms"),
    "title": ("judul", "title"),
    "text": ("teks", "text", "caption"),
    "hashtags": ("tagar", "hashtags", "hashtag"),
    "images": ("gambar", "images", "foto"),
    "template": ("templat", "template"),
}
TEXT_PREFIXES = ("teks_", "text_")  # teks_instagram: that platform's own text
DATA_PREFIXES = ("isi.", "data.")  # isi.periode: the template's field "periode"
REQUIRED = ("date",)  # and one of title/text (checked with the rows)


def normalise(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


@dataclass(frozen=True)
class Column:
    index: int
    letter: str
    header: str
    role: str  # a key of ALIASES, "platform_text", "data", or "unknown"
    arg: str = ""  # the platform id (platform_text) or the field key (data)


def platform_id(name: str) -> str | None:
    """A platform's id from its id or its name in either language ("ig" is not guessed)."""
    wanted = name.strip().casefold()
    for entry in platforms.PLATFORMS:
        if wanted in {entry.id.casefold(), entry.rules.name.casefold(), entry.name.casefold()}:
            return entry.id
    return None


def classify(index: int, letter: str, header: str) -> Column:
    key = normalise(header)
    for role, names in ALIASES.items():
        if key in names:
            return Column(index, letter, header, role)
    for prefix in TEXT_PREFIXES:
        if key.startswith(prefix):
            found = platform_id(key.removeprefix(prefix).replace("_", " "))
            return Column(index, letter, header, "platform_text" if found else "unknown", found or "")
    for prefix in DATA_PREFIXES:
        if header.strip().lower().startswith(prefix):
            return Column(index, letter, header, "data", header.strip()[len(prefix) :].strip())
    return Column(index, letter, header, "unknown")
