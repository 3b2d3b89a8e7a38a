"""The four reviews as data: what a manager reads weekly, biweekly, monthly and quarterly.

Computed from the enrollments and check-ins as the tracker holds them now, today, the policy and
the targets; rendering is elsewhere (sync/review_text.py, sync/review_html.py). Past weeks are
recomputed with one history sweep per enrollment (history_sweep.py).

Privacy, as the program asks (DESIGN.md, issue 13 item 4):
- people are listed alphabetically, never ordered by hours, scores or speed;
- exam results appear only in the quarterly review's aggregate figures, which name nobody;
- an outcome figure over fewer than 3 people is withheld ("fewer than 3 people"), and so is the
  figure of a further group of the same breakdown when the withheld ones could otherwise be
  recovered by subtracting the shown groups from the program's total (see `_suppress`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from datetime import date, datetime, time, timedelta

from . import reasons as fmt
from .history_sweep import WeekStanding, WeekTable, as_of, judged_on, sweep_table
from .model import CheckIn, Enrollment, Session, Severity, Status
from .policy import Policy
from .review_model import (  # noqa: F401  (the models, also named where the reviews are made)
    Attendance, BiweeklyReview, COUNT_FIELD, Change, Conversation, FIGURES, Figure, Finding, FlagNote, Message,
    MonthlyReview, Outcomes, QuarterlyReview, Review, ScoreTrend, Someone, StatusCounts,
    TargetCheck, WeakDomain, WeekCounts, WeeklyReview,
)
from .review_periods import DEFAULT_SETTINGS, ReviewKind, ReviewPeriod, ReviewSettings, review_due
from .sessions import ORDER as SESSION_ORDER
from .sparkline import sparkline
from .targets import Targets
from .weeks import first_monday

MIN_GROUP = 3  # no outcome figure over fewer people
FEWER = f"fewer than {MIN_GROUP} people"
COMPLEMENT = "withheld so that a smaller group cannot be worked out"
SELF_STUDY = "Self-study"
COHORT_TRAINING = "Cohort training"
NO_CERTIFICATION = "No certification"
DEFAULT_TARGETS = Targets()
CHART_WEEKS = 6  # the weekly review's chart: this week and the five before


# ---------------------------------------------------------------------------------------------
# The program as the reviews read it


_ENROLLMENT_ID = attrgetter("enrollment_id")


def name_of(enrollment: Enrollment) -> str:
    return enrollment.engineer.name if enrollment.engineer else enrollment.name


def _alphabetical(enrollment: Enrollment) -> tuple:
    return name_of(enrollment).casefold(), enrollment.certification or "", enrollment.id


def someone(enrollment: Enrollment) -> Someone:
    return Someone(enrollment_id=enrollment.id, name=name_of(enrollment), certification=enrollment.certification)


@dataclass
class ReviewData:
    """The enrollments (alphabetical) and their check-ins, grouped once (in no order), and the
    cohorts' sessions by cohort (oldest first); the weekly standings of each enrollment, swept once
    over the widest range asked for and shared by every review, with the weekly table the sweep
    read (what each due week reported)."""

    program: str
    enrollments: tuple[Enrollment, ...]
    check_ins: dict[str, tuple[CheckIn, ...]]
    policy: Policy
    sessions: dict[str, tuple[Session, ...]] = field(default_factory=dict)
    _swept: dict[str, tuple[date, tuple[WeekStanding, ...], WeekTable]] = field(default_factory=dict, repr=False)
    _first_weeks: dict[str, date | None] = field(default_factory=dict, repr=False)
    _people: dict[str, Someone] = field(default_factory=dict, repr=False)

    def someone(self, enrollment: Enrollment) -> Someone:
        found = self._people.get(enrollment.id)
        if found is None:
            found = self._people[enrollment.id] = someone(enrollment)
        return found

    def first_week(self, enrollment: Enrollment) -> date | None:
        """The Monday of the enrollment's first week, None without a study start."""
        try:
            return self._first_weeks[enrollment.id]
        except KeyError:
            start = enrollment.study_start
            found = self._first_weeks[enrollment.id] = None if start is None else first_monday(start, self.policy)
            return found

    def started_by(self, enrollment: Enrollment, monday: date) -> bool:
        """Whether the week of `monday` is one of the enrollment's weeks."""
        first = self.first_week(enrollment)
        return first is not None and first <= monday

    @classmethod
    def of(cls, enrollments: Iterable[Enrollment], check_ins: Iterable[CheckIn], policy: Policy | None = None,
           program: str = "", sessions: Iterable[Session] = ()) -> ReviewData:
        grouped: dict[str, list[CheckIn]] = defaultdict(list)
        check_ins = list(check_ins)
        for key, check_in in zip(map(_ENROLLMENT_ID, check_ins), check_ins):
            grouped[key].append(check_in)
        by_cohort: dict[str, list[Session]] = defaultdict(list)
        for session in sessions:
            if session.cohort is not None:
                by_cohort[session.cohort].append(session)
        return cls(program, tuple(sorted(enrollments, key=_alphabetical)),
                   {k: tuple(v) for k, v in grouped.items()}, policy or Policy(),
                   {k: tuple(sorted(v, key=SESSION_ORDER)) for k, v in by_cohort.items()})

    def of_enrollment(self, enrollment: Enrollment) -> tuple[CheckIn, ...]:
        return self.check_ins.get(enrollment.id, ())

    def of_cohort(self, enrollment: Enrollment) -> tuple[Session, ...]:
        """The sessions of the enrollment's cohort, oldest first; none without a cohort."""
        return self.sessions.get(enrollment.cohort, ()) if enrollment.cohort is not None else ()

    def prepare(self, periods: Iterable[ReviewPeriod]) -> None:
        """Sweep every enrollment once over all the weeks these reviews show (see weeks_shown)."""
        shown = sorted({m for p in periods for m in weeks_shown(p, self.policy)})
        if not shown:
            return
        first = shown[0]
        mondays = _mondays(first, shown[-1])
        for e in self.enrollments:
            table, swept = sweep_table(e, self.of_enrollment(e), mondays, self.policy, own=True,
                                       sessions=self.of_cohort(e))
            self._swept[e.id] = (first, swept, table)

    def standings(self, enrollment: Enrollment, mondays: Sequence[date]) -> tuple[WeekStanding, ...]:
        """The enrollment's standing in each of these consecutive weeks."""
        if not mondays:
            return ()
        known = self._swept.get(enrollment.id)
        if known is not None:
            start, swept, _ = known
            begin = (mondays[0] - start).days // 7
            if begin >= 0 and begin + len(mondays) <= len(swept):
                return swept[begin:begin + len(mondays)]
            first, last = min(start, mondays[0]), max(swept[-1].monday if swept else mondays[-1], mondays[-1])
        else:
            first, last = mondays[0], mondays[-1]
        table, swept = sweep_table(enrollment, self.of_enrollment(enrollment), _mondays(first, last), self.policy,
                                   own=True, sessions=self.of_cohort(enrollment))
        self._swept[enrollment.id] = (first, swept, table)
        begin = (mondays[0] - first).days // 7
        return swept[begin:begin + len(mondays)]

    def table(self, enrollment: Enrollment, through: date) -> WeekTable:
        """The enrollment's weekly table, with its due weeks through the week of `through` at least."""
        known = self._swept.get(enrollment.id)
        if known is None or not known[1] or known[1][-1].monday < through:
            self.standings(enrollment, (through,))
        return self._swept[enrollment.id][2]


