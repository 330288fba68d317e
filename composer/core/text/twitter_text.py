"""X (Twitter) text rules: entity extraction and the weighted character count.

A fresh implementation of the rules of the official twitter-text library, version 3
(https://github.com/twitter/twitter-text, Apache-2.0), checked against its conformance
data in ``shared/conformance/twitter-text`` by ``tests/core/test_twitter_conformance.py``:

- counting: text is NFC-normalised; each URL counts ``transformedURLLength`` (23); each
  emoji sequence counts as one default-weight character; every other code point weighs 100
  (counted as 1) inside the config's ranges and 200 (counted as 2) elsewhere
  [config/v3.json; docs.x.com fundamentals/counting-characters];
- extraction: URLs with and without a protocol, hashtags, @mentions and lists, cashtags,
  with overlapping entities resolved the way ``extractEntitiesWithIndices`` does.

Offsets returned by the extractors are code-point offsets into the given string (the
conformance data uses those too). ``parse_tweet`` reports its ranges in UTF-16 code units,
as the official library does, because that is what X's own clients index by.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, NamedTuple

from composer.core.text.chunks import pieces, scan_by_piece, words
from composer.core.text.emoji import emoji_grammar, emoji_spans

MAX_WEIGHTED_LENGTH = 280
SCALE = 100
DEFAULT_WEIGHT = 200
TRANSFORMED_URL_LENGTH = 23
# (first, last, weight) from config/v3.json "ranges".
WEIGHT_RANGES = ((0x0000, 0x10FF, 100), (0x2000, 0x200D, 100), (0x2010, 0x201F, 100), (0x2032, 0x2037, 100))
MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63


# The small records of the text engine and the previews are NamedTuples: created at
# start-up, each frozen dataclass cost ~0.6 ms (its methods are compiled), a NamedTuple ~0.15.
class Entity(NamedTuple):
    """One entity found in the text. ``kind`` is url, hashtag, mention, list or cashtag."""

    kind: str
    start: int
    end: int
    value: str  # the URL, or the tag/name without its sign; lists keep "name/slug"


class TweetParse(NamedTuple):
    """The result of counting a post the way X does (fields as in twitter-text)."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_end: int  # inclusive, UTF-16 units of the original text
    display_range_end: int  # inclusive, UTF-16 units of the original text


