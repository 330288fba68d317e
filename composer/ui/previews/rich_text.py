"""Preview text as Qt rich text: highlighted entities, the over-limit tail, the fold."""

from __future__ import annotations

import html

from composer.core.platforms.base import Preview
from composer.ui.previews.styles import OVERFLOW_BG, OVERFLOW_FG, CardStyle


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


OVERFLOW_SHOWN = 160  # characters of the over-limit tail worth showing; the rest is summarised


def preview_html(
    preview: Preview, style: CardStyle, fold_label: str, prefix: str = "", more_label: str = ""
) -> str:
    """The text a feed shows: up to the fold, entities coloured, overflow marked red.

    A long over-limit tail is cut after OVERFLOW_SHOWN characters and summarised with
    *more_label* (formatted with ``count``), which also keeps the card quick to lay out."""
    text = preview.text
    cut = len(text) if preview.fold_at is None else preview.fold_at
    overflow = next((s.start for s in preview.spans if s.kind == "overflow"), None)
    hidden = 0
    if overflow is not None and cut - overflow > OVERFLOW_SHOWN:
        hidden = cut - overflow - OVERFLOW_SHOWN
        cut = overflow + OVERFLOW_SHOWN
    pieces: list[str] = [prefix] if prefix else []
    pos = 0
    for span in sorted((s for s in preview.spans if s.kind != "overflow"), key=lambda s: s.start):
        end = min(span.end, cut, overflow if overflow is not None else cut)
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
    if hidden and more_label:
        pieces.append(
            f'<span style="color:{OVERFLOW_FG}">… {html.escape(more_label.format(count=hidden))}</span>'
        )
    elif preview.fold_at is not None and fold_label:
        pieces.append(f'… <span style="color:#65676b;font-weight:600">{html.escape(fold_label)}</span>')
    return '<span style="white-space:pre-wrap">' + "".join(pieces) + "</span>"