def weeks_shown(period: ReviewPeriod, policy: Policy) -> tuple[date, ...]:
    """The weeks whose statuses a review reads: the weekly review's chart (its week and the five
    before), the biweekly review's last week, the monthly review's weeks; none for the quarterly."""
    if period.kind is ReviewKind.WEEKLY:
        return tuple(period.first - timedelta(weeks=n) for n in range(CHART_WEEKS - 1, -1, -1))
    if period.kind is ReviewKind.BIWEEKLY:
        return period.mondays(policy)[-1:]
    if period.kind is ReviewKind.MONTHLY:
        return period.mondays(policy)
    return ()


def _mondays(first: date, last: date) -> tuple[date, ...]:
    return tuple(map(date.fromordinal, range(first.toordinal(), last.toordinal() + 1, 7)))


def _counts(standings: Iterable[tuple[Enrollment, WeekStanding | None]]) -> StatusCounts:
    tally: dict[str, int] = defaultdict(int)
    for _, standing in standings:
        tally["not_started" if standing is None else COUNT_FIELD[standing.status]] += 1
    return StatusCounts(**tally)


def _notes(standing: WeekStanding, severity: Severity) -> tuple[FlagNote, ...]:
    return tuple(FlagNote(name=f.name, reason=f.reason) for f in standing.of_severity(severity))


