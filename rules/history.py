"""The per-enrollment table the rules read: its due weeks, oldest first, and its practice scores.

Built once per evaluation so that no rule sorts or filters check-ins again. A check-in belongs to
the Monday-to-Sunday week containing its `week_of`; check-ins outside the due weeks are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .model import CheckIn, Enrollment, Milestones
from .policy import Policy
from .weeks import due_mondays

SIX_DAYS = timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Week:
    """One due week. Values reported once a week come from its latest check-in that reports one."""

    monday: date
    hours: float = 0.0
    absence_reason: str = ""
    confidence: int | None = None
    milestones: Milestones | None = None
    blockers: str = ""
    check_ins: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    """A practice score and the Monday of the week it was reported in."""

    monday: date
    value: float


@dataclass(frozen=True, slots=True)
class History:
    enrollment: Enrollment
    weeks: tuple[Week, ...]
    scores: tuple[Score, ...]

    @property
    def target(self) -> float:
        """The weekly target in hours; 0 when the enrollment has none."""
        return self.enrollment.weekly_target_hours or 0.0

    @property
    def last_week(self) -> Week | None:
        return self.weeks[-1] if self.weeks else None

    def last_weeks(self, count: int) -> tuple[Week, ...]:
        """The last `count` due weeks, or () when there are fewer."""
        return self.weeks[-count:] if len(self.weeks) >= count else ()


def _order(check_in: CheckIn) -> tuple[date, str]:
    return check_in.week_of, check_in.id


def _latest(values: Iterable[object]) -> object | None:
    last = None
    for value in values:
        if value is not None and value != "":
            last = value
    return last


def _week(monday: date, check_ins: Sequence[CheckIn]) -> Week:
    if not check_ins:
        return Week(monday)
    return Week(
        monday=monday,
        hours=math.fsum(c.hours or 0.0 for c in check_ins),
        absence_reason=_latest(c.absence_reason.strip() for c in check_ins) or "",
        confidence=_latest(c.confidence for c in check_ins),
        milestones=_latest(c.milestones for c in check_ins),
        blockers=_latest(c.blockers.strip() for c in check_ins) or "",
        check_ins=len(check_ins),
    )


def history_of(enrollment: Enrollment, check_ins: Iterable[CheckIn], today: date, policy: Policy) -> History:
    """The enrollment's due weeks as of `today`, with its check-ins (those of other enrollments ignored)."""
    mondays = due_mondays(enrollment.study_start, today, policy)
    if not mondays:
        return History(enrollment, (), ())
    first, end = mondays[0], mondays[-1] + SIX_DAYS
    own = enrollment.id
    kept = sorted((c for c in check_ins if c.enrollment_id == own and first <= c.week_of <= end), key=_order)
    by_week: list[list[CheckIn]] = [[] for _ in mondays]
    scores = []
    for check_in in kept:
        index = (check_in.week_of - first).days // 7
        by_week[index].append(check_in)
        if check_in.practice_score is not None:
            scores.append(Score(mondays[index], check_in.practice_score))
    weeks = tuple(_week(monday, week) for monday, week in zip(mondays, by_week))
    return History(enrollment, weeks, tuple(scores))
