"""Where the conformance data is silent, Siar's X counter agrees with the official JS library.

tests/data/twitter_text_js_golden.jsonl holds what twitter-text 3.1.0 (JavaScript) says
about 600 generated captions in the style of an immigration office's posts (emoji, flags,
URLs with and without protocol, hashtags, mentions, directional marks, CJK, Arabic).
Regenerate it with ``python tools/crosscheck_twitter_text.py --write-golden`` (needs Node).
"""

from __future__ import annotations

import json
import pathlib

from composer.core.text import twitter_text as tt

GOLDEN = pathlib.Path(__file__).resolve().parents[1] / "data" / "twitter_text_js_golden.jsonl"


def test_agrees_with_official_javascript_on_realistic_captions() -> None:
    rows = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 600
    mismatches = []
    for row in rows:
        parsed = tt.parse_tweet(row["text"])
        entities = [
            ["mention" if e.kind == "list" else e.kind, e.start, e.end]
            for e in tt.extract_entities(row["text"])
        ]
        ours = (parsed.weighted_length, parsed.valid, parsed.valid_range_end, entities)
        theirs = (row["weightedLength"], row["valid"], row["validRangeEnd"], row["entities"])
        if ours != theirs:
            mismatches.append((row["text"], ours, theirs))
    assert mismatches == []
