"""The inbox's domain types for the window (which may not import composer.store):
comment statuses, the comment record, its store and the saved replies."""

from composer.store import saved_replies
from composer.store.comments import ANSWERED, HIDDEN, NEW, NO_REPLY, Comment, CommentStore
from composer.store.settings import SettingsStore

__all__ = [
    "ANSWERED",
    "HIDDEN",
    "NEW",
    "NO_REPLY",
    "Comment",
    "CommentStore",
    "SettingsStore",
    "saved_replies",
]
