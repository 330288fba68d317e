"""The preview cards escape text for Qt's rich text as ``html.escape`` does, without
importing ``html`` at start-up (issue 17: its entity table is not needed for the paint)."""

from __future__ import annotations

import html

import pytest

from composer.ui.previews.rich_text import escape

SAMPLES = [
    "",
    "Layanan paspor & visa <b>tutup</b>",
    "Kata \"resmi\" dan 'calo' ",
    "&amp; sudah ter-escape, &lt;tetap&gt;",
    "<script>alert('x')</script>\nbaris dua",
    "Emoji 📢 dan huruf ß, é",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_escape_matches_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text)
    assert escape(text, quote=False) == html.escape(text, quote=False)