def _week_counts(data: ReviewData, mondays: Sequence[date]) -> tuple[WeekCounts, ...]:
    tallies = [defaultdict(int) for _ in mondays]
    for e in data.enrollments:
        for tally, standing in zip(tallies, data.standings(e, mondays)):
            key = COUNT_FIELD[standing.status] if (standing.status is Status.COMPLETED
                                                    or data.started_by(e, standing.monday)) else "not_started"
            tally[key] += 1
    return tuple(WeekCounts(monday=m, counts=StatusCounts(**t)) for m, t in zip(mondays, tallies))


def _moment(today: date) -> datetime:
    return datetime.combine(today, time(23, 59, 59))


# ---------------------------------------------------------------------------------------------
# Weekly


def weekly_review(data: ReviewData, *, today: date | None = None, period: ReviewPeriod | None = None,
                  settings: ReviewSettings = DEFAULT_SETTINGS) -> WeeklyReview:
    """The week ending on the deadline day, judged as of that day's end. Engineers with no check-in
    for it are "not in yet" (the review goes out before the deadline has passed), not zero hours,
    and are counted apart from the statuses. Changes are against the week before: turned red (not
    red before), turned yellow (on track before), recovered (red or yellow before, on track now),
    completed (certified on a date that makes this week the first Completed one; a certification
    with no date is not celebrated again every week). A conversation is suggested for everyone at
    risk, a "great progress" message for everyone on track."""
    period = period or review_due(ReviewKind.WEEKLY, _moment(today), data.policy, settings)
    policy, monday = data.policy, period.first
    chart = weeks_shown(period, policy)
    rows: list[tuple[Enrollment, WeekStanding | None]] = []
    not_in, red, yellow, recovered, completed, talks, praise = [], [], [], [], [], [], []
    not_in_count = 0
    for e in data.enrollments:
        before, now = data.standings(e, chart)[-2:]
        who = data.someone(e)
        if now.status is Status.COMPLETED:
            rows.append((e, now))
            if before.status is not Status.COMPLETED:
                completed.append(who)
            continue
        if not data.started_by(e, monday):
            rows.append((e, None))
            continue
        if not now.reported:
            not_in.append(who)
            not_in_count += 1
            continue
        rows.append((e, now))
        was_started = data.started_by(e, before.monday)
        if now.status is Status.AT_RISK:
            if before.status is not Status.AT_RISK or not was_started:
                red.append(Change(who=who, before=before.status, now=now.status, flags=_notes(now, Severity.RED)))
            talks.append(_conversation(who, data.table(e, monday).latest_blocker(monday), now))
        elif now.status is Status.SLIGHTLY_BEHIND:
            if before.status is Status.ON_TRACK or not was_started:
                yellow.append(Change(who=who, before=before.status, now=now.status, flags=_notes(now, Severity.YELLOW)))
        else:
            if was_started and before.status in (Status.AT_RISK, Status.SLIGHTLY_BEHIND):
                recovered.append(Change(who=who, before=before.status, now=now.status))
            praise.append(Message(who=who, text=_great_progress(e, now)))
    counts = _counts(rows).model_copy(update={"not_in_yet": not_in_count})
    weeks = _week_counts(data, chart[:-1]) + (WeekCounts(monday=monday, counts=counts),)
    return WeeklyReview(program=data.program, period=period, as_of=judged_on(monday, policy) - timedelta(days=1),
                        counts=counts, not_in_yet=tuple(not_in), turned_red=tuple(red), turned_yellow=tuple(yellow),
                        recovered=tuple(recovered), completed=tuple(completed), conversations=tuple(talks),
                        great_progress=tuple(praise), weeks=weeks)


