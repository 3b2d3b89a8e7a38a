"""The low-confidence rule. A week's confidence is that of its latest check-in that reports one."""

from __future__ import annotations

from . import reasons as fmt
from .history import History
from .policy import Policy


def low_confidence(history: History, policy: Policy) -> str | None:
    """After four or more due weeks, the last three confidence values are all 1 or 2."""
    if history.due_weeks < policy.low_confidence_min_weeks:
        return None
    recent = history.last_confidences(policy.low_confidence_values)
    if not recent or not all(week.value <= policy.low_confidence_max for week in recent):
        return None
    values = fmt.join([str(week.value) for week in recent])
    return (
        f"Confidence {values} (of 5) in {fmt.in_weeks(w.monday for w in recent)}, "
        f"all at or below {policy.low_confidence_max}, after {history.due_weeks} due weeks."
    )
