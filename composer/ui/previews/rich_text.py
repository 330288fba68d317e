"""Preview text as Qt rich text: highlighted entities, the over-limit tail, the fold."""

from __future__ import annotations

from composer.core.platforms.base import Preview
from composer.ui.previews.styles import OVERFLOW_BG, OVERFLOW_FG, CardStyle


def escape(text: str, quote: bool = True) -> str:
    """What ``html.escape`` does, without importing ``html``: its table of 2,231 named
    entities, which nothing here uses, cost ~2 ms of every start (issue 17)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def _escape(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


OVERFLOW_SHOWN = 160  # characters of the over-limit tail worth showing; the rest is summarised


def hidden_characters(preview: Preview) -> int:
    """How many characters of a long over-limit tail the card leaves out (0: none)."""
    cut = len(preview.text) if preview.fold_at is None else preview.fold_at
    overflow = next((s.start for s in preview.spans if s.kind == "overflow"), None)
    if overflow is not None and cut - overflow > OVERFLOW_SHOWN:
        return cut - overflow - OVERFLOW_SHOWN
    return 0


def preview_html(preview: Preview, style: CardStyle, fold_label: str, prefix: str = "") -> str:
    """The text a feed shows: up to the fold, entities coloured, overflow marked red.

    A long over-limit tail is cut after OVERFLOW_SHOWN characters, which keeps the card
    quick to lay out; the card says how many were left out (``hidden_characters``) in a
    line of its own, so a keystroke that only changes that number lays out one short line."""
    text = preview.text
    cut = len(text) if preview.fold_at is None else preview.fold_at
    overflow = next((s.start for s in preview.spans if s.kind == "overflow"), None)
    hidden = hidden_characters(preview)
    if hidden:
        cut -= hidden
    pieces: list[str] = [prefix] if prefix else []
    pos = 0
    end_of_spans = min(cut, overflow) if overflow is not None else cut
    shown = (s for s in preview.spans if s.kind != "overflow" and s.start < end_of_spans)
    for span in sorted(shown, key=lambda s: s.start):
        end = min(span.end, end_of_spans)
        start = max(span.start, pos)
        if start >= end:
            continue
        pieces.append(_escape(text[pos:start]))
        pieces.append(f'<span style="color:{style.link}">{_escape(text[start:end])}</span>')
        pos = end
    if overflow is not None and overflow < cut:
        pieces.append(_escape(text[pos:overflow]))
        pieces.append(
            f'<span style="background-color:{OVERFLOW_BG};color:{OVERFLOW_FG}">{_escape(text[overflow:cut])}</span>'
        )
    else:
        pieces.append(_escape(text[pos:cut]))
    if not hidden and preview.fold_at is not None and fold_label:
        pieces.append(f'… <span style="color:#65676b;font-weight:600">{escape(fold_label)}</span>')
    return '<span style="white-space:pre-wrap">' + "".join(pieces) + "</span>"


def hidden_html(count: int, more_label: str) -> str:
    """The line under a cut over-limit tail: "… +N more characters" (*more_label*)."""
    if not count:
        return ""
    return f'<span style="color:{OVERFLOW_FG}">… {escape(more_label.format(count=count))}</span>'
