"""Last weeks' statuses, recomputed: every week of one enrollment in one sweep.

History is recomputed, not stored (DESIGN.md): the status of a past week is the rules run as of
the day after that week's check-in deadline. Running `evaluate` once per week would sort and walk
the check-ins once per week and write every flag's reason each time; a review over months of
weeks for thousands of engineers cannot afford that. So the sweep

1. builds the enrollment's weekly table once, as of the latest week asked for (its due weeks,
   their hours, confidence, scores, milestones, absence reasons and blockers);
2. decides which rules fire in each week from that table, with running sums and the same
   comparisons (`compare.py`) and projection (`projection.ready_on`) the rules use;
3. writes the flags (the rules' own reasons) only for a week whose flags are read: each week's
   history is a prefix of the table, and `evaluate.flags_of` runs on it unchanged.

A property test holds that each week's status and flags are exactly those of
`evaluate(as_of(enrollment, day), check_ins, today=day, sessions=sessions)` with `day` the day
after that week's deadline, for random programs, sessions and policies.

The tracker is read as it is now, except for certification: an enrollment certified on a known
date (`certified_on`) was not yet certified before it (see `as_of`). Postponements are the count
the tracker holds now, as the issue asks: the dates a past pass saw are not replayed.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from operator import attrgetter

from .catalogue import BY_CODE, RULES
from .compare import TOLERANCE, above, below, within
from .evaluate import CHECKS
from .history import History, LastWeek
from .model import CheckIn, Enrollment, Flag, Milestones, Session, Severity, Status
from .policy import Policy
from .projection import planned_hours, ready_on
from .sessions import sessions_of
from .weeks import deadline_of, due_mondays

_ORDER = attrgetter("week_of", "id")
assert [r.code for r in RULES] == [  # the order `WeekTable.codes` appends in
    "low-hours-2w", "no-hours", "score-drop", "postponed-2x", "low-confidence", "off-pace-far", "low-hours",
    "behind-plan", "score-plateau", "milestones-partial", "milestones-missed", "postponed", "off-pace",
    "missed-sessions"]


class WeekStanding:
    """One enrollment as of the end of one week's deadline day: its status, the codes of the rules
    that fire, and (written when first read) the flags with their reasons."""

    __slots__ = ("monday", "status", "codes", "hours", "reported", "_weeks", "_index", "_flags", "_some")

    def __init__(self, monday: date, status: Status, codes: tuple[str, ...], hours: float | None, reported: bool,
                 weeks: WeekTable | None = None, index: int = -1) -> None:
        self.monday, self.status, self.codes, self.hours, self.reported = monday, status, codes, hours, reported
        self._weeks, self._index = weeks, index
        self._flags: tuple[Flag, ...] | None = None if codes else ()
        self._some: dict[str, Flag] = {}

    @property
    def flags(self) -> tuple[Flag, ...]:
        """The flags in catalogue order, each with its rule's reason."""
        if self._flags is None:
            assert self._weeks is not None
            self._flags = self._weeks.flags(self._index, self.codes, self._day)
        return self._flags

    def only(self, *codes: str) -> tuple[Flag, ...]:
        """The flags of these codes that fire, in catalogue order (only their reasons are written)."""
        wanted = [code for code in self.codes if code in codes]
        if self._flags is not None:
            return tuple(f for f in self._flags if f.code in codes)
        missing = [code for code in wanted if code not in self._some]
        if missing:
            assert self._weeks is not None
            self._some.update((f.code, f) for f in self._weeks.flags(self._index, missing, self._day))
        return tuple(self._some[code] for code in wanted)

    def of_severity(self, severity: Severity) -> tuple[Flag, ...]:
        return self.only(*(code for code in self.codes if BY_CODE[code].severity is severity))

    @property
    def red(self) -> bool:
        return self.status is Status.AT_RISK

    @property
    def _day(self) -> date:
        assert self._weeks is not None
        return judged_on(self.monday, self._weeks.policy)

    def __repr__(self) -> str:
        return f"WeekStanding({self.monday}, {self.status.value}, {self.codes}, hours={self.hours})"


