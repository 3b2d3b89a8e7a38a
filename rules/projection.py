"""Projected ready, and the rules on it: off-pace-far, off-pace.

The plan's total is the enrollment's planned hours, or else its weekly target times the weeks
from the study start to the exam date (days over 7). The pace is the hours a week over the last
`pace_weeks` due weeks (all of them while there are fewer). Hours count as of the deadline day of
the last due week; from there the rest of the plan takes its hours at that pace, to the whole day
(so that an engineer exactly on target is ready before the exam, whatever day they started). A
plan already reached was ready on the deadline day of the week that reached it.

No projection before two due weeks, for a certified enrollment, without an exam date, or without
a plan (no planned hours and no weekly target).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from . import reasons as fmt
from .compare import TOLERANCE, above, below
from .history import History, history_of
from .model import CheckIn, Enrollment
from .policy import Policy
from .weeks import deadline_of


class Projection(NamedTuple):
    planned: float  # the plan's total hours
    logged: float  # hours logged over every due week
    pace: float  # hours a week over the pace window
    window: int  # how many due weeks the pace is taken over
    exam: date
    ready: date | None  # when the plan's total is reached; None when it cannot be at this pace

    @property
    def late_by(self) -> int | None:
        """Days from the exam to the projected date, or None when the plan cannot be reached."""
        return None if self.ready is None else (self.ready - self.exam).days


def planned_hours(enrollment: Enrollment) -> float | None:
    """The plan's total hours: the planned hours, else the weekly target times the weeks to the exam."""
    if enrollment.planned_hours is not None:
        return enrollment.planned_hours
    start, exam, target = enrollment.study_start, enrollment.exam_date, enrollment.weekly_target_hours
    if start is None or exam is None or not target:
        return None
    return target * (exam - start).days / 7


def projection_of(history: History, policy: Policy) -> Projection | None:
    """When the plan's total is reached at the recent pace, with the numbers behind it.

    Derived once per history and policy: two rules and the summary read it.
    """
    derived = history.derived.get("projection")
    if derived is not None and derived[0] is policy:
        return derived[1]
    found = _projection(history, policy)
    history.derived["projection"] = (policy, found)
    return found


def _projection(history: History, policy: Policy) -> Projection | None:
    enrollment = history.enrollment
    planned = planned_hours(enrollment)
    if (enrollment.certified or enrollment.exam_date is None or planned is None or not above(planned, 0)
            or history.due_weeks < policy.projection_min_weeks):
        return None
    logged = math.fsum(history.hours)
    window = min(policy.pace_weeks, history.due_weeks)
    pace = math.fsum(history.hours[-window:]) / window
    return Projection(planned, logged, pace, window, enrollment.exam_date, _ready(history, planned, logged, pace, policy))


def _ready(history: History, planned: float, logged: float, pace: float, policy: Policy) -> date | None:
    return ready_on(history.mondays, history.hours, planned, logged, pace, policy)


def ready_on(mondays: Sequence[date], weekly_hours: Sequence[float], planned: float, logged: float, pace: float,
             policy: Policy) -> date | None:
    """When `planned` hours are reached, with `logged` over the due weeks `mondays` (their hours
    `weekly_hours`) and `pace` hours a week from the last one's deadline on; None: never at this pace."""
    if not below(logged, planned):
        reached, so_far = mondays[-1], 0.0
        for monday, hours in zip(mondays, weekly_hours):
            so_far += hours
            if not below(so_far, planned):
                reached = monday
                break
        return deadline_of(reached, policy)
    if not above(pace, 0):
        return None
    try:
        days = math.ceil((planned - logged) * 7 / pace - TOLERANCE)
        return deadline_of(mondays[-1], policy) + timedelta(days=days)
    except OverflowError:  # a pace so slow the plan is not reached in this calendar
        return None


def off_pace_far(history: History, policy: Policy) -> str | None:
    """The projected date falls more than two weeks after the exam date, or the plan cannot be reached."""
    projection = projection_of(history, policy)
    if projection is None:
        return None
    late_by = projection.late_by
    if late_by is not None and not above(late_by, policy.off_pace_red_weeks * 7):
        return None
    return _reason(projection)


def off_pace(history: History, policy: Policy) -> str | None:
    """The projected date falls after the exam date, but not more than two weeks after it."""
    projection = projection_of(history, policy)
    if projection is None or projection.late_by is None:
        return None
    if not 0 < projection.late_by <= policy.off_pace_red_weeks * 7 + TOLERANCE:
        return None
    return _reason(projection)


def _reason(p: Projection) -> str:
    over = "over the last week" if p.window == 1 else f"over the last {p.window} weeks"
    planned = f"the {fmt.total(p.planned)} planned"
    if p.ready is None:
        at_pace = f"No hours logged {over}" if not above(p.pace, 0) else f"At {fmt.hours(p.pace)} a week {over}"
        return (
            f"{at_pace}: at that pace {planned} cannot be reached "
            f"({fmt.hours(p.logged)} logged so far; the exam is on {fmt.day(p.exam)})."
        )
    return (
        f"At {fmt.hours(p.pace)} a week {over}, {planned} are reached on {fmt.day(p.ready)}, "
        f"{fmt.span(p.late_by)} after the exam on {fmt.day(p.exam)}."
    )


def projection(enrollment: Enrollment, check_ins: Iterable[CheckIn], *, today: date, policy: Policy) -> Projection | None:
    """The projection of one enrollment as of `today` (see projection_of)."""
    return projection_of(history_of(enrollment, check_ins, today, policy), policy)