def _first_name(who: Someone) -> str:
    return who.name.split()[0] if who.name.split() else who.name


def _conversation(who: Someone, blocker: str | None, now: WeekStanding) -> Conversation:
    about = f"the blocker from their latest check-in: {fmt.quoted(blocker)}" if blocker else \
        "what is in the way (their check-ins name no blocker)"
    return Conversation(who=who, blocker=blocker, flags=_notes(now, Severity.RED),
                        suggestion=f"Five minutes with {_first_name(who)} this week about {about}")


def _great_progress(e: Enrollment, now: WeekStanding) -> str:
    who = _first_name(someone(e))
    logged = f"{fmt.hours(now.hours)} this week" if now.hours else "your week"
    target = f" against your {fmt.target(e.weekly_target_hours)} target" if e.weekly_target_hours and now.hours else ""
    cert = f" towards {e.certification}" if e.certification else ""
    return f"Great progress, {who}: {logged}{target}{cert}. Keep it up!"


# ---------------------------------------------------------------------------------------------
# Biweekly


def biweekly_review(data: ReviewData, *, today: date | None = None, period: ReviewPeriod | None = None,
                    settings: ReviewSettings = DEFAULT_SETTINGS) -> BiweeklyReview:
    """Practice score trends (first → latest, with a sparkline), drops and plateaus, and the weak
    domains several engineers share, with the program's suggestion: a group session on it."""
    period = period or review_due(ReviewKind.BIWEEKLY, _moment(today), data.policy, settings)
    policy, mondays = data.policy, period.mondays(data.policy)
    trends, drops, plateaus = [], [], []
    domains: dict[str, tuple[str, dict[str, Someone]]] = {}
    for e in data.enrollments:
        if not data.started_by(e, mondays[-1]):
            continue
        who, table = data.someone(e), data.table(e, mondays[-1])
        scores = table.scores_through(mondays[-1])
        for monday in mondays:
            week = table.index(monday)
            for topic in table.weak_domains[week] if week is not None else ():
                label = " ".join(topic.split())
                if label:
                    shown, people = domains.setdefault(label.casefold(), (label, {}))
                    people[e.id] = who
        if scores:
            line = (f"{fmt.percent(scores[0])} → {fmt.percent(scores[-1])} {sparkline(scores)}" if len(scores) > 1
                    else fmt.percent(scores[0]))
            trends.append(ScoreTrend(who=who, scores=scores, line=line))
        standing = data.standings(e, mondays[-1:])[-1]
        for flag in standing.only("score-drop", "score-plateau"):
            if flag.code in ("score-drop", "score-plateau"):
                found = Change(who=who, before=standing.status, now=standing.status,
                               flags=(FlagNote(name=flag.name, reason=flag.reason),))
                (drops if flag.code == "score-drop" else plateaus).append(found)
    shared = sorted(((label, tuple(people.values())) for label, people in domains.values()
                     if len({p.name.casefold() for p in people.values()}) >= settings.shared_weak_domain),
                    key=lambda item: (-len(item[1]), item[0].casefold()))
    weak = tuple(WeakDomain(topic=label, engineers=people, suggestion=f"A group session on {label}")
                 for label, people in shared)
    return BiweeklyReview(program=data.program, period=period, as_of=judged_on(mondays[-1], policy) - timedelta(days=1),
                          trends=tuple(trends), drops=tuple(drops), plateaus=tuple(plateaus), weak_domains=weak)


# ---------------------------------------------------------------------------------------------
# Monthly


