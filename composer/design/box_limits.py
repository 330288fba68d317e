"""How far a layer's box may reach, and clamping a number into a range: shared by the
bounds check (``bounds.py``, which refuses a design past them) and the reflow
(``layout.py``, which clips a box in memory to them)."""

from __future__ import annotations

import math

BOX_OFFSET = 3.0  # |x|, |y| in canvas widths/heights: a layer may sit off the canvas
BOX_SIZE = 3.0  # w, h in canvas widths/heights: bleed beyond the edges, not more


def clamp(value: float, low: float, high: float, default: float = 0.0) -> float:
    """*value* within [low, high]; *default* for NaN or infinity."""
    return min(max(value, low), high) if math.isfinite(value) else default
