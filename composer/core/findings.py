"""Findings: what a platform's rules say about a post, as codes with parameters.

Core never produces sentences; ``composer.i18n.describe`` turns a finding into a message
in the UI language, so the CLI and the window say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the platform would refuse the post: blocks posting
    WARNING = "warning"  # legal but unwise: the officer confirms
    INFO = "info"  # worth knowing, nothing to do


@dataclass(frozen=True)
class Finding:
    """One thing a platform's rules say about a post."""

    code: str
    severity: Severity
    params: dict[str, str | int | float] = field(default_factory=dict, compare=False, hash=False)
    # What the finding is about: "text", "title", "tags" or "media". `siar check` of a bare
    # caption reports only what the caption can fix.
    about: str = "text"

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "about": self.about,
            "params": dict(self.params),
        }


def error(code: str, about: str = "text", **params: str | int | float) -> Finding:
    return Finding(code, Severity.ERROR, params, about)


def warning(code: str, about: str = "text", **params: str | int | float) -> Finding:
    return Finding(code, Severity.WARNING, params, about)


def info(code: str, about: str = "text", **params: str | int | float) -> Finding:
    return Finding(code, Severity.INFO, params, about)