def monthly_review(data: ReviewData, *, today: date | None = None, period: ReviewPeriod | None = None,
                   settings: ReviewSettings = DEFAULT_SETTINGS, budget: float | None = None) -> MonthlyReview:
    """Program health: share on track, who is projected to miss their exam date, who is at risk of
    dropping out (red two weeks running, or no hours two weeks running), hours against plan, the
    costs against the budget when the tracker keeps costs, and each cohort's attendance at its
    sessions of the month when the tracker keeps sessions (see `attendance`)."""
    period = period or review_due(ReviewKind.MONTHLY, _moment(today), data.policy, settings)
    policy, mondays = data.policy, period.mondays(data.policy)
    rows: list[tuple[Enrollment, WeekStanding | None]] = []
    miss, dropout = [], []
    logged = planned = 0.0
    costs = [e.cost for e in data.enrollments if e.cost is not None]
    for e in data.enrollments:
        standings = data.standings(e, mondays)
        last = standings[-1]
        if last.status is not Status.COMPLETED and not data.started_by(e, last.monday):
            rows.append((e, None))
            continue
        rows.append((e, last))
        target = e.weekly_target_hours or 0.0
        for s in standings:
            if s.hours is not None and s.status is not Status.COMPLETED:
                logged += s.hours
                planned += target
        if last.status is Status.COMPLETED:
            continue
        who = data.someone(e)
        for flag in last.only("off-pace-far", "off-pace"):
            miss.append(Finding(who=who, reason=flag.reason))
        if len(standings) >= 2:
            before = standings[-2]
            weeks = fmt.in_weeks([before.monday, last.monday])
            if data.started_by(e, before.monday) and before.red and last.red:
                dropout.append(Finding(who=who, reason=f"At risk two weeks running ({weeks})."))
            elif before.hours == 0 and last.hours == 0:
                dropout.append(Finding(who=who, reason=f"No hours logged two weeks running ({weeks})."))
    counts = _counts(rows)
    share = counts.on_track / counts.judged if counts.judged else None
    return MonthlyReview(program=data.program, period=period, as_of=judged_on(mondays[-1], policy) - timedelta(days=1),
                         counts=counts, share_on_track=share, projected_to_miss=tuple(miss), dropout_risk=tuple(dropout),
                         hours_logged=round(logged, 2), hours_planned=round(planned, 2), costs_tracked=bool(costs),
                         cost=round(math.fsum(costs), 2) if costs else None, budget=budget,
                         weeks=_week_counts(data, mondays), attendance=attendance(data, period))


def active_on(e: Enrollment, day: date) -> bool:
    """Whether the enrollment is studying on `day`: its study started, and not certified by then."""
    return e.study_start is not None and e.study_start <= day and not as_of(e, day).certified


def attendance(data: ReviewData, period: ReviewPeriod) -> tuple[Attendance, ...]:
    """Each cohort's sessions held in the period, and the average over them of the share of the
    cohort's active members (on the session's day) among its attendees; a session with no active
    member counts as held but has no share. Cohorts alphabetical: those with an enrollment active
    at the period's end or a session in it. None when the tracker keeps no sessions.

    The share is a figure about people: withheld ("fewer than 3 people") when the cohort has
    fewer than 3 members, or when a session counted fewer than 3 active members (its share would
    say who was there)."""
    if not data.sessions:
        return ()
    members: dict[str, list[Enrollment]] = defaultdict(list)
    for e in data.enrollments:
        if e.cohort is not None:
            members[e.cohort].append(e)
    out = []
    for cohort in sorted(set(members) | set(data.sessions), key=lambda c: (c.casefold(), c)):
        group = members.get(cohort, [])
        held = [s for s in data.sessions.get(cohort, ()) if period.first <= s.day <= period.last]
        if not held and not any(active_on(e, period.last) for e in group):
            continue
        shares, fewest = [], None
        for session in held:
            active = [e.id for e in group if active_on(e, session.day)]
            if not active:
                continue
            present = session.attended_by
            shares.append(sum(1 for ident in active if ident in present) / len(active))
            fewest = len(active) if fewest is None else min(fewest, len(active))
        figure = Figure(value=round(math.fsum(shares) / len(shares), 4), people=fewest) if shares else Figure()
        if len(group) < MIN_GROUP or (fewest is not None and fewest < MIN_GROUP):
            figure = Figure(withheld=FEWER)
        out.append(Attendance(cohort=cohort, members=len(group), sessions=len(held), attendance=figure))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Quarterly


