"""Full-text search over drafts and history with SQLite FTS5, and a fallback without it.

Both indexes are FTS5 "external content" tables: they hold only the index, the text
stays in ``drafts`` / ``history``, and triggers keep the index in step with every write
(https://sqlite.org/fts5.html#external_content_tables). A draft's body lives in its
JSON, so the drafts index reads it through a view. The tokenizer folds case and
diacritics (``unicode61 remove_diacritics 2``: "kafe" finds "Kafé", "sarjana" finds
"sarjána"), which suits Indonesian text and the names and loan words in it.

A query matches words that *start with* what was typed, every typed word in any order
("paspor lib" finds "Libur … paspor"). SQLite builds without FTS5 exist (the module is a
compile-time option); there the index is not created and search falls back to substring
LIKE over every row: correct, only slower. ``connect()`` creates a missing index later
when the SQLite in use has FTS5.
"""

from __future__ import annotations

import re
import sqlite3

TOKENIZE = "unicode61 remove_diacritics 2"
# Prefix indexes make "as you type" queries of 1-3 letters as cheap as whole words.
PREFIX = "1 2 3"

# A draft's searchable body: its master text, or nothing for a row that is not valid JSON
# (a damaged draft must never make a save fail inside a trigger).
_BODY = "CASE WHEN json_valid({0}.data) THEN coalesce(json_extract({0}.data, '$.text'), '') ELSE '' END"

_DRAFT_VALUES = "{0}.rowid, {0}.title, " + _BODY
_HISTORY_COLUMNS = ("text", "title", "account_name", "platform", "permalink")


def _history_values(row: str) -> str:
    return ", ".join([f"{row}.rowid"] + [f"{row}.{c}" for c in _HISTORY_COLUMNS])


def _statements() -> list[str]:
    # Migration v5 runs these: changing them later needs a new migration, not an edit.
    history_columns = ", ".join(_HISTORY_COLUMNS)
    return [
        f"""CREATE VIEW drafts_search_source AS
            SELECT rowid AS rid, title, {_BODY.format("drafts")} AS body FROM drafts""",
        f"""CREATE VIRTUAL TABLE drafts_fts USING fts5(title, body,
            content='drafts_search_source', content_rowid='rid', tokenize='{TOKENIZE}', prefix='{PREFIX}')""",
        f"""CREATE TRIGGER drafts_fts_insert AFTER INSERT ON drafts BEGIN
              INSERT INTO drafts_fts(rowid, title, body) VALUES ({_DRAFT_VALUES.format("new")});
            END""",
        f"""CREATE TRIGGER drafts_fts_delete AFTER DELETE ON drafts BEGIN
              INSERT INTO drafts_fts(drafts_fts, rowid, title, body) VALUES ('delete', {_DRAFT_VALUES.format("old")});
            END""",
        f"""CREATE TRIGGER drafts_fts_update AFTER UPDATE OF title, data ON drafts BEGIN
              INSERT INTO drafts_fts(drafts_fts, rowid, title, body) VALUES ('delete', {_DRAFT_VALUES.format("old")});
              INSERT INTO drafts_fts(rowid, title, body) VALUES ({_DRAFT_VALUES.format("new")});
            END""",
        f"""CREATE VIRTUAL TABLE history_fts USING fts5({history_columns},
            content='history', tokenize='{TOKENIZE}', prefix='{PREFIX}')""",
        f"""CREATE TRIGGER history_fts_insert AFTER INSERT ON history BEGIN
              INSERT INTO history_fts(rowid, {history_columns}) VALUES ({_history_values("new")});
            END""",
        f"""CREATE TRIGGER history_fts_delete AFTER DELETE ON history BEGIN
              INSERT INTO history_fts(history_fts, rowid, {history_columns})
              VALUES ('delete', {_history_values("old")});
            END""",
        f"""CREATE TRIGGER history_fts_update AFTER UPDATE OF {history_columns} ON history BEGIN
              INSERT INTO history_fts(history_fts, rowid, {history_columns})
              VALUES ('delete', {_history_values("old")});
              INSERT INTO history_fts(rowid, {history_columns}) VALUES ({_history_values("new")});
            END""",
        # Index what is already there.
        "INSERT INTO drafts_fts(drafts_fts) VALUES ('rebuild')",
        "INSERT INTO history_fts(history_fts) VALUES ('rebuild')",
    ]


def fts5_available() -> bool:
    """Whether this SQLite has the FTS5 module (tried on a throwaway in-memory table)."""
    try:
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        finally:
            probe.close()
    except sqlite3.OperationalError:
        return False
    return True


def has_search_index(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts_fts'").fetchone()
    return row is not None


def create_search_index(db: sqlite3.Connection) -> bool:
    """Create and fill both indexes inside the caller's transaction; False without FTS5."""
    if has_search_index(db) or not fts5_available():
        return False
    for statement in _statements():
        db.execute(statement)
    return True


def match_expression(text: str) -> str | None:
    """The FTS5 query for what the officer typed: every word as a quoted prefix.

    Quoting keeps FTS5's own syntax (AND, NEAR, ``-``, ``:``) out of the officer's way; a
    quoted word with punctuation inside ("e-KTP") is a phrase of its parts, as indexed.
    None when nothing in *text* can match a word (only spaces, punctuation or emoji).
    """
    words = [w for w in text.split() if re.search(r"[^\W_]", w)]
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)


def like_patterns(text: str) -> list[str]:
    """The fallback's LIKE patterns: one substring per typed word (``%`` and ``_`` escaped)."""
    escaped = (w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in text.split())
    return [f"%{w}%" for w in escaped]


def drafts_filter(db: sqlite3.Connection, search: str) -> tuple[str, tuple[str, ...]]:
    """A WHERE condition on ``drafts d`` for *search* (always true when it is blank).

    The unary ``+`` keeps SQLite walking the list's own index, newest first, and checking
    each row against the set of matches until the page is full. Without it SQLite starts
    from the matches, and a word most drafts contain ("layanan") means fetching and
    sorting all of them for every keystroke (4 ms against 0.7 ms at 10,000 drafts).
    """
    if not search.strip():
        return "1", ()
    if has_search_index(db):
        expression = match_expression(search)
        if expression is None:
            return "0", ()
        return "+d.rowid IN (SELECT rowid FROM drafts_fts WHERE drafts_fts MATCH ?)", (expression,)
    return _like_all(("d.title", "d.data"), search)


def history_filter(db: sqlite3.Connection, search: str) -> tuple[str, tuple[str, ...]]:
    """A WHERE condition on ``history`` for *search* (always true when it is blank); the
    ``+`` walks the history_time index newest first, as in ``drafts_filter``."""
    if not search.strip():
        return "1", ()
    if has_search_index(db):
        expression = match_expression(search)
        if expression is None:
            return "0", ()
        return "+rowid IN (SELECT rowid FROM history_fts WHERE history_fts MATCH ?)", (expression,)
    return _like_all(_HISTORY_COLUMNS, search)


def _like_all(columns: tuple[str, ...], search: str) -> tuple[str, tuple[str, ...]]:
    # Without FTS5: every typed word somewhere in one of *columns* (reads every row).
    any_column = "(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")"
    patterns = like_patterns(search)
    return " AND ".join([any_column] * len(patterns)), tuple(p for p in patterns for _c in columns)
