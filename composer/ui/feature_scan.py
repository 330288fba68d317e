"""PySide6 reads the source of every module imported after it; Siar has it skip that.

PySide6's ``__feature__`` support (``from __feature__ import snake_case, true_property``)
hooks ``import``: each module imported after PySide6 gets a feature "select id", 0 when
its source file mentions "PySide6", else -1 ("ignore this module"). Finding out reads the
whole source file through ``inspect.getsource`` and keeps it in ``linecache``: about 150
modules before the first paint, some 15 ms of CPU (issue 17, start-up) and their text in
memory. Siar selects no feature anywhere, so both ids behave the same: no feature is
applied. A module that does write ``from __feature__ import ...`` still sets its own
id (``feature_import`` overrides the default), so nothing changes for one that would.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _ignore(module: ModuleType) -> bool:
    return False  # "does not use PySide6": select id -1, no feature switching for it


def skip_source_scan() -> bool:
    """Stop PySide6 from reading each new module's source; False where this PySide6 has
    no such scan (its internals changed): start-up is then only slower, never different."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _ignore  # type: ignore[attr-defined]
    return True