def passed(e: Enrollment) -> bool:
    """Certified, or its exam result says Passed."""
    return e.certified or e.exam_result == "Passed"


def outcome_day(e: Enrollment) -> date | None:
    """The day an exam result belongs to: the certification date, else the exam date."""
    return e.certified_on or e.exam_date


def _sat(e: Enrollment) -> bool:
    return e.exam_result is not None or e.certified


def quarterly_review(data: ReviewData, *, today: date | None = None, period: ReviewPeriod | None = None,
                     settings: ReviewSettings = DEFAULT_SETTINGS, targets: Targets = DEFAULT_TARGETS) -> QuarterlyReview:
    """Outcomes of the exams of the quarter against the targets: overall, by certification, by
    cohort, and cohort training against self-study. Names nobody.

    The groups of a breakdown are those of every enrollment of the program (who is enrolled where
    is no secret), so that a group's presence says nothing about who sat an exam; a group of
    fewer than 3 members shows no figure at all, and neither does a figure over fewer than 3
    people (see `_withhold`)."""
    period = period or review_due(ReviewKind.QUARTERLY, _moment(today), data.policy, settings)
    sat = {e.id for e in data.enrollments
           if _sat(e) and (day := outcome_day(e)) is not None and period.first <= day <= period.last}
    hours = {e.id: math.fsum(c.hours or 0.0 for c in data.of_enrollment(e)) for e in data.enrollments if e.id in sat}
    everyone = data.enrollments
    overall = _withhold([_outcomes("Program", everyone, sat, hours)], None)[0]
    by_cert = _partition(everyone, sat, hours, lambda e: e.certification or NO_CERTIFICATION, overall)
    by_cohort = _partition(everyone, sat, hours, lambda e: e.cohort or SELF_STUDY, overall)
    versus = _partition(everyone, sat, hours, lambda e: COHORT_TRAINING if e.cohort else SELF_STUDY, overall,
                        order=(COHORT_TRAINING, SELF_STUDY))
    return QuarterlyReview(program=data.program, period=period, targets=targets, overall=overall,
                           against_targets=_against(overall, targets), by_certification=by_cert,
                           by_cohort=by_cohort, cohort_vs_self_study=versus)


def _figure(values: Sequence[float], people: int | None = None, total: float | None = None) -> Figure:
    """A figure as computed, before anything is withheld."""
    count = len(values) if people is None else people
    if not count:
        return Figure()
    value = (math.fsum(values) if total is None else total) / count
    return Figure(value=round(value, 4), people=count)


def _outcomes(group: str, members: Sequence[Enrollment], sat_ids: set[str], hours: dict[str, float]) -> Outcomes:
    sat = [e for e in members if e.id in sat_ids]
    won = [e for e in sat if passed(e)]
    known_attempts = [e for e in sat if e.attempts]
    costs = [e.cost for e in sat if e.cost is not None]
    weeks = [(e.certified_on - e.study_start).days / 7 for e in won if e.certified_on and e.study_start]
    return Outcomes(
        group=group, members=len(members), people=len(sat), certifications=len(won),
        pass_rate=_figure([1.0 if passed(e) else 0.0 for e in sat]),
        first_attempt_pass_rate=_figure([1.0 if passed(e) and e.attempts == 1 else 0.0 for e in known_attempts]),
        average_attempts=_figure([float(e.attempts) for e in won if e.attempts]),
        average_hours=_figure([hours[e.id] for e in won]),
        average_weeks=_figure(weeks),
        cost_per_certification=_figure(costs, people=len(won), total=math.fsum(costs)) if costs and won else Figure(),
        satisfaction=_figure([e.satisfaction for e in sat if e.satisfaction is not None]),
    )


