"""Rules on the exam date: postponed-2x, postponed.

The exam date "moves later" when a pass sees a later date than the one it saw before; the first
date seen is the baseline and a date moved earlier is not a postponement (see ExamHistory).
"""

from __future__ import annotations

from . import reasons as fmt
from .history import History
from .policy import Policy


def postponed_2x(history: History, policy: Policy) -> str | None:
    """The exam date has moved later twice or more."""
    count = history.enrollment.exam_history.postponements
    return _moves(history, count) if count >= policy.postponements_red else None


def postponed(history: History, policy: Policy) -> str | None:
    """The exam date has moved later once (fewer times than postponed-2x needs, but some)."""
    count = history.enrollment.exam_history.postponements
    return _moves(history, count) if 0 < count < policy.postponements_red else None


def _moves(history: History, count: int) -> str:
    exam = history.enrollment.exam_history
    chain = " → ".join(fmt.day(d) for d in exam.dates_seen)
    moved = f"Exam date moved later {fmt.times(count)}"
    if not exam.postponements_before:
        return f"{moved}: {chain}."
    if len(exam.dates_seen) > 1:
        return f"{moved}: {exam.postponements_before} as counted in the tracker, then {chain}."
    current = exam.dates_seen[-1] if exam.dates_seen else history.enrollment.exam_date
    now = f"; the current date is {fmt.day(current)}" if current else ""
    return f"{moved} (as counted in the tracker){now}."
