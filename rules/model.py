"""The common model: what every tracker is read into and what the rules judge.

Immutable pydantic models with no behaviour beyond a few derived values. Adapters build them,
the engine reads them, `sync/` compares them. Nothing here knows Notion, Asana, a clock or a file.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        """A copy; with `update`, without the values derived from the original (cached properties),
        which its new fields may no longer give."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            for name in _derived(type(self)):
                copied.__dict__.pop(name, None)
        return copied


def _derived(model: type) -> tuple[str, ...]:
    """The names of a model's cached properties, found once per class."""
    found = _DERIVED.get(model)
    if found is None:
        found = _DERIVED[model] = tuple(name for klass in model.__mro__ for name, value in vars(klass).items()
                                        if isinstance(value, cached_property))
    return found


_DERIVED: dict[type, tuple[str, ...]] = {}


class Milestones(StrEnum):
    YES = "Yes"
    PARTIAL = "Partial"
    NO = "No"


class Severity(StrEnum):
    RED = "red"
    YELLOW = "yellow"


class Status(StrEnum):
    ON_TRACK = "On track"
    SLIGHTLY_BEHIND = "Slightly behind"
    AT_RISK = "At risk"
    COMPLETED = "Completed"


class Person(Frozen):
    """Someone in the PM tool: its user id where the tool has one, and a name to show."""

    id: str | None = None
    name: str


class ExamHistory(Frozen):
    """The exam dates passes have seen, oldest first, and what was counted before them.

    `postponements_before` carries a count read back from the tracker's own `Postponements`
    field when the local history was lost: the tracker is the source of truth.
    """

    dates_seen: tuple[date, ...] = ()
    postponements_before: int = Field(default=0, ge=0)

    @cached_property
    def postponements(self) -> int:
        later = sum(1 for before, after in zip(self.dates_seen, self.dates_seen[1:]) if after > before)
        return self.postponements_before + later


class Enrollment(Frozen):
    """One engineer pursuing one certification."""

    id: str
    name: str
    engineer: Person | None = None
    manager: Person | None = None
    certification: str | None = None
    exam_date: date | None = None
    study_start: date | None = None
    weekly_target_hours: float | None = Field(default=None, ge=0)
    certified: bool = False
    exam_history: ExamHistory = ExamHistory()
    # Optional, read when the tracker keeps them (issue 12): the plan's total hours when it is not
    # the weekly target times the weeks to the exam, the practice exam dates, and the engineer's
    # own switch for reminders.
    planned_hours: float | None = Field(default=None, ge=0)
    diagnostic_exam: date | None = None
    midpoint_exam: date | None = None
    final_exam: date | None = None
    reminders_off: bool = False
    # Optional outcome and cohort fields, read-only for certsync (issue 13): what the quarterly
    # review counts. A cohort of None is self-study.
    exam_result: Literal["Passed", "Failed"] | None = None
    attempts: int | None = Field(default=None, ge=0)
    certified_on: date | None = None
    cost: float | None = Field(default=None, ge=0)
    cohort: str | None = None
    satisfaction: float | None = Field(default=None, ge=1, le=5)


class CheckIn(Frozen):
    """One weekly progress update. Its week is the Monday-to-Sunday week containing `week_of`."""

    id: str
    enrollment_id: str
    week_of: date
    hours: float | None = Field(default=None, ge=0)
    milestones: Milestones | None = None
    confidence: int | None = Field(default=None, ge=1, le=5)
    practice_score: float | None = Field(default=None, ge=0, le=100)
    blockers: str = ""
    absence_reason: str = ""
    weak_domains: tuple[str, ...] = ()  # optional multi-select: the topics the engineer found hard


class Session(Frozen):
    """One meeting of a cohort (the optional Sessions data source or project): when, on what, and
    which enrollments attended. Attendance counts from the session's date on."""

    id: str
    day: date
    cohort: str | None = None
    topic: str = ""
    attendees: tuple[str, ...] = ()  # enrollment ids

    @cached_property
    def attended_by(self) -> frozenset[str]:
        """The attendees as a set: asked once per member and week, of cohorts of thousands."""
        return frozenset(self.attendees)


class StudyPlanRow(Frozen):
    """One week of a certification's study plan: its three deliverables.

    Week 1 is the enrollment's first week (the study start's, or the next one when the study
    starts after its week's check-in deadline). A row with an `enrollment_id` is that
    enrollment's own and overrides its certification's row for the same week.
    """

    certification: str | None = None
    week: int = Field(ge=1)
    study_target: str = ""
    practice_activity: str = ""
    verification: str = ""
    enrollment_id: str | None = None


class Flag(Frozen):
    """A finding of one rule, with a reason that cites the numbers and weeks behind it."""

    code: str
    severity: Severity
    name: str
    reason: str


class Summary(Frozen):
    """The record at a glance, as of one date (the owned summary fields; None: no value).

    `hours_vs_plan` is negative when behind; `score_trend` reads like "60 → 68 → 74 ▁▅█".
    """

    weeks_completed: int = 0
    hours_last_week: float | None = None
    hours_vs_plan: float | None = None
    latest_score: float | None = None
    score_trend: str | None = None
    projected_ready: date | None = None


class Assessment(Frozen):
    """What the rules conclude about one enrollment as of one date."""

    enrollment_id: str
    status: Status
    flags: tuple[Flag, ...] = ()
    postponements: int = 0
    summary: Summary = Summary()

    @property
    def red_flags(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.severity is Severity.RED)

    @property
    def details(self) -> str:
        """The flags' reasons as one text, one line per flag."""
        return "\n".join(f"{f.name}: {f.reason}" for f in self.flags)


class DataProblem(Frozen):
    """A value certsync could not read: which record, which field, what was expected and found."""

    record_id: str
    record_name: str
    field: str
    expected: str
    found: str
    enrollment_id: str | None = None
    # A blocking problem leaves the enrollment unjudged (its value is needed); another is only
    # reported (a check-in resubmitted for the same week: the later one counts).
    blocking: bool = True

    def __str__(self) -> str:
        return f"{self.record_name}: {self.field}: expected {self.expected}, found {self.found}"


class Program(Frozen):
    """A snapshot of one tracker: its enrollments, their check-ins, and what could not be read."""

    name: str
    enrollments: tuple[Enrollment, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()
    problems: tuple[DataProblem, ...] = ()
    study_plan: tuple[StudyPlanRow, ...] = ()
    sessions: tuple[Session, ...] = ()
