"""What can be wrong with the workspace itself (damaged, read-only, full, busy, newer)
and the ways out (restore the latest backup, set the damaged file aside), for the window's
dialog and the command line's one-line message — which reach the store only through the
session package."""

from composer.store.backups import restore, set_aside
from composer.store.problems import BUSY, DAMAGED, FULL, NEWER, READ_ONLY, WorkspaceError, classify

__all__ = [
    "BUSY",
    "DAMAGED",
    "FULL",
    "NEWER",
    "READ_ONLY",
    "WorkspaceError",
    "classify",
    "restore",
    "set_aside",
]