# --- character classes -------------------------------------------------------------
_PUNCT = r"!'#%&'()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
# JavaScript's \s, which differs from Python's (it has U+FEFF, lacks U+001C-U+001F and U+0085).
_JS_WHITESPACE = "\t-\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _alternation(words: set[str] | frozenset[str]) -> str:
    """A regex alternation of *words*, built as a prefix trie so matching stays fast."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        # Longer continuations first, the end-of-word option last (like a reverse-sorted list).
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return emit(trie)


_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_TLD_END = "(?=[^0-9a-z@+-]|$)"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
_URL_PRECEDING = f"(?:[^A-Za-z0-9@\uff20$#\uff03{_INVALID}]|[{_DIRECTIONAL}]|^)"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN_ACCENTS}]"
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_BALANCED_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHARS = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"


def _url_sources(tlds: frozenset[str] | None) -> tuple[str, str]:
    """The URL pattern and the ASCII-domain pattern, with every top-level domain (None)
    or only *tlds*: an alternative that can match nowhere in a text changes no match in
    it, and the trie keeps the others in their order, so both find the same URLs there."""
    from composer.core.text.tlds import COUNTRY_TLDS, GENERIC_TLDS  # loaded once a text needs it

    generic = GENERIC_TLDS if tlds is None else GENERIC_TLDS & tlds
    country = COUNTRY_TLDS if tlds is None else COUNTRY_TLDS & tlds
    gtld = f"(?:{_alternation(generic)}{_TLD_END})" if generic else "(?!)"
    cctld = f"(?:{_alternation(country)}{_TLD_END})" if country else "(?!)"
    top = f"(?:{gtld}|{cctld}|{_PUNYCODE})"
    extract_url = (
        f"(?P<before>{_URL_PRECEDING})"
        "(?P<url>"
        "(?P<protocol>https?://)?"
        f"(?P<domain>(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{top}))"
        "(?::[0-9]+)?"
        f"(?P<path>/{_PATH}*)?"
        f"(?:\\?{_QUERY_CHARS}*{_QUERY_END})?"
        ")"
    )
    return extract_url, f"(?:[\\-a-z0-9{_LATIN_ACCENTS}]+\\.)+{top}"


# The patterns with every top-level domain take tens of milliseconds to compile, too
# long for the first preview at start-up: until warm_up() has compiled them (the window
# calls it once it is painted), a text is matched by the patterns built with only the
# top-level domains that can occur in it (_tlds_in), a few milliseconds to compile.
@cache
def _full_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    extract_url, ascii_domain = _url_sources(None)
    return re.compile(extract_url, re.IGNORECASE), re.compile(ascii_domain, re.IGNORECASE)


@lru_cache(maxsize=64)
def _patterns_for(tlds: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    extract_url, ascii_domain = _url_sources(tlds)
    return re.compile(extract_url, re.IGNORECASE), re.compile(ascii_domain, re.IGNORECASE)


def warm_up() -> None:
    """Compile what start-up left for later (the window calls this once it is painted): the
    URL patterns with every top-level domain, so no later text needs its own, the hashtag
    pattern of non-ASCII words (loading `regex`) and the whole emoji grammar, so the first
    such text typed does not wait for them."""
    _full_patterns()
    _unicode_hashtag_patterns()
    emoji_grammar()


# A batch of texts with many different domains (the command line, a plan import) stops
# compiling small patterns after this many and compiles the full ones once.
SMALL_PATTERN_COMPILES = 8


# The top-level domains of the whole text _urls is scanning: its lines share one small
# pattern (a line's own domains are a subset, and a pattern with more of them finds the
# same URLs, see _url_sources), so a post whose lines name different domains compiles one
# pattern, not one per line (~4 ms each, at start-up). Only a hint: a line whose domains
# it lacks (another thread's text) gets the pattern of its own.
_text_tlds: frozenset[str] = frozenset()


# A top-level domain is tried only right after a dot; a punycode one starts "xn--" (the
# patterns' own literal, case-folded the same way: _url_sources).
_PUNYCODE_AFTER_DOT = re.compile(r"\.xn--", re.IGNORECASE)


def _can_hold_no_url(text: str, tlds: frozenset[str]) -> bool:
    """Whether no dot in *text* is followed by a top-level domain (*tlds*, from _tlds_in)
    or by punycode: then the part every URL match needs, the domain's end, matches nowhere.
    The first previews at start-up are mostly texts like that ("pukul 08.00.")."""
    return not tlds and not _PUNYCODE_AFTER_DOT.search(text)


def _url_patterns(text: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The patterns to find *text*'s URLs with; None when it can hold none (no compile)."""
    if _full_patterns.cache_info().currsize or _patterns_for.cache_info().misses >= SMALL_PATTERN_COMPILES:
        return _full_patterns()
    tlds, shared = _tlds_in(text), _text_tlds
    if _can_hold_no_url(text, tlds):
        return None
    return _patterns_for(shared if tlds <= shared else tlds)


@cache
def _sorted_tlds() -> tuple[str, ...]:
    """Every top-level domain, sorted: the ones that start with a prefix are one slice of
    it (bisect), which serves as a trie without building one (that took ~2 ms at start-up)."""
    from composer.core.text.tlds import COUNTRY_TLDS, GENERIC_TLDS  # once a letter follows a dot

    return tuple(sorted(GENERIC_TLDS | COUNTRY_TLDS))


@lru_cache(maxsize=4096)
def _same_letter(ch: str, tld_char: str) -> bool:
    # The regex engine's own case-insensitive test: it pairs letters str.lower() does not
    # (U+0130 and U+0131 with "i", U+017F with "s", U+212A with "k").
    return re.fullmatch(re.escape(tld_char), ch, re.IGNORECASE) is not None


