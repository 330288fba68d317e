"""Scanning a post piece by piece finds exactly what scanning it whole finds.

The X rules and the emoji scan cut a text at line breaks and at spaces after punctuation
so a keystroke rescans one sentence (composer.core.text.chunks). These tests compare the
piecewise results with one scan of the whole text, on the JS golden captions and on
generated texts full of the cases where a cut could matter: an entity right before or
after a cut, "RT:@user", a hashtag followed by "://", URLs without a protocol after a
full stop, flags and keycaps, fullwidth signs, directional marks.
"""

from __future__ import annotations

import json
import pathlib
import random

from composer.core.text import emoji, twitter_text
from composer.core.text.chunks import pieces

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "data" / "twitter_text_js_golden.jsonl"

TOKENS = [
    "#Imigrasi",
    "#paspor2026",
    "＃paspor",
    "#tag://x",
    "#1",
    "@ditjenimigrasi",
    "@user/list-1",
    "RT:@kanim",
    "RT:",
    ".@kantor",
    "$IDR",
    "$CASH",
    "imigrasi.go.id",
    "imigrasi.go.id/paspor.",
    "https://imigrasi.go.id/a?b=c",
    "http://t.co/abc123",
    "www.example.com,",
    "a.co",
    "-x.com",
    "🇮🇩",
    "👍🏽",
    "👨‍👩‍👧",
    "1️⃣",
    "❤",
    "❤︎",
    "©",
    "️",
    "\u202aRTL",
    "日本語",
    "مرحبا",
    "ü@x",
    "e-paspor",
    "Layanan",
    "dibuka",
    "pukul",
    "08.00",
    "WIB",
    "!",
    "?",
    ".",
    ",",
    ";",
    ":",
    "…",
    "(",
    ")",
    '"',
]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ". ", ", ", ": ", "! ", "? ", "; ", "\t", "\u3000"]


def _texts() -> list[str]:
    rng = random.Random(17)
    texts = [json.loads(line)["text"] for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    for _ in range(400):
        texts.append("".join(rng.choice(TOKENS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 40))))
    return texts


def test_texts_are_cut_into_several_pieces() -> None:
    text = "Satu #a. Dua @b, tiga imigrasi.go.id!\nEmpat"
    bodies = [piece[start:end] for _offset, piece, start, end in pieces(text)]
    assert bodies == ["Satu #a.", "Dua @b,", "tiga imigrasi.go.id!", "Empat"]
    for offset, piece, _start, _end in pieces(text):
        assert text[offset : offset + len(piece)] == piece


def test_piecewise_entities_equal_a_whole_scan() -> None:
    scans = [
        (twitter_text._urls, twitter_text._urls_in_line),
        (lambda t: twitter_text._hashtags(t, False), twitter_text._hashtags_in_line),
        (twitter_text._mentions, twitter_text._mentions_in_line),
    ]
    for text in _texts():
        for piecewise, whole in scans:
            assert list(piecewise(text)) == list(whole.__wrapped__(text)), text


def test_piecewise_emoji_equal_a_whole_scan() -> None:
    for text in _texts():
        assert emoji.emoji_spans(text) == list(emoji._spans_in_line.__wrapped__(text)), text
