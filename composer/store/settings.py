"""Preferences: typed values with defaults in code, persisted in the settings table."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, fields

from composer.design.brand import BrandKit


@dataclass
class Preferences:
    language: str = "auto"  # "auto" (follow the system), "id" or "en"
    theme: str = "system"  # "system", "light" or "dark"
    last_draft: str = ""
    office_name: str = "Kantor Imigrasi"


BRAND_KEY = "brand"


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

    def load_brand(self) -> BrandKit:
        with self._lock:
            row = self._db.execute("SELECT value FROM settings WHERE key = ?", (BRAND_KEY,)).fetchone()
        if row is None:
            return BrandKit()
        try:
            return BrandKit.from_dict(json.loads(row[0]))
        except (ValueError, TypeError):
            return BrandKit()

    def save_brand(self, brand: BrandKit) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (BRAND_KEY, json.dumps(brand.to_dict(), ensure_ascii=False)),
            )

    def save(self, prefs: Preferences) -> None:
        with self._lock, self._db:
            for f in fields(prefs):
                self._db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (f.name, str(getattr(prefs, f.name))),
                )