@lru_cache(maxsize=1024)
def _tlds_in(text: str) -> frozenset[str]:
    """Every top-level domain spelled (case-insensitively) right after a dot in *text*:
    the patterns try one only there. Top-level domains are lower-case, ASCII ones a-z,
    and no non-ASCII one contains a letter that matches an ASCII one (a test checks)."""
    found: set[str] = set()
    dot = text.find(".")
    while dot != -1:
        after = text[dot + 1 : dot + 2]
        if after.isascii() and not after.isalpha():  # a time, an amount, a sentence's end
            dot = text.find(".", dot + 1)
            continue
        tlds = _sorted_tlds()
        paths = [("", dot + 1)]  # (a prefix of some top-level domain spelled so far, next index)
        while paths:
            prefix, index = paths.pop()
            first = bisect_left(tlds, prefix)  # the top-level domains starting with prefix
            if prefix and tlds[first] == prefix:
                found.add(prefix)
            if index == len(text):
                continue
            ch = text[index]
            if ch.isascii():
                longer = prefix + ch.lower()
                at = bisect_left(tlds, longer, first)
                if at < len(tlds) and tlds[at].startswith(longer):
                    paths.append((longer, index + 1))
            else:
                last = bisect_left(tlds, prefix + "\U0010ffff", first)
                nexts = {tld[len(prefix)] for tld in tlds[first:last] if len(tld) > len(prefix)}
                paths.extend((prefix + key, index + 1) for key in nexts if _same_letter(ch, key))
        dot = text.find(".", dot + 1)
    return frozenset(found)


# The patterns for what the first previews at start-up seldom hold (a found link, an
# @mention, a $cashtag) are compiled when a text first needs them, not on import.
@cache
def _tco_url() -> re.Pattern[str]:
    return re.compile(f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHARS}*{_QUERY_END})?", re.IGNORECASE)


_NO_PROTOCOL_BAD_PRECEDING = re.compile(r"[-_./]$")

_HASHTAG_ALPHA = r"[\p{L}\p{M}]"
_HASHTAG_ALNUM = (
    r"[\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c"
    r"\u30a0\u30fb\u3003\u0f0b\u0f0c\xb7]"
)
_HASHTAG_SOURCE = (
    r"(?P<before>^|\uFE0E|\uFE0F|$|(?!{alnum}|&)(?s:.))"
    r"[#\uFF03](?!\uFE0F|\u20E3)"
    r"(?P<tag>{alnum}*{alpha}{alnum}*)"
)
_HASHTAG_END = r"[#\uFF03]|://"  # used as .match(text, pos)


@cache
def _unicode_hashtag_patterns() -> tuple[Any, Any]:
    """The hashtag with Unicode's letters, marks and digits (the `regex` module's property
    classes; ``re`` has none). Loaded for the first word that has a non-ASCII character and
    a hash sign: `regex` alone takes ~12 ms to import, which start-up need not pay."""
    import regex

    source = _HASHTAG_SOURCE.format(alnum=_HASHTAG_ALNUM, alpha=_HASHTAG_ALPHA)
    return regex.compile(source, regex.IGNORECASE | regex.V0), regex.compile(_HASHTAG_END)


@cache
def _ascii_hashtag_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The same hashtag for an all-ASCII text, with ``re``: there the classes above are
    exactly these (no ASCII character folds to a letter outside them: a test checks)."""
    source = _HASHTAG_SOURCE.format(alnum="[A-Za-z0-9_]", alpha="[A-Za-z]")
    return re.compile(source), re.compile(_HASHTAG_END)


@cache
def _mention_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The mention, and what may not follow one (used as ``.match(text, end)``)."""
    mention = re.compile(
        r"(?P<before>^|[^a-zA-Z0-9_!#$%&*@\uff20]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
        r"[@\uff20](?P<name>[a-zA-Z0-9_]{1,20})(?P<slug>/[a-zA-Z][a-zA-Z0-9_\-]{0,24})?"
    )
    return mention, re.compile(f"[@\uff20]|[{_LATIN_ACCENTS}]|://")


@cache
def _cashtag() -> re.Pattern[str]:
    return re.compile(
        f"(?P<before>^|[{_SPACES}])\\$(?P<tag>[a-z]{{1,6}}(?:[._][a-z]{{1,2}})?)(?=$|[{_JS_WHITESPACE}]|[{_PUNCT}])",
        re.IGNORECASE,
    )


