"""The emoji and hashtag scans find with ``re`` exactly what the `regex` module's Unicode
property patterns find (issue 17: importing `regex` cost every start-up ~12 ms).

The emoji pattern uses generated ``re`` classes (composer/core/text/emoji_properties.py,
tools/update_emoji.py); an all-ASCII word takes the hashtag pattern with ASCII classes,
and only a word with a non-ASCII character and a hash sign loads `regex`. These tests
compare both with the `regex` patterns they replace, on the JS golden captions, the
conformance texts and generated texts full of the corners.
"""

from __future__ import annotations

import json
import pathlib
import random
import re
import subprocess
import sys

import pytest
import regex
import yaml

from composer.core.text import emoji, emoji_properties, twitter_text

_DATA = pathlib.Path(__file__).resolve().parents[1] / "data"

# The twemoji grammar as composer/core/text/emoji.py had it with `regex` (before issue 17).
_ELEMENT = r"(?:\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?|\p{Regional_Indicator}{2})"
_REGEX_EMOJI = regex.compile(
    "|".join(
        (
            rf"{_ELEMENT}(?:\u200D{_ELEMENT})+",
            r"\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F",
            r"[#*0-9]\uFE0F?\u20E3",
            r"\p{Regional_Indicator}{2}",
            r"\p{Emoji_Modifier_Base}\p{Emoji_Modifier}",
            r"\p{Extended_Pictographic}\uFE0F",
            r"\p{Emoji_Presentation}(?!\uFE0E)\uFE0F?",
            "[" + "".join(regex.escape(c) for c in emoji.LEGACY_TEXT_DEFAULT) + r"](?!\uFE0E)",
            r"\uFE0F",
        )
    ),
    regex.V0,
)
_PROPERTIES = {
    "EXTENDED_PICTOGRAPHIC": "Extended_Pictographic",
    "EMOJI_PRESENTATION": "Emoji_Presentation",
    "EMOJI_MODIFIER_BASE": "Emoji_Modifier_Base",
    "EMOJI_MODIFIER": "Emoji_Modifier",
    "REGIONAL_INDICATOR": "Regional_Indicator",
}

# Characters where the patterns' corners are: pictographs (text- and emoji-default, old
# and new), skin tones, ZWJ, VS15/VS16, flags, tag sequences, keycaps, legacy text-default
# emoji, ©®™, hash signs, "&", "://", letters with and without case, marks, digits of
# other scripts, the extra hashtag characters, whitespace of several kinds.
_POOL = [
    "\U0001f4e2", "\U0001f384", "\U0001f44d", "\U0001f3fd", "\U0001f3fb", "\u200d", "\ufe0f", "\ufe0e",
    "\U0001f468", "\U0001f469", "\U0001f467", "\U0001f1ee", "\U0001f1e9", "\U0001f1fa", "\U0001f3f4",
    "\U000e0067", "\U000e0062", "\U000e007f", "\u20e3", "1", "#", "*", "\u2764", "\u263a", "\u00a9",
    "\u00ae", "\u2122", "\u265f", "\u2640", "\u231a", "\U0001fae9", "\U0001f9d1", "\U0001f91d", "\u270c",
    "\uff03", "&", "://", "a", "Z", "_", "\u00e9", "\u0301", "\u0130", "\u0131", "\u017f", "\u212a",
    "\u0663", "\u0e01", "\u30fb", "\u00b7", "\u05be", "\u200c", "\u3003", "\u4e00", "\ud55c", "\u0410",
    " ", " ", "\n", "\t", "\u3000", "\u00a0", ".", "-", "@", "Layanan", "2026",
]  # fmt: skip