def judged_on(monday: date, policy: Policy) -> date:
    """The day a week is judged as of: the day after its deadline day (the week is then due)."""
    return deadline_of(monday, policy) + timedelta(days=1)


def as_of(enrollment: Enrollment, day: date) -> Enrollment:
    """The enrollment as it stood on `day`: not certified yet before its `certified_on` date."""
    if enrollment.certified and enrollment.certified_on is not None and day <= enrollment.certified_on:
        return enrollment.model_copy(update={"certified": False})
    return enrollment


def status_of_codes(codes: Iterable[str]) -> Status:
    severities = {BY_CODE[code].severity for code in codes}
    if Severity.RED in severities:
        return Status.AT_RISK
    if Severity.YELLOW in severities:
        return Status.SLIGHTLY_BEHIND
    return Status.ON_TRACK


def sweep(enrollment: Enrollment, check_ins: Iterable[CheckIn], mondays: Sequence[date],
          policy: Policy, *, own: bool = False, sessions: Iterable[Session] = ()) -> tuple[WeekStanding, ...]:
    """The standing of one enrollment in each week of `mondays` (Mondays, oldest first), each as of
    the day after that week's deadline, from one build of its weekly table.

    `own`: the check-ins are this enrollment's only (in any order). `sessions`: its cohort's, or
    every cohort's (as `evaluate` takes them)."""
    return sweep_table(enrollment, check_ins, mondays, policy, own=own, sessions=sessions)[1]


