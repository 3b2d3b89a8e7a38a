"""A compact sparkline: one block character a value, from the lowest (▁) to the highest (█)."""

from __future__ import annotations

from collections.abc import Sequence

from .compare import above

BARS = "▁▂▃▄▅▆▇█"
LEVEL = BARS[3]  # values that do not differ sit mid-height


def sparkline(values: Sequence[float]) -> str:
    """The values scaled between their own lowest and highest: 60, 68, 74 -> "▁▅█"."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if not above(high, low):
        return LEVEL * len(values)
    scale = (len(BARS) - 1) / (high - low)
    return "".join([BARS[int((v - low) * scale + 0.5)] for v in values])  # rounded half up
