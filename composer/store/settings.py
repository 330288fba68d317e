"""Preferences: typed values with defaults in code, persisted in the settings table."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, fields


@dataclass
class Preferences:
    language: str = "auto"  # "auto" (follow the system), "id" or "en"
    theme: str = "system"  # "system", "light" or "dark"
    last_draft: str = ""
    office_name: str = "Kantor Imigrasi"


class SettingsStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def load(self) -> Preferences:
        with self._lock:
            rows = dict(self._db.execute("SELECT key, value FROM settings").fetchall())
        prefs = Preferences()
        for f in fields(prefs):
            if f.name in rows:
                setattr(prefs, f.name, str(rows[f.name]))
        return prefs

    def save(self, prefs: Preferences) -> None:
        with self._lock, self._db:
            for f in fields(prefs):
                self._db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (f.name, str(getattr(prefs, f.name))),
                )