def _texts() -> list[str]:
    golden = (_DATA / "twitter_text_js_golden.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in golden]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name in ("extract.yml", "validate.yml"):
        suite = yaml.load((_DATA / "twitter-text" / name).read_text(encoding="utf-8"), Loader=loader)["tests"]
        texts += [c["text"] for cases in suite.values() for c in cases if isinstance(c.get("text"), str)]
    rng = random.Random(17)
    texts += ["".join(rng.choice(_POOL) for _ in range(rng.randint(1, 16))) for _ in range(6000)]
    # and texts whose emoji are single characters (the emoji scan's short way)
    singles = [piece for piece in _POOL if not emoji._SEQUENCE_PART.search(piece)]
    texts += ["".join(rng.choice(singles) for _ in range(rng.randint(1, 16))) for _ in range(2000)]
    # every pictograph and emoji-style character on its own, and the legacy ones
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    pictographs = re.findall(
        f"[{emoji_properties.EXTENDED_PICTOGRAPHIC}{emoji_properties.EMOJI_PRESENTATION}]", every
    )
    texts += [f"a{ch}b" for ch in (*pictographs, *emoji.LEGACY_TEXT_DEFAULT)]
    return texts


# The classes are data, generated from one `regex` release's Unicode tables, as the
# conformance files are data of one twitter-text release: a newer `regex` (newer Unicode)
# is compared after tools/update_emoji.py has run with it, not in the CI of every commit.
same_tables = pytest.mark.skipif(
    regex.__version__ != emoji_properties.GENERATED_WITH,
    reason=f"emoji classes generated with regex {emoji_properties.GENERATED_WITH}, "
    f"{regex.__version__} installed: run tools/update_emoji.py",
)


@same_tables
def test_the_generated_emoji_classes_are_regexs_unicode_properties() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for constant, name in _PROPERTIES.items():
        ours = re.findall(f"[{getattr(emoji_properties, constant)}]", every)
        assert ours == regex.findall(rf"\p{{{name}}}", every), name  # else: tools/update_emoji.py


@same_tables
def test_emoji_spans_equal_the_regex_patterns() -> None:
    texts = _texts()
    differ = [t for t in texts if emoji.emoji_spans(t) != [m.span() for m in _REGEX_EMOJI.finditer(t)]]
    assert differ == []
    with_emoji = [t for t in texts if emoji.emoji_spans(t)]
    assert len(with_emoji) > 3000  # the texts do hold emoji, with and without sequences
    assert sum(emoji._SEQUENCE_PART.search(t) is None for t in with_emoji) > 1000


def test_emoji_of_one_character_each_compile_no_emoji_grammar() -> None:
    emoji.emoji_grammar.cache_clear()
    emoji._spans_in_line.cache_clear()
    text = "Pengumuman \U0001f4e2\nSelamat Natal \u263a \U0001f384 #LayananImigrasi \u2013 \u00e9"
    assert emoji.emoji_spans(text) == [(11, 12), (27, 28), (29, 30)]
    assert emoji.emoji_grammar.cache_info().currsize == 0
    assert emoji.emoji_spans("Terima kasih \u2764\ufe0f") == [(13, 15)]
    assert emoji.emoji_grammar.cache_info().currsize == 1


def test_the_ascii_hashtag_classes_are_the_unicode_ones_on_ascii() -> None:
    # With IGNORECASE no ASCII character folds into the Unicode classes from outside them.
    flags = regex.IGNORECASE | regex.V0
    for code in range(128):
        ch = chr(code)
        assert bool(regex.fullmatch(twitter_text._HASHTAG_ALNUM, ch, flags)) == bool(
            re.fullmatch("[A-Za-z0-9_]", ch)
        ), ch
        assert bool(regex.fullmatch(twitter_text._HASHTAG_ALPHA, ch, flags)) == bool(
            re.fullmatch("[A-Za-z]", ch)
        ), ch


def test_hashtags_equal_one_scan_with_the_regex_pattern() -> None:
    texts = _texts()
    full = twitter_text._unicode_hashtag_patterns()
    differ = [
        t
        for t in texts
        if list(twitter_text.extract_hashtags(t, check_url_overlap=False))
        != list(twitter_text._scan_hashtags(t, *full))
    ]
    assert differ == []
    assert sum(bool(twitter_text.extract_hashtags(t)) for t in texts) > 500  # the texts do hold hashtags


def test_a_post_with_emoji_and_ascii_hashtags_loads_neither_regex_nor_the_domains() -> None:
    # The demo's open draft: what the first previews count and highlight at start-up
    # (its dots end sentences and split times: no domain can follow them).
    code = (
        "import sys\n"
        "from composer.core import preview\n"
        "from composer.core.post import Post\n"
        "post = Post(text='Pengumuman \\U0001f4e2\\nBuka pukul 08.00\\u201316.00 WIB.\\n\\n'\n"
        "            'Selamat Natal \\U0001f384 #LayananImigrasi #2026natal')\n"
        "found = {p: v.spans for p, v in preview.previews(post, include_disabled=True).items()}\n"
        "assert any(found.values()), found\n"
        "print('regex' in sys.modules, 'composer.core.text.tlds' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]
