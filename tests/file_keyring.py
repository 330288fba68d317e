"""A keyring backend in a JSON file, for tests that run Siar in a child process (the
in-memory one cannot cross a process boundary). Never used by Siar itself."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: str | None = None) -> None:
        super().__init__()
        # keyring instantiates every backend class it can find, without arguments.
        self.path = Path(path or os.environ.get("SIAR_TEST_KEYRING") or os.devnull)

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\t{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        values = self._load()
        values[f"{service}\t{username}"] = password
        self.path.write_text(json.dumps(values))

    def delete_password(self, service: str, username: str) -> None:
        values = self._load()
        if f"{service}\t{username}" not in values:
            raise PasswordDeleteError(username)
        del values[f"{service}\t{username}"]
        self.path.write_text(json.dumps(values))
