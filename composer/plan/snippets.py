"""Snippets (*Cuplikan*), hashtag sets (*Set tagar*) and per-platform signatures, kept in
the workspace settings as JSON, one key each.

- a snippet is saved text the palette inserts: opening hours, complaint channels…
- a hashtag set is a named list of hashtags (#ImigrasiMelayani, a campaign's); the plan
  import accepts a set's name in its ``tagar`` column
- a signature is appended to what one platform receives (Post.signed_text_for), so the
  previews count it; each post can switch it off
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from composer import platforms

if TYPE_CHECKING:
    from composer.core.post import Post
    from composer.store.metrics import MetricsStore
    from composer.store.outbox import OutboxStore
    from composer.store.settings import SettingsStore

SNIPPETS_KEY = "snippets"
HASHTAG_SETS_KEY = "hashtag_sets"
SIGNATURES_KEY = "signatures"
MAX_NAME = 60
MAX_TEXT = 5_000
# A hashtag: "#" then letters, digits or "_" (what the platforms link; PLATFORMS.md).
_HASHTAG = re.compile(r"#\w+")


class SnippetError(ValueError):
    """Bad input for a snippet, set or signature: ``code`` and ``params`` for the message."""

    def __init__(self, code: str, params: dict[str, str | int] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


@dataclass(frozen=True)
class PaletteItem:
    kind: str  # "snippet", "hashtags" or "suggestion" (a hashtag from the office's history)
    name: str
    text: str  # what is inserted
    note: str = ""  # shown after the kind, e.g. a suggestion's interactions


class Library:
    def __init__(self, settings: SettingsStore) -> None:
        self._settings = settings

    # --- reading -------------------------------------------------------------------------
    def _load(self, key: str) -> dict[str, object]:
        try:
            raw = json.loads(self._settings.get(key) or "{}")
        except ValueError:
            return {}  # a damaged value reads as empty; the next save replaces it
        return raw if isinstance(raw, dict) else {}

    def snippets(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in sorted(self._load(SNIPPETS_KEY).items(), key=_by_name)}

    def hashtag_sets(self) -> dict[str, list[str]]:
        return {
            str(k): [str(t) for t in v]
            for k, v in sorted(self._load(HASHTAG_SETS_KEY).items(), key=_by_name)
            if isinstance(v, list)
        }

    def signatures(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._load(SIGNATURES_KEY).items() if k in platforms.BY_ID}

    def palette(self) -> list[PaletteItem]:
        items = [PaletteItem("snippet", name, text) for name, text in self.snippets().items()]
        items += [PaletteItem("hashtags", name, " ".join(tags)) for name, tags in self.hashtag_sets().items()]
        return items

    # --- writing -------------------------------------------------------------------------
    def add_snippet(self, name: str, text: str) -> None:
        name, text = _name(name), _text(text)
        values = self.snippets()
        values[name] = text
        self._settings.put(SNIPPETS_KEY, json.dumps(values, ensure_ascii=False))

    def add_hashtag_set(self, name: str, text: str) -> list[str]:
        name = _name(name)
        tags = parse_hashtags(text)
        values = self.hashtag_sets()
        values[name] = tags
        self._settings.put(HASHTAG_SETS_KEY, json.dumps(values, ensure_ascii=False))
        return tags

    def set_signature(self, platform_id: str, text: str) -> None:
        if platform_id not in platforms.BY_ID:
            raise SnippetError(
                "snippet.unknown_platform", {"value": platform_id, "known": ", ".join(platforms.ids())}
            )
        values = self.signatures()
        if text.strip():
            values[platform_id] = _text(text)
        else:
            values.pop(platform_id, None)
        self._settings.put(SIGNATURES_KEY, json.dumps(values, ensure_ascii=False))

    def remove(self, kind: str, name: str) -> None:
        key = {"snippet": SNIPPETS_KEY, "hashtags": HASHTAG_SETS_KEY, "signature": SIGNATURES_KEY}[kind]
        values = self._load(key)
        found = next((k for k in values if k.casefold() == name.strip().casefold()), None)
        if found is None:
            raise SnippetError("snippet.not_found", {"name": name})
        del values[found]
        self._settings.put(key, json.dumps(values, ensure_ascii=False))

    def sign(self, post: Post) -> bool:
        """Copy the current signatures into *post*; True when they changed."""
        current = self.signatures()
        if post.signatures == current:
            return False
        post.signatures = current
        return True


@dataclass(frozen=True)
class HashtagSuggestion:
    tag: str  # as the office last wrote it
    uses: int  # published posts (one per account) that carried it
    measured: int  # of those, the ones with a +24 h metrics snapshot
    interactions: float | None  # their mean +24 h interactions; None = none measured yet


def ranked_hashtags(
    outbox: OutboxStore, metrics: MetricsStore | None = None, *, limit: int = 8, recent: int = 500
) -> list[HashtagSuggestion]:
    """The hashtags of the office's last *recent* published posts, best first.

    Where metric snapshots exist (issue 15), a tag ranks by the mean interactions its posts
    got in their first 24 hours: the figure the ministry's *terpopuler* ranking counts, and
    the one mark every post reaches at the same age, so old and new posts compare fairly.
    A mean, not a sum: a tag used on every post would otherwise win by use alone. Ties, and
    the tags none of whose posts has been measured yet (too new, or a platform without
    statistics), go by use, the most recent first; measured tags come first."""
    uses: dict[str, int] = {}
    spelling: dict[str, str] = {}
    tagged: list[tuple[str, list[str]]] = []
    for entry in outbox.history(limit=recent):  # newest first
        keys = []
        for tag in dict.fromkeys(_HASHTAG.findall(entry.text)):
            key = tag.casefold()
            uses[key] = uses.get(key, 0) + 1
            spelling.setdefault(key, tag)
            keys.append(key)
        if keys:
            tagged.append((entry.id, keys))
    measured: dict[str, int] = {}
    total: dict[str, int] = {}
    if metrics is not None and tagged:
        from composer.store.metrics import at_mark

        snapshots = metrics.for_entries(entry_id for entry_id, _keys in tagged)
        for entry_id, keys in tagged:
            day = at_mark(snapshots.get(entry_id, []), "24h")
            if day is None or "interactions" not in day.metrics:
                continue
            for key in keys:
                measured[key] = measured.get(key, 0) + 1
                total[key] = total.get(key, 0) + day.metrics["interactions"]
    order = {key: index for index, key in enumerate(spelling)}

    def rank(key: str) -> tuple[int, float, int, int]:
        mean = total[key] / measured[key] if key in measured else 0.0
        return (0 if key in measured else 1, -mean, -uses[key], order[key])

    return [
        HashtagSuggestion(
            spelling[k],
            uses[k],
            measured.get(k, 0),
            total[k] / measured[k] if k in measured else None,
        )
        for k in sorted(uses, key=rank)[:limit]
    ]


def suggested_hashtags(
    outbox: OutboxStore, metrics: MetricsStore | None = None, *, limit: int = 8, recent: int = 500
) -> list[str]:
    """The tags of ``ranked_hashtags``, best first."""
    return [s.tag for s in ranked_hashtags(outbox, metrics, limit=limit, recent=recent)]


def parse_hashtags(text: str) -> list[str]:
    tokens = text.replace(",", " ").split()
    if not tokens:
        raise SnippetError("snippet.empty")
    bad = [t for t in tokens if not _HASHTAG.fullmatch(t)]
    if bad:
        raise SnippetError("snippet.bad_hashtag", {"value": bad[0]})
    return list(dict.fromkeys(tokens))


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SnippetError("snippet.no_name")
    if len(name) > MAX_NAME:
        raise SnippetError("snippet.name_too_long", {"limit": MAX_NAME})
    return name


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise SnippetError("snippet.empty")
    if len(text) > MAX_TEXT:
        raise SnippetError("snippet.too_long", {"length": len(text), "limit": MAX_TEXT})
    return text


def _by_name(item: tuple[str, object]) -> str:
    return item[0].casefold()
