"""The URL patterns built with only a text's own top-level domains find what the patterns
with every top-level domain find (issue 17: the full ones take tens of milliseconds to
compile, so the first preview at start-up uses the small ones)."""

from __future__ import annotations

import json
import pathlib
import random
import re

import yaml

from composer.core.text import emoji
from composer.core.text import twitter_text as tt
from composer.core.text.tlds import COUNTRY_TLDS, GENERIC_TLDS

_DATA = pathlib.Path(__file__).resolve().parents[1] / "data"

# Pieces that meet the patterns' corners: letters the engine folds unlike str.lower()
# (U+0130, U+0131, U+017F, U+212A), a prefix of a longer TLD, a TLD followed by a letter,
# digit, "@" or "-", punycode, non-ASCII TLDs, ports, paths, queries, t.co, preceding signs.
_PIECES = (
    ".", ".", ".", "com", "COM", "co", "id", "ID", "go", "net", "org", "ac", "me", "io", "ke",
    "İd", "ıd", "KE", "ſu", "xn--p1ai", "XN--80asehdb", "рф", "РФ", "みんな", "中国", "online",
    "onl", "a", "b-c", "x_y", "é", "1", "-", "_", "@", "#", "$", "+", "/", "//", ":8080", "?q=1&b",
    "(x)", " ", " ", "\n", "http://", "https://", "HTTPS://", "t.co/abc", "www", "imigrasi",
    "\u202e", "\u200f", "\U0001f600", "\uff20", ",", "!",
)  # fmt: skip


def _texts() -> list[str]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where the wheel has it
    extract = yaml.load((_DATA / "twitter-text" / "extract.yml").read_text(encoding="utf-8"), Loader=loader)[
        "tests"
    ]
    texts = [c["text"] for section in ("urls", "urls_with_indices") for c in extract[section]]
    golden = (_DATA / "twitter_text_js_golden.jsonl").read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in golden[::4]]
    rng = random.Random(17)
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(3, 14))) for _ in range(1200)]
    return texts


def test_patterns_with_a_texts_own_tlds_find_the_same_urls_as_the_full_ones() -> None:
    full = tt._full_patterns()
    texts = _texts()
    differ = [
        text
        for text in texts
        if tt._find_urls(text, *tt._patterns_for(tt._tlds_in(text))) != tt._find_urls(text, *full)
    ]
    assert differ == []
    assert sum(bool(tt._find_urls(text, *full)) for text in texts) > 300  # the texts do hold URLs


def test_a_text_said_to_hold_no_url_holds_none_by_the_full_patterns() -> None:
    full = tt._full_patterns()
    kept = ["a.XN--p1ai", "b.Xn--80asehdb/x", ".id", "e.İD", "f.ſu"]
    texts = [*_texts(), *kept, "c.xn-", "d. com"]
    skipped = [text for text in texts if tt._can_hold_no_url(text, tt._tlds_in(text))]
    assert [text for text in skipped if tt._find_urls(text, *full)] == []
    assert len(skipped) > 300  # the texts do hold dots without a domain after them
    assert skipped[-2:] == ["c.xn-", "d. com"]
    assert not set(kept) & set(skipped)


def test_a_text_with_dots_but_no_domain_compiles_no_url_pattern() -> None:
    # The demo's open draft at start-up: times and sentence ends, no link.
    _forget_patterns()
    assert tt.extract_urls("Buka pukul 08.00–16.00 WIB.\nSelamat Natal 🎄 #LayananImigrasi") == []
    assert tt._patterns_for.cache_info().misses == 0
    assert [e.value for e in tt.extract_urls("Info di kanim.id.")] == ["kanim.id"]
    assert tt._patterns_for.cache_info().misses == 1


def test_a_tld_found_after_every_dot_whatever_its_case() -> None:
    assert tt._tlds_in("a.COM b.İd c.xn d") >= {"com", "co", "id"}
    assert tt._tlds_in("no dots here") == frozenset()


def test_the_tlds_found_are_those_the_engine_matches_after_a_dot() -> None:
    # _tlds_in walks the sorted list as a trie; the engine itself is the reference.
    every = sorted(GENERIC_TLDS | COUNTRY_TLDS)
    after_dot = [re.compile(r"\." + re.escape(tld), re.IGNORECASE) for tld in every]
    texts = [
        *_texts()[-400:],
        "a.COM b.İd c.ıd d.ſu e.KE f.рф g.РФ h.みんな i.中国 j.onl k.online l.xn--p1ai",
    ]
    for text in texts:
        assert tt._tlds_in(text) == {
            tld for tld, dot in zip(every, after_dot, strict=True) if dot.search(text)
        }