def _utf16_len(text: str) -> int:
    # Every astral character is two UTF-16 units (counted in C; the UTF-16 codec would
    # be one more module to load at start-up).
    return len(text) + len(_ASTRAL.findall(text))


def _domain_is_valid(domain: str, ascii_domains: re.Pattern[str]) -> bool:
    """The library's light IDNA check: every label fits DNS once punycode-encoded."""
    if domain.lower().startswith("xn--") and not ascii_domains.search(domain):
        return False  # a punycode domain cannot contain non-ASCII characters
    for label in domain.split("."):
        if label.isascii():
            encoded_length = len(label)
        else:
            try:
                encoded_length = 4 + len(label.encode("punycode", "surrogatepass"))
            except UnicodeError:
                return False
        if not 1 <= encoded_length <= MAX_DOMAIN_LABEL_LENGTH:
            return False
    return True


def extract_urls(text: str) -> list[Entity]:
    """Every URL X would link, with or without ``http(s)://``."""
    return list(_urls(text))


def _by_line(text: str, scan: Callable[[str], tuple[Entity, ...]]) -> tuple[Entity, ...]:
    """*scan* applied piece by piece (composer.core.text.chunks), offsets made absolute.

    Pieces are cached by *scan*, so a keystroke rescans only the sentence it changed."""
    return tuple(scan_by_piece(text, scan, _start, _shifted))


def _start(entity: Entity) -> int:
    return entity.start


def _shifted(entity: Entity, shift: int) -> Entity:
    """*entity* found in a piece, at its place in the whole text."""
    return Entity(entity.kind, entity.start + shift, entity.end + shift, entity.value)


@lru_cache(maxsize=32)
def _urls(text: str) -> tuple[Entity, ...]:
    # Cached: every platform's rules ask about the same text on each keystroke.
    global _text_tlds
    if "." not in text:
        return ()
    # Piece by piece, each cached: a keystroke reads the one piece it changed. A domain
    # never spans a cut (whitespace), so the union is what the whole text holds.
    _text_tlds = frozenset().union(*(_tlds_in(piece) for _at, piece, _start, _end in pieces(text)))
    return _by_line(text, _urls_in_line)


@lru_cache(maxsize=1024)
def _urls_in_line(text: str) -> tuple[Entity, ...]:
    patterns = _url_patterns(text) if "." in text else None
    return _find_urls(text, *patterns) if patterns else ()


def _find_urls(text: str, extract_url: re.Pattern[str], ascii_domains: re.Pattern[str]) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for m in extract_url.finditer(text):
        url, protocol, domain, path = m["url"], m["protocol"], m["domain"], m["path"]
        start, end = m.start("url"), m.end("url")
        checked_domain = domain
        before = m["before"]
        if before and ord(before) > 0xFFFF:
            # The official library matches UTF-16 units: an astral "preceding character"
            # leaves its low surrogate at the start of the domain, which its IDNA check sees.
            checked_domain = chr(0xDC00 + ((ord(before) - 0x10000) & 0x3FF)) + domain
        if len(protocol or "https://") + _utf16_len(url) > MAX_URL_LENGTH or not _domain_is_valid(
            checked_domain, ascii_domains
        ):
            continue
        if protocol:
            tco = _tco_url().match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
                end = start + len(url)
            found.append(Entity("url", start, end, url))
            continue
        if _NO_PROTOCOL_BAD_PRECEDING.search(before):
            continue
        # Without a protocol only ASCII domains count; a path attaches to the last one.
        last: Entity | None = None
        search_from = 0
        for ascii_match in ascii_domains.finditer(domain):
            ascii_domain = ascii_match.group(0)
            at = domain.find(ascii_domain, search_from)
            search_from = at + len(ascii_domain)
            last = Entity("url", start + at, start + search_from, ascii_domain)
            found.append(last)
        if last is not None and path:
            found[-1] = Entity("url", last.start, end, url.replace(domain, last.value, 1))
    return tuple(found)


