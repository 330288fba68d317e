"""Accounts' public settings in the workspace. Secrets are never here (see accounts/secrets)."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from typing import Any


class DuplicateAccountName(ValueError):
    code = "accounts.duplicate_name"


class AccountRows:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def all(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT data FROM accounts ORDER BY platform, name").fetchall()
        return [json.loads(row["data"]) for row in rows]

    def save(self, data: dict[str, Any]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            try:
                self._db.execute(
                    """INSERT INTO accounts (id, platform, name, data, updated_at) VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT(id) DO UPDATE SET platform=excluded.platform, name=excluded.name,
                       data=excluded.data, updated_at=excluded.updated_at""",
                    (data["id"], data["platform"], data["name"], json.dumps(data, ensure_ascii=False), now),
                )
            except sqlite3.IntegrityError as exc:
                raise DuplicateAccountName(data["name"]) from exc

    def delete(self, account_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM accounts WHERE id = ?", (account_id,))
