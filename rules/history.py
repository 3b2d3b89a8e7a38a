"""The per-enrollment table the rules read, built in one pass so that no rule sorts or filters.

A check-in belongs to the Monday-to-Sunday week containing its `week_of`; check-ins outside the
due weeks (and those of other enrollments) are ignored. Check-ins are taken in (week_of, id)
order, so values reported once a week come from the week's latest check-in that reports one,
and the result does not depend on the order the check-ins arrive in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from .model import CheckIn, Enrollment, Milestones, Session
from .policy import Policy
from .sessions import sessions_of
from .weeks import due_mondays

_ORDER = attrgetter("week_of", "id")


class Weekly(NamedTuple):
    """A value of one due week, named by its Monday."""

    monday: date
    value: float


class LastWeek(NamedTuple):
    """What the last due week reported (its latest values; empty when nobody reported any)."""

    monday: date
    hours: float
    absence_reason: str
    milestones: Milestones | None
    blockers: str


@dataclass(frozen=True, slots=True)
class History:
    enrollment: Enrollment
    mondays: tuple[date, ...]  # the due weeks, oldest first
    hours: tuple[float, ...]  # hours logged in each due week (0 without a check-in)
    confidence: tuple[int | None, ...]  # each due week's confidence, None if not reported
    scores: tuple[tuple[date, float], ...]  # (Monday, practice score) in (week_of, id) order
    last_week: LastWeek | None
    # The sessions of the enrollment's cohort held from its study start to the day judged, oldest
    # first (sessions.py): none without a cohort.
    sessions: tuple[Session, ...] = ()
    # Values derived from the history once and read by several rules and the summary (the
    # projection), each kept with the policy it was derived under.
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def target(self) -> float:
        """The weekly target in hours; 0 when the enrollment has none."""
        return self.enrollment.weekly_target_hours or 0.0

    @property
    def due_weeks(self) -> int:
        return len(self.mondays)

    def last_hours(self, count: int) -> tuple[Weekly, ...]:
        """The hours of the last `count` due weeks, or () when there are fewer."""
        if count > len(self.mondays):
            return ()
        return tuple(map(Weekly, self.mondays[-count:], self.hours[-count:]))

    def last_scores(self, count: int) -> tuple[Weekly, ...]:
        """The last `count` practice scores, oldest first, or () when there are fewer."""
        if count > len(self.scores):
            return ()
        return tuple(Weekly(monday, score) for monday, score in self.scores[-count:])

    def last_confidences(self, count: int) -> tuple[Weekly, ...]:
        """The last `count` weekly confidence values reported, oldest first, or () when fewer were."""
        found = []
        for week in range(len(self.mondays) - 1, -1, -1):
            if len(found) == count:
                break
            if self.confidence[week] is not None:
                found.append(Weekly(self.mondays[week], self.confidence[week]))
        return tuple(reversed(found)) if len(found) == count else ()


def history_of(enrollment: Enrollment, check_ins: Iterable[CheckIn], today: date, policy: Policy,
               sessions: Iterable[Session] = ()) -> History:
    """The enrollment's due weeks as of `today`, with what its check-ins reported in them, and its
    cohort's sessions held by `today` (`sessions` may hold any cohort's)."""
    mondays = due_mondays(enrollment.study_start, today, policy)
    held = sessions_of(enrollment, sessions, today)
    if not mondays:
        return History(enrollment, (), (), (), (), None, held)
    own, first_day = enrollment.id, mondays[0].toordinal()
    kept = sorted((c for c in check_ins if c.enrollment_id == own), key=_ORDER)

    last = len(mondays) - 1
    hours = [0.0] * len(mondays)
    confidence: list[int | None] = [None] * len(mondays)
    scores = []
    absence_reason = blockers = ""
    milestones = None
    for c in kept:
        week = (c.week_of.toordinal() - first_day) // 7
        if not 0 <= week <= last:  # before the study start's week, or not due yet
            continue
        if c.hours:
            hours[week] += c.hours
        if c.confidence is not None:
            confidence[week] = c.confidence
        if c.practice_score is not None:
            scores.append((mondays[week], c.practice_score))
        if week == last:
            if c.milestones is not None:
                milestones = c.milestones
            if c.absence_reason and not c.absence_reason.isspace():
                absence_reason = c.absence_reason.strip()
            if c.blockers and not c.blockers.isspace():
                blockers = c.blockers.strip()
    last_week = LastWeek(mondays[last], hours[last], absence_reason, milestones, blockers)
    return History(enrollment, mondays, tuple(hours), tuple(confidence), tuple(scores), last_week, held)
