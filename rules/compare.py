"""Comparisons of measured values against thresholds, tolerant of float noise.

Hours and scores arrive as floats (2.2 + 1.1 is 3.3000000000000003; a Notion percent 0.71 times
100 is 71.00000000000001), so "below the target" must not hinge on the last bit. Differences
under a billionth count as equal.
"""

from __future__ import annotations

TOLERANCE = 1e-9


def below(value: float, limit: float) -> bool:
    """Strictly below `limit`: 3.992 is below 4, 4.0000000000000001 is not."""
    return value < limit - TOLERANCE


def above(value: float, limit: float) -> bool:
    """Strictly above `limit`."""
    return value > limit + TOLERANCE


def within(value: float, low: float, high: float) -> bool:
    """Inside the band [low, high], both ends included."""
    return not below(value, low) and not above(value, high)
