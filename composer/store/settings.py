"""Preferences: typed values with defaults in code, persisted in the settings table."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from composer.store.db import transaction

if TYPE_CHECKING:  # the brand kit is read by the infographic editor, not at start-up
    from composer.design.brand import BrandKit


@dataclass
class Preferences:
    language: str = "auto"  # "auto" (not chosen: Bahasa Indonesia), "id" or "en"
    theme: str = "system"  # "system", "light" or "dark"
    last_draft: str = ""
    office_name: str = "Kantor Imigrasi"
    first_run_done: str = ""  # "1" once the welcome dialog was finished or skipped


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

    def get(self, key: str, default: str = "") -> str:
        with self._lock:
            row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def put(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def load_brand(self) -> BrandKit:
        from composer.design.brand import BrandKit

        raw = self.get(BRAND_KEY)
        if not raw:
            return BrandKit()
        try:
            return BrandKit.from_dict(json.loads(raw))
        except (ValueError, TypeError):
            return BrandKit()

    def save_brand(self, brand: BrandKit) -> None:
        self.put(BRAND_KEY, json.dumps(brand.to_dict(), ensure_ascii=False))

    def save(self, prefs: Preferences) -> None:
        """Every preference in one transaction: a crash keeps the old set or the new one."""
        with transaction(self._db, self._lock):
            for f in fields(prefs):
                self._db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (f.name, str(getattr(prefs, f.name))),
                )
