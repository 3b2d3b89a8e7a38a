"""The summary view: what a manager reads on a record at a glance.

- Weeks completed: the due weeks since the study start.
- Hours last week: the hours of the last due week.
- Hours vs plan: cumulative hours minus the weekly target times the due weeks, negative when behind.
- Latest score: the latest practice score of the due weeks.
- Score trend: the last five practice scores (`trend_scores`) with a sparkline, "60 → 68 → 74 ▁▅█".
- Projected ready: when the plan's hours are reached at the recent pace (see projection).

A certified enrollment's summary stops at its exam: the weeks after it are not study weeks.
Hours are rounded to a hundredth, so float noise never shows (or makes a write).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from . import reasons as fmt
from .history import History, history_of
from .model import CheckIn, Enrollment, Summary
from .policy import Policy
from .projection import projection_of
from .sparkline import sparkline


def summary(enrollment: Enrollment, check_ins: Iterable[CheckIn], today: date, policy: Policy) -> Summary:
    """The summary of one enrollment as of `today`."""
    return summary_of(history_of(enrollment, check_ins, summary_day(enrollment, today), policy), policy)


def summary_day(enrollment: Enrollment, today: date) -> date:
    """The day a summary is taken as of: today, or for a certified enrollment the day after its exam
    when that is earlier."""
    exam = enrollment.exam_date
    if enrollment.certified and exam is not None:
        return min(today, exam + timedelta(days=1))
    return today


def summary_of(history: History, policy: Policy) -> Summary:
    if not history.due_weeks:
        return Summary()
    target, scores = history.target, history.scores
    projection = projection_of(history, policy)
    return Summary(
        weeks_completed=history.due_weeks,
        hours_last_week=_hours(history.hours[-1]),
        hours_vs_plan=_hours(math.fsum(history.hours) - target * history.due_weeks) if target else None,
        latest_score=scores[-1][1] if scores else None,
        score_trend=score_trend([score for _, score in scores[-policy.trend_scores:]]),
        projected_ready=projection.ready if projection else None,
    )


def score_trend(scores: list[float]) -> str | None:
    """"60 → 68 → 74 ▁▅█"; one score alone, without a sparkline; None without scores."""
    if not scores:
        return None
    values = " → ".join(fmt.number(score) for score in scores)
    return values if len(scores) == 1 else f"{values} {sparkline(scores)}"


def _hours(value: float) -> float:
    return round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