def test_no_non_ascii_tld_letter_matches_an_ascii_letter() -> None:
    # _tlds_in compares an ASCII character with ASCII TLD letters only.
    letters = {ch for tld in GENERIC_TLDS | COUNTRY_TLDS for ch in tld if not ch.isascii()}
    ascii_chars = [chr(code) for code in range(128)]
    assert [
        (ch, a) for ch in letters for a in ascii_chars if re.fullmatch(re.escape(ch), a, re.IGNORECASE)
    ] == []
    assert all(tld == tld.lower() for tld in GENERIC_TLDS | COUNTRY_TLDS)
    # _tlds_in skips a dot followed by an ASCII character that is not a letter.
    assert all(tld.isalpha() for tld in GENERIC_TLDS | COUNTRY_TLDS if tld.isascii())


def test_a_dot_before_no_letter_needs_no_list_of_domains() -> None:
    tt._sorted_tlds.cache_clear()
    assert tt._tlds_in("Buka 08.00–16.00 WIB. Rp.50.000, selesai.") == frozenset()
    assert tt._sorted_tlds.cache_info().currsize == 0
    assert tt._tlds_in("lihat kanim.id.") == {"id"}
    assert tt._sorted_tlds.cache_info().currsize == 1


def test_utf16_length_counts_astral_characters_twice() -> None:
    for text in ("", "abc", "\U0001f4e2 x", "\ud800 lone", "é\U0001f1ee\U0001f1e9"):
        assert tt._utf16_len(text) == len(text.encode("utf-16-le", "surrogatepass")) // 2


def _forget_patterns() -> None:
    for cached in (tt._full_patterns, tt._patterns_for, tt._urls, tt._urls_in_line):
        cached.cache_clear()


def test_extracting_urls_compiles_no_pattern_of_every_tld_until_warmed_up() -> None:
    _forget_patterns()
    later = (tt._unicode_hashtag_patterns, emoji.emoji_grammar)  # also left for the warm-up
    for cached in later:
        cached.cache_clear()
    found = tt.extract_urls("Info: https://www.imigrasi.go.id/id/layanan-paspor/ dan kanim.id")
    assert [e.value for e in found] == ["https://www.imigrasi.go.id/id/layanan-paspor/", "kanim.id"]
    assert tt._full_patterns.cache_info().currsize == 0
    tt.warm_up()
    assert tt._full_patterns.cache_info().currsize == 1
    assert [cached.cache_info().currsize for cached in later] == [1, 1]


def test_many_different_domains_switch_to_the_full_patterns_once() -> None:
    _forget_patterns()
    domains = ["a.com", "b.id", "c.org", "d.net", "e.info", "f.io", "g.co", "h.me", "i.dev", "j.app"]
    found = [e.value for domain in domains for e in tt.extract_urls(f"lihat {domain} ya")]
    assert found == domains
    assert tt._patterns_for.cache_info().misses == tt.SMALL_PATTERN_COMPILES
    assert tt._full_patterns.cache_info().currsize == 1


def test_the_lines_of_one_post_share_one_small_pattern() -> None:
    # Each line is scanned (and cached) on its own; a post whose lines name different
    # top-level domains still compiles one pattern, with the domains of the whole text.
    _forget_patterns()
    text = "Daftar di kanim.id\nInfo: https://www.imigrasi.go.id/id/\nlihat juga contoh.org\nselesai."
    found = [e.value for e in tt.extract_urls(text)]
    assert found == ["kanim.id", "https://www.imigrasi.go.id/id/", "contoh.org"]
    assert tt._patterns_for.cache_info().misses == 1
    # The same lines in another post are matched from the cache, whichever pattern found them.
    assert [e.value for e in tt.extract_urls("lihat juga contoh.org\nDaftar di kanim.id")] == [
        "contoh.org",
        "kanim.id",
    ]


def test_a_texts_domains_are_its_pieces_domains() -> None:
    # _urls reads them piece by piece (a keystroke changes one piece): the same set.
    from composer.core.text.chunks import pieces

    for text in _texts():
        by_piece = frozenset().union(*(tt._tlds_in(piece) for _at, piece, _s, _e in pieces(text)))
        assert by_piece == tt._tlds_in(text), text