def _partition(everyone: Sequence[Enrollment], sat: set[str], hours: dict[str, float], label, overall: Outcomes,
               order: Sequence[str] | None = None) -> tuple[Outcomes, ...]:
    groups: dict[str, list[Enrollment]] = defaultdict(list)
    for e in everyone:
        groups[label(e)].append(e)
    names = [n for n in order if n in groups] if order else sorted(groups, key=str.casefold)
    return tuple(_withhold([_outcomes(n, groups[n], sat, hours) for n in names], overall))


def _withhold(groups: list[Outcomes], overall: Outcomes | None) -> list[Outcomes]:
    """Withhold, figure by figure, every figure of a group of fewer than 3 members and every figure
    over fewer than 3 people; then what the program's total would give away: while the withheld
    groups of a breakdown hold together 1 or 2 of the people a figure counts, withhold the
    smallest other group's figure too (with the total it would recover theirs by subtraction).
    How many sat is withheld with the pass rate: with the certifications it would count failures.
    A withheld figure keeps no value."""
    updates: list[dict] = [{} for _ in groups]
    for name in FIGURES:
        figures = [getattr(g, name) for g in groups]
        hidden = {i for i, (g, f) in enumerate(zip(groups, figures))
                  if g.members < MIN_GROUP or (f.people and f.people < MIN_GROUP)}
        for i in hidden:
            updates[i][name] = Figure(withheld=FEWER)
        if overall is None or not getattr(overall, name).shown:
            continue
        while 0 < sum(figures[i].people or 0 for i in hidden) < MIN_GROUP:
            shown = [i for i, f in enumerate(figures) if f.people and i not in hidden]
            if not shown:
                break
            smallest = min(shown, key=lambda i: (groups[i].members, groups[i].group.casefold()))
            hidden.add(smallest)
            updates[smallest][name] = Figure(withheld=COMPLEMENT)
    out = []
    for g, u in zip(groups, updates):
        g = g.model_copy(update=u) if u else g
        out.append(g.model_copy(update={"people": None}) if g.pass_rate.withheld else g)
    return out


def _against(o: Outcomes, t: Targets) -> tuple[TargetCheck, ...]:
    def check(figure: str, value: Figure, target: str, low: float | None, high: float | None) -> TargetCheck:
        if not value.shown:
            return TargetCheck(figure=figure, value=None, target=target, met=None)
        met = (low is None or value.value >= low - 1e-9) and (high is None or value.value <= high + 1e-9)
        return TargetCheck(figure=figure, value=value.value, target=target, met=met)

    pct = lambda v: f"{fmt.number(v * 100)}%"  # noqa: E731
    return (
        check("First-attempt pass rate", o.first_attempt_pass_rate,
              f"{pct(t.first_attempt_pass_rate_low)}–{pct(t.first_attempt_pass_rate_high)}",
              t.first_attempt_pass_rate_low, None),
        check("Study hours per certification", o.average_hours,
              f"{fmt.number(t.study_hours_low)}–{fmt.number(t.study_hours_high)} h", t.study_hours_low, t.study_hours_high),
        check("Weeks to certification", o.average_weeks,
              f"{fmt.number(t.weeks_low)}–{fmt.number(t.weeks_high)} weeks", t.weeks_low, t.weeks_high),
        check("Satisfaction", o.satisfaction, f"at least {fmt.number(t.satisfaction_min)} of 5", t.satisfaction_min, None),
    )


# ---------------------------------------------------------------------------------------------
# All four


def compose(kind: ReviewKind | str, data: ReviewData, *, today: date | None = None,
            period: ReviewPeriod | None = None, settings: ReviewSettings = DEFAULT_SETTINGS,
            targets: Targets = DEFAULT_TARGETS, budget: float | None = None) -> Review:
    """The review of `kind` due as of the end of `today` (or of `period`)."""
    kind = ReviewKind(kind)
    if kind is ReviewKind.WEEKLY:
        return weekly_review(data, today=today, period=period, settings=settings)
    if kind is ReviewKind.BIWEEKLY:
        return biweekly_review(data, today=today, period=period, settings=settings)
    if kind is ReviewKind.MONTHLY:
        return monthly_review(data, today=today, period=period, settings=settings, budget=budget)
    return quarterly_review(data, today=today, period=period, settings=settings, targets=targets)