def sweep_table(enrollment: Enrollment, check_ins: Iterable[CheckIn], mondays: Sequence[date],
                policy: Policy, *, own: bool = False,
                sessions: Iterable[Session] = ()) -> tuple[WeekTable, tuple[WeekStanding, ...]]:
    """`sweep`, with the weekly table it read (what each due week reported)."""
    if not mondays:
        return WeekTable(enrollment, (), (), policy), ()
    full = due_mondays(enrollment.study_start, judged_on(max(mondays), policy), policy)
    uncertified = enrollment.model_copy(update={"certified": False}) if enrollment.certified else enrollment
    weeks = WeekTable(uncertified, check_ins, full, policy, own, sessions)
    start, certified, certified_on = enrollment.study_start, enrollment.certified, enrollment.certified_on
    first = full[0].toordinal() if full else 0
    out, after = [], int(policy.checkin_deadline) + 1
    for monday in mondays:
        day = monday + timedelta(days=after)
        index = min((monday.toordinal() - first) // 7, len(full) - 1) if full else -1
        inside = index >= 0 and full[index] == monday
        hours = weeks.hours[index] if inside else None
        reported = inside and weeks.reported[index]
        if certified and (certified_on is None or day > certified_on):
            out.append(WeekStanding(monday, Status.COMPLETED, (), hours, reported))
        elif start is not None and day < start:
            out.append(WeekStanding(monday, Status.ON_TRACK, (), hours, reported))
        else:
            codes = weeks.codes(index, day)
            out.append(WeekStanding(monday, status_of_codes(codes), codes, hours, reported, weeks, index))
    return weeks, tuple(out)


class WeekTable:
    """The enrollment's due weeks with what each reported, built in one walk over its check-ins.

    Check-ins are taken week by week, and within a week in (week_of, id) order, as `history_of`
    takes them: the week's latest value wins, and the scores come in (week_of, id) order. With
    them, the cohort's sessions since the study start, oldest first, and whether it attended each."""

    def __init__(self, enrollment: Enrollment, check_ins: Iterable[CheckIn], mondays: tuple[date, ...],
                 policy: Policy, own: bool = False, sessions: Iterable[Session] = ()) -> None:
        self.enrollment, self.mondays, self.policy = enrollment, mondays, policy
        self.planned = planned_hours(enrollment)
        self.sessions = sessions_of(enrollment, sessions)
        self.session_days = [s.day for s in self.sessions]
        self.attended = [enrollment.id in s.attended_by for s in self.sessions]
        count = len(mondays)
        self.hours = [0.0] * count
        self.confidence: list[int | None] = [None] * count
        self.reported = [False] * count
        self.scores: list[tuple[date, float]] = []
        self.milestones: list[Milestones | None] = [None] * count
        self.absence: list[str] = [""] * count
        self.blockers: list[str] = [""] * count
        self.weak_domains: list[tuple[str, ...]] = [()] * count
        self.score_mondays: list[date] = []
        if not count:
            return
        ident, first_day, last = enrollment.id, mondays[0].toordinal(), count - 1
        buckets: list = [None] * count  # per week: None, one check-in, or a list of them
        for c in check_ins:
            if not own and c.enrollment_id != ident:
                continue
            week = (c.week_of.toordinal() - first_day) // 7
            if week < 0 or week > last:
                continue
            bucket = buckets[week]
            if bucket is None:
                buckets[week] = c
            elif type(bucket) is list:
                bucket.append(c)
            else:
                buckets[week] = [bucket, c]
        hours, confidence, reported, scores = self.hours, self.confidence, self.reported, self.scores
        milestones, absence, blockers, domains = self.milestones, self.absence, self.blockers, self.weak_domains
        for week, bucket in enumerate(buckets):
            if bucket is None:
                continue
            reported[week] = True
            if type(bucket) is list:
                bucket.sort(key=_ORDER)
            else:
                bucket = (bucket,)
            for c in bucket:
                value = c.hours
                if value:
                    hours[week] += value
                value = c.confidence
                if value is not None:
                    confidence[week] = value
                value = c.practice_score
                if value is not None:
                    scores.append((mondays[week], value))
                value = c.milestones
                if value is not None:
                    milestones[week] = value
                value = c.absence_reason
                if value and not value.isspace():
                    absence[week] = value.strip()
                value = c.blockers
                if value and not value.isspace():
                    blockers[week] = value.strip()
                value = c.weak_domains
                if value:
                    domains[week] = domains[week] + value
        self.score_mondays = [monday for monday, _ in self.scores]

    def index(self, monday: date) -> int | None:
        """The due week of `monday` as an index of this table, None when it is not one of them."""
        if not self.mondays:
            return None
        week = (monday - self.mondays[0]).days // 7
        return week if 0 <= week < len(self.mondays) and self.mondays[week] == monday else None

    def scores_through(self, monday: date) -> tuple[float, ...]:
        """The practice scores of the due weeks up to the week of `monday`, in (week_of, id) order."""
        return tuple(score for _, score in self.scores[:bisect_right(self.score_mondays, monday)])

    def latest_blocker(self, monday: date) -> str | None:
        """The blockers of the latest due week up to the week of `monday` that names any."""
        if not self.mondays:
            return None
        last = min((monday - self.mondays[0]).days // 7, len(self.mondays) - 1)
        for week in range(last, -1, -1):
            if self.blockers[week]:
                return self.blockers[week]
        return None

    def held(self, day: date) -> int:
        """How many of the sessions were held by `day`."""
        return bisect_right(self.session_days, day)

    def history(self, last: int, day: date) -> History:
        """The history as of `day`, whose latest due week is `last` (an index; -1: none due yet), as
        `history_of` builds it."""
        held = self.sessions[:self.held(day)]
        if last < 0:
            return History(self.enrollment, (), (), (), (), None, held)
        end = last + 1
        scores = self.scores[:bisect_right(self.score_mondays, self.mondays[last])]
        last_week = LastWeek(self.mondays[last], self.hours[last], self.absence[last], self.milestones[last],
                             self.blockers[last])
        return History(self.enrollment, self.mondays[:end], tuple(self.hours[:end]), tuple(self.confidence[:end]),
                       tuple(scores), last_week, held)

    def flags(self, last: int, codes: Sequence[str], day: date) -> tuple[Flag, ...]:
        """The flags of these codes as of `day` (its latest due week `last`), each with the reason
        its rule writes."""
        history, policy, flags = self.history(last, day), self.policy, []
        for code in codes:
            rule = BY_CODE[code]
            reason = CHECKS[code](history, policy)
            assert reason is not None, f"{code} was found to fire as of week {last}, but its rule gives no reason"
            flags.append(Flag(code=code, severity=rule.severity, name=rule.name, reason=reason))
        return tuple(flags)

    def codes(self, last: int, day: date) -> tuple[str, ...]:
        """The codes of the rules that fire as of `day`, whose latest due week is `last`, in
        catalogue order: each line below is the predicate of the rule of the same name (see
        hours.py, scores.py, exam.py, confidence.py, projection.py, milestones.py, sessions.py)."""
        p, e = self.policy, self.enrollment
        moves = e.exam_history.postponements
        postponed_2x, postponed = moves >= p.postponements_red, 0 < moves < p.postponements_red
        n, held = p.missed_sessions, self.held(day)
        missed = bool(n) and held >= n and not any(self.attended[held - n:held])
        if last < 0:
            fired_early = ["postponed-2x"] if postponed_2x else ["postponed"] if postponed else []
            return tuple(fired_early + (["missed-sessions"] if missed else []))
        fired: list[str] = []
        due, hours, target = last + 1, self.hours, e.weekly_target_hours or 0.0
        now = hours[last]
        n = p.low_hours_weeks
        low_2w = bool(target) and n <= due and all(below(h, p.low_hours_ratio * target) for h in hours[due - n:due])
        zero = not now and not self.absence[last]
        if low_2w:
            fired.append("low-hours-2w")
        if zero:
            fired.append("no-hours")
        scored = bisect_right(self.score_mondays, self.mondays[last])
        if scored >= 2 and below(self.scores[scored - 1][1], self.scores[scored - 2][1]):
            fired.append("score-drop")
        if postponed_2x:
            fired.append("postponed-2x")
        if due >= p.low_confidence_min_weeks and self._low_confidence(last):
            fired.append("low-confidence")
        logged = math.fsum(hours[:due])
        late = self._late_by(due, logged)
        off_pace = False
        if late is not _NO_PROJECTION:
            if late is None or above(late, p.off_pace_red_weeks * 7):
                fired.append("off-pace-far")
            else:
                off_pace = 0 < late <= p.off_pace_red_weeks * 7 + TOLERANCE
        if target and below(now, target) and not low_2w and not zero:
            fired.append("low-hours")
        if target and above(due * target - logged, p.behind_plan_weeks * target):
            fired.append("behind-plan")
        k = p.plateau_scores
        if scored >= k:
            recent = [score for _, score in self.scores[scored - k:scored]]
            if all(within(s, p.plateau_low, p.plateau_high) for s in recent) and \
                    not above(recent[-1] - recent[0], p.plateau_max_gain):
                fired.append("score-plateau")
        milestones = self.milestones[last]
        if milestones is Milestones.PARTIAL:
            fired.append("milestones-partial")
        elif milestones is Milestones.NO:
            fired.append("milestones-missed")
        if postponed:
            fired.append("postponed")
        if off_pace:
            fired.append("off-pace")
        if missed:
            fired.append("missed-sessions")
        return tuple(fired)

    def _low_confidence(self, last: int) -> bool:
        p, found = self.policy, 0
        for week in range(last, -1, -1):
            value = self.confidence[week]
            if value is None:
                continue
            if value > p.low_confidence_max:
                return False
            found += 1
            if found == p.low_confidence_values:
                return True
        return False

    def _late_by(self, due: int, logged: float):
        """Days from the exam to the projected date; None: never reached; _NO_PROJECTION: none made."""
        e, p, planned = self.enrollment, self.policy, self.planned
        if e.exam_date is None or planned is None or not above(planned, 0) or due < p.projection_min_weeks:
            return _NO_PROJECTION
        window = min(p.pace_weeks, due)
        pace = math.fsum(self.hours[due - window:due]) / window
        ready = ready_on(self.mondays[:due], self.hours[:due], planned, logged, pace, p)
        return None if ready is None else (ready - e.exam_date).days


_NO_PROJECTION = object()
