"""What the four reviews hold, as data (rules/reviews.py computes them; sync/ renders them).

Frozen models only: who (never ranked), counts per status, changes with their reasons, score
trends, findings, and the quarterly figures, each either shown or withheld with the reason.
"""

from __future__ import annotations

from datetime import date

from .model import Frozen, Status
from .review_periods import ReviewKind, ReviewPeriod
from .targets import Targets


class StatusCounts(Frozen):
    on_track: int = 0
    slightly_behind: int = 0
    at_risk: int = 0
    completed: int = 0
    not_in_yet: int = 0  # active, no check-in for the week yet (weekly review only)
    not_started: int = 0  # no due week yet

    def of(self, status: Status) -> int:
        return getattr(self, COUNT_FIELD[status])

    @property
    def judged(self) -> int:
        return self.on_track + self.slightly_behind + self.at_risk


COUNT_FIELD = {Status.ON_TRACK: "on_track", Status.SLIGHTLY_BEHIND: "slightly_behind",
                Status.AT_RISK: "at_risk", Status.COMPLETED: "completed"}


class WeekCounts(Frozen):
    """How many enrollments stood where in one week: the charts' stacked bars."""

    monday: date
    counts: StatusCounts


class Someone(Frozen):
    """An enrollment as a review names it."""

    enrollment_id: str
    name: str
    certification: str | None = None


class FlagNote(Frozen):
    name: str
    reason: str


class Change(Frozen):
    """Someone whose status changed this week, with the flags behind the new status."""

    who: Someone
    before: Status
    now: Status
    flags: tuple[FlagNote, ...] = ()


class Conversation(Frozen):
    """The suggested five-minute conversation with an engineer at risk."""

    who: Someone
    blocker: str | None  # from their latest check-in that names one
    flags: tuple[FlagNote, ...]
    suggestion: str


class Message(Frozen):
    """A one-line message the manager can send."""

    who: Someone
    text: str


class WeeklyReview(Frozen):
    kind: ReviewKind = ReviewKind.WEEKLY
    program: str
    period: ReviewPeriod
    as_of: date  # the week is judged as of the end of its deadline day
    counts: StatusCounts
    not_in_yet: tuple[Someone, ...]
    turned_red: tuple[Change, ...]
    turned_yellow: tuple[Change, ...]
    recovered: tuple[Change, ...]
    completed: tuple[Someone, ...]
    conversations: tuple[Conversation, ...]
    great_progress: tuple[Message, ...]
    weeks: tuple[WeekCounts, ...]


class ScoreTrend(Frozen):
    who: Someone
    scores: tuple[float, ...]  # oldest first
    line: str  # "60 → 74 ▁▃▅█"

    @property
    def first(self) -> float:
        return self.scores[0]

    @property
    def latest(self) -> float:
        return self.scores[-1]


class WeakDomain(Frozen):
    topic: str
    engineers: tuple[Someone, ...]
    suggestion: str


class BiweeklyReview(Frozen):
    kind: ReviewKind = ReviewKind.BIWEEKLY
    program: str
    period: ReviewPeriod
    as_of: date
    trends: tuple[ScoreTrend, ...]
    drops: tuple[Change, ...]  # now flagged score-drop (the flag's reason)
    plateaus: tuple[Change, ...]  # now flagged score-plateau
    weak_domains: tuple[WeakDomain, ...]  # shared by several engineers, most-shared topic first


class Finding(Frozen):
    who: Someone
    reason: str


class Figure(Frozen):
    """One outcome figure: its value over `people`, or why it is withheld."""

    value: float | None = None  # None when withheld, or when nobody is counted
    people: int | None = None  # how many people the figure is over (None when withheld)
    withheld: str | None = None

    @property
    def shown(self) -> bool:
        return self.value is not None and self.withheld is None


class Attendance(Frozen):
    """One cohort's sessions of the month: how many were held, and the average share of the
    cohort's active members (study started, not certified, on the session's day) at each. The
    share is withheld when the cohort has fewer than 3 members or a session fewer than 3 active
    ones; its `people` are the fewest active members any of the sessions counted."""

    cohort: str
    members: int  # enrollments of the cohort
    sessions: int  # held in the month
    attendance: Figure


class MonthlyReview(Frozen):
    kind: ReviewKind = ReviewKind.MONTHLY
    program: str
    period: ReviewPeriod
    as_of: date
    counts: StatusCounts
    share_on_track: float | None  # of the active enrollments judged at the month's end
    projected_to_miss: tuple[Finding, ...]
    dropout_risk: tuple[Finding, ...]
    hours_logged: float
    hours_planned: float
    costs_tracked: bool
    cost: float | None
    budget: float | None
    weeks: tuple[WeekCounts, ...]
    attendance: tuple[Attendance, ...] = ()  # per cohort, alphabetical; none when the tracker keeps no sessions


class Outcomes(Frozen):
    group: str
    members: int  # enrollments of the group, whether or not they sat an exam
    # Enrollments with an exam result in the quarter; None when the pass rate is withheld (with
    # the certifications, the count would give the failures away).
    people: int | None
    certifications: int  # completed in the quarter: completions are not private
    pass_rate: Figure
    first_attempt_pass_rate: Figure
    average_attempts: Figure
    average_hours: Figure  # study hours per certification
    average_weeks: Figure  # weeks from study start to certification
    cost_per_certification: Figure
    satisfaction: Figure


FIGURES = ("pass_rate", "first_attempt_pass_rate", "average_attempts", "average_hours", "average_weeks",
           "cost_per_certification", "satisfaction")


class TargetCheck(Frozen):
    figure: str
    value: float | None
    target: str
    met: bool | None  # None: the figure is withheld or not tracked


class QuarterlyReview(Frozen):
    kind: ReviewKind = ReviewKind.QUARTERLY
    program: str
    period: ReviewPeriod
    targets: Targets
    overall: Outcomes
    against_targets: tuple[TargetCheck, ...]
    by_certification: tuple[Outcomes, ...]
    by_cohort: tuple[Outcomes, ...]
    cohort_vs_self_study: tuple[Outcomes, ...]  # (cohort training, self-study)


Review = WeeklyReview | BiweeklyReview | MonthlyReview | QuarterlyReview


# ---------------------------------------------------------------------------------------------
