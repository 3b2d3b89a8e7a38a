"""Last weeks' statuses, recomputed: every week of one enrollment in one sweep.

History is recomputed, not stored (DESIGN.md): the status of a past week is the rules run as of
the day after that week's check-in deadline. Running `evaluate` once per week would sort and walk
the check-ins once per week; the sweep builds the enrollment's history once, as of the latest week
asked for, and reads each earlier week's history as a prefix of it (the due weeks, their hours and
confidence, the scores up to that week, and that week's own last-week values). The rules then run
on each prefix unchanged, so a week's status and flags are exactly those `evaluate` gives as of
that day (a property test holds this).

The tracker is read as it is now, except for certification: an enrollment certified on a known
date (`certified_on`) was not yet certified before it (see `as_of`). Postponements are the count
the tracker holds now, as the issue asks: the dates a past pass saw are not replayed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from .evaluate import flags_of, status_of
from .history import History, LastWeek
from .model import CheckIn, Enrollment, Flag, Milestones, Status
from .policy import Policy
from .weeks import deadline_of, due_mondays

_ORDER = attrgetter("week_of", "id")



class WeekStanding(NamedTuple):
    """One enrollment as of the end of one week's deadline day."""

    monday: date
    status: Status
    flags: tuple[Flag, ...]
    hours: float | None  # hours logged in the week; None when it is not one of the enrollment's due weeks
    reported: bool  # a check-in fell in the week

    @property
    def red(self) -> bool:
        return self.status is Status.AT_RISK


def judged_on(monday: date, policy: Policy) -> date:
    """The day a week is judged as of: the day after its deadline day (the week is then due)."""
    return deadline_of(monday, policy) + timedelta(days=1)


def as_of(enrollment: Enrollment, day: date) -> Enrollment:
    """The enrollment as it stood on `day`: not certified yet before its `certified_on` date."""
    if enrollment.certified and enrollment.certified_on is not None and day <= enrollment.certified_on:
        return enrollment.model_copy(update={"certified": False})
    return enrollment


def sweep(enrollment: Enrollment, check_ins: Iterable[CheckIn], mondays: Sequence[date],
          policy: Policy) -> tuple[WeekStanding, ...]:
    """The standing of one enrollment in each week of `mondays` (Mondays, oldest first), each as of
    the day after that week's deadline: what `evaluate(as_of(enrollment, day), check_ins, today=day)`
    concludes, for every week from one history build."""
    if not mondays:
        return ()
    full = due_mondays(enrollment.study_start, judged_on(mondays[-1], policy), policy)
    weeks = _Weeks(enrollment, check_ins, full)
    uncertified = enrollment.model_copy(update={"certified": False}) if enrollment.certified else enrollment
    start = enrollment.study_start
    first = full[0].toordinal() if full else 0
    out = []
    for monday in mondays:
        day = judged_on(monday, policy)
        index = (monday.toordinal() - first) // 7 if full else -1
        hours = weeks.hours[index] if 0 <= index < len(full) else None
        reported = 0 <= index < len(full) and weeks.reported[index]
        if enrollment.certified and (enrollment.certified_on is None or day > enrollment.certified_on):
            out.append(WeekStanding(monday, Status.COMPLETED, (), hours, reported))
            continue
        if start is not None and day < start:
            out.append(WeekStanding(monday, Status.ON_TRACK, (), hours, reported))
            continue
        flags = flags_of(weeks.history(uncertified, min(index, len(full) - 1)), policy)
        out.append(WeekStanding(monday, status_of(flags), flags, hours, reported))
    return tuple(out)


class _Weeks:
    """The enrollment's due weeks with what each reported, built in one walk over its check-ins."""

    def __init__(self, enrollment: Enrollment, check_ins: Iterable[CheckIn], mondays: tuple[date, ...]) -> None:
        self.mondays = mondays
        count = len(mondays)
        self.hours = [0.0] * count
        self.confidence: list[int | None] = [None] * count
        self.reported = [False] * count
        self.scores: list[tuple[date, float]] = []
        self.milestones: list[Milestones | None] = [None] * count
        self.absence: list[str] = [""] * count
        self.blockers: list[str] = [""] * count
        if not count:
            return
        own, first_day, last = enrollment.id, mondays[0].toordinal(), count - 1
        for c in sorted((c for c in check_ins if c.enrollment_id == own), key=_ORDER):
            week = (c.week_of.toordinal() - first_day) // 7
            if not 0 <= week <= last:
                continue
            self.reported[week] = True
            if c.hours:
                self.hours[week] += c.hours
            if c.confidence is not None:
                self.confidence[week] = c.confidence
            if c.practice_score is not None:
                self.scores.append((mondays[week], c.practice_score))
            if c.milestones is not None:
                self.milestones[week] = c.milestones
            if c.absence_reason and not c.absence_reason.isspace():
                self.absence[week] = c.absence_reason.strip()
            if c.blockers and not c.blockers.isspace():
                self.blockers[week] = c.blockers.strip()
        self._score_mondays = [monday for monday, _ in self.scores]

    def history(self, enrollment: Enrollment, last: int) -> History:
        """The history as of the week `last` (an index of the due weeks; -1: none due yet)."""
        if last < 0:
            return History(enrollment, (), (), (), (), None)
        end = last + 1
        scores = self.scores[:bisect_right(self._score_mondays, self.mondays[last])]
        last_week = LastWeek(self.mondays[last], self.hours[last], self.absence[last], self.milestones[last],
                             self.blockers[last])
        return History(enrollment, self.mondays[:end], tuple(self.hours[:end]), tuple(self.confidence[:end]),
                       tuple(scores), last_week)