def extract_hashtags(text: str, *, check_url_overlap: bool = True) -> list[Entity]:
    """Hashtags X would link (at least one letter; not inside a URL)."""
    return list(_hashtags(text, check_url_overlap))


@lru_cache(maxsize=32)
def _hashtags(text: str, check_url_overlap: bool) -> tuple[Entity, ...]:
    if "#" not in text and "\uff03" not in text:
        return ()
    if check_url_overlap:  # one scan per text: the checked list filters the raw one
        tags = list(_hashtags(text, False))
        urls = extract_urls(text) if tags else []
        if urls:
            tags = [e for e in _remove_overlaps(tags + urls) if e.kind == "hashtag"]
        return tuple(tags)
    return _by_line(text, _hashtags_in_line)


@lru_cache(maxsize=1024)
def _hashtags_in_line(text: str) -> tuple[Entity, ...]:
    if "#" not in text and "\uff03" not in text:
        return ()
    if text.isascii():
        return _scan_hashtags(text, *_ascii_hashtag_patterns())
    # Word by word (a hashtag holds no space, and the pattern looks one character around
    # it: composer.core.text.chunks), so an emoji elsewhere in the line keeps the ASCII way.
    return tuple(scan_by_piece(text, _hashtags_in_word, _start, _shifted, cut_by=words))


@lru_cache(maxsize=1024)
def _hashtags_in_word(text: str) -> tuple[Entity, ...]:
    if "#" not in text and "\uff03" not in text:
        return ()
    patterns = _ascii_hashtag_patterns() if text.isascii() else _unicode_hashtag_patterns()
    return _scan_hashtags(text, *patterns)


def _scan_hashtags(text: str, hashtag: Any, hashtag_end: Any) -> tuple[Entity, ...]:
    tags = []
    for m in hashtag.finditer(text):
        if hashtag_end.match(text, m.end()):
            continue
        start = m.start() + len(m["before"])
        tags.append(Entity("hashtag", start, start + len(m["tag"]) + 1, m["tag"]))
    return tuple(tags)


def extract_mentions_or_lists(text: str) -> list[Entity]:
    """@mentions and @user/list references."""
    return list(_mentions(text))


@lru_cache(maxsize=32)
def _mentions(text: str) -> tuple[Entity, ...]:
    if "@" not in text and "\uff20" not in text:
        return ()
    return _by_line(text, _mentions_in_line)


@lru_cache(maxsize=1024)
def _mentions_in_line(text: str) -> tuple[Entity, ...]:
    if "@" not in text and "\uff20" not in text:
        return ()
    out: list[Entity] = []
    mention, mention_end = _mention_patterns()
    for m in mention.finditer(text):
        if mention_end.match(text, m.end()):
            continue
        slug = m["slug"] or ""
        start = m.start() + len(m["before"])
        kind = "list" if slug else "mention"
        out.append(Entity(kind, start, start + len(m["name"]) + len(slug) + 1, m["name"] + slug))
    return tuple(out)


def extract_cashtags(text: str) -> list[Entity]:
    """$CASHTAGS (X allows at most one per post since February 2026)."""
    if "$" not in text:
        return []
    out = []
    for m in _cashtag().finditer(text):
        start = m.start() + len(m["before"])
        out.append(Entity("cashtag", start, start + len(m["tag"]) + 1, m["tag"]))
    return out


def _remove_overlaps(entities: list[Entity]) -> list[Entity]:
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: e.start):
        if kept and kept[-1].end > entity.start:
            continue
        kept.append(entity)
    return kept


def extract_entities(text: str) -> list[Entity]:
    """All entities, overlaps resolved in favour of the earliest (extractEntitiesWithIndices)."""
    return list(_entities(text))


@lru_cache(maxsize=32)
def _entities(text: str) -> tuple[Entity, ...]:
    entities = (
        extract_urls(text)
        + extract_hashtags(text, check_url_overlap=False)
        + extract_mentions_or_lists(text)
        + extract_cashtags(text)
    )
    return tuple(_remove_overlaps(entities)) if entities else ()


def _char_weight(code_point: int) -> int:
    for first, last, weight in WEIGHT_RANGES:
        if first <= code_point <= last:
            return weight
    return DEFAULT_WEIGHT


# Characters outside the light ranges: few in most posts, so counting them is one quick
# scan of a single character class (an alternation of ranges is several times slower).
_HEAVY_CHARS = re.compile(
    "[^" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b, w in WEIGHT_RANGES if w == SCALE) + "]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_INVALID_CHAR = re.compile(f"[{_INVALID}]")


def _plain_weight(text: str, start: int, end: int) -> int:
    heavy = len(_HEAVY_CHARS.findall(text, start, end))
    light = end - start - heavy
    return light * SCALE + (end - start - light) * DEFAULT_WEIGHT


def _steps(text: str, entities: list[tuple[int, int, int]]) -> list[tuple[int, int, int | None]]:
    """The text cut into entity steps (start, end, weight) and plain runs (weight None),
    walked the way the official loop walks it: an entity starting inside a URL is skipped."""
    steps: list[tuple[int, int, int | None]] = []
    pos = 0
    for start, end, weight in entities:
        if start < pos:
            continue
        if start > pos:
            steps.append((pos, start, None))
        steps.append((start, end, weight))
        pos = end
    if pos < len(text):
        steps.append((pos, len(text), None))
    return steps


@lru_cache(maxsize=64)
def parse_tweet(text: str, *, emoji_parsing: bool = True) -> TweetParse:
    """Count *text* as X does; ``emoji_parsing=False`` gives the older v2 behaviour.

    Equivalent to the official character-by-character loop, but plain runs are weighed
    with one regex pass each, so a 2,000-character post costs well under a millisecond.
    """
    normalized = unicodedata.normalize("NFC", text)
    entities = [(e.start, e.end, TRANSFORMED_URL_LENGTH * SCALE) for e in _urls(normalized)]
    if emoji_parsing:
        entities += [(a, b, DEFAULT_WEIGHT) for a, b in emoji_spans(normalized)]
    entities.sort(key=lambda e: (e[0], -e[2]))  # a URL wins over an emoji at the same index
    astral = [m.start() for m in _ASTRAL.finditer(normalized)]

    def utf16_at(index: int) -> int:
        return index + bisect_left(astral, index)

    invalid = _INVALID_CHAR.search(normalized)
    # The official loop stops moving the valid range at the first invalid character.
    stop = invalid.start() if invalid else len(normalized)
    limit = MAX_WEIGHTED_LENGTH * SCALE
    weighted = 0
    valid_display = 0
    settled = False  # the valid range can no longer grow
    for start, end, weight in _steps(normalized, entities):
        if weight is not None:
            weighted += weight
            if not settled:
                if start >= stop or weighted > limit:
                    settled = True
                else:
                    valid_display = utf16_at(end) - 1
            continue
        run_weight = _plain_weight(normalized, start, end)
        if not settled:
            usable_end = min(end, stop)
            usable = run_weight if usable_end == end else _plain_weight(normalized, start, usable_end)
            if start < usable_end and weighted + usable <= limit:
                valid_display = utf16_at(usable_end) - 1
            elif start < usable_end:  # the limit falls inside this run: find the last character
                running = weighted
                for index in range(start, usable_end):
                    running += _char_weight(ord(normalized[index]))
                    if running > limit:
                        break
                    valid_display = utf16_at(index + 1) - 1
                settled = True
            if usable_end < end:
                settled = True
        weighted += run_weight
    length = weighted // SCALE
    original_u16 = _utf16_len(text)
    return TweetParse(
        weighted_length=length,
        valid=invalid is None and 0 < length <= MAX_WEIGHTED_LENGTH,
        permillage=length * 1000 // MAX_WEIGHTED_LENGTH,
        valid_range_end=valid_display + original_u16 - utf16_at(len(normalized)),
        display_range_end=max(original_u16 - 1, 0),
    )


def utf16_to_code_point_index(text: str, utf16_index: int) -> int:
    """The code-point offset in *text* of UTF-16 offset *utf16_index* (clamped)."""
    units = 0
    for index, ch in enumerate(text):
        if units >= utf16_index:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
