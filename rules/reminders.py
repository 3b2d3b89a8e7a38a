"""Which reminders are due at a moment: a pure function of the program and the time.

`now` is an aware datetime in the program's time zone; every moment is a local time of that
zone (so Friday's 15:00 stays 15:00 across a daylight-saving change). A reminder is due from its
moment until its window closes, so one whose moment passed while the job was down still goes
while it makes sense, and never after:

- friday-update: on the check-in deadline day at 15:00, "Submit your weekly progress update", to
  engineers whose week has no check-in yet; until the end of the deadline day.
- monday-goals: Monday 09:00, the week's three deliverables from the study plan (an enrollment's
  own row for the week, else its certification's; none without a row); until the end of Monday.
- practice-exam: 09:00 the day before each practice exam; until the exam day begins.

Only active enrollments get reminders: the study has started, not certified, the exam not past,
and the engineer has not switched reminders off. Each reminder names its occasion (the kind and
the week or the exam date, e.g. `friday-update:2026-W47`), the same at every moment of its
window, so that a sender sends it once per person and occasion.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta, UTC
from enum import StrEnum

from . import reasons as fmt
from .model import CheckIn, Enrollment, Frozen, StudyPlanRow
from .policy import Policy, ReminderSettings
from .weeks import deadline_of, first_monday, monday_of

UPDATE_TEXT = (
    "Submit your weekly progress update: hours, milestones (Yes/Partial/No and what prevented completion), "
    "confidence 1–5, blockers for next week."
)
PRACTICE_EXAMS = (
    ("diagnostic_exam", "diagnostic exam"),
    ("midpoint_exam", "mid-point practice exam"),
    ("final_exam", "final practice exam"),
)
DEFAULT_POLICY = Policy()
DEFAULT_SETTINGS = ReminderSettings()


class ReminderKind(StrEnum):
    FRIDAY_UPDATE = "friday-update"
    MONDAY_GOALS = "monday-goals"
    PRACTICE_EXAM = "practice-exam"


class Reminder(Frozen):
    """One reminder due to one engineer: what to post, for which occasion, and until when it may go."""

    kind: ReminderKind
    enrollment_id: str
    occasion: str  # stable over the window: the sender's key, with the enrollment id
    text: str
    moment: datetime  # when it is due
    until: datetime  # when its window closes (exclusive): later it would be stale


class MissingGoals(Frozen):
    """A study goals reminder that is due but cannot go: the plan has no row for the week."""

    enrollment_id: str
    week: int
    occasion: str


def due_reminders(
    enrollments: Iterable[Enrollment],
    check_ins: Iterable[CheckIn],
    plan_rows: Iterable[StudyPlanRow],
    now: datetime,
    *,
    policy: Policy = DEFAULT_POLICY,
    settings: ReminderSettings = DEFAULT_SETTINGS,
) -> list[Reminder]:
    """The reminders due at `now`, by enrollment in the order given, then by kind."""
    return [r for r in _round(enrollments, check_ins, plan_rows, now, policy, settings) if isinstance(r, Reminder)]


def missing_goals(
    enrollments: Iterable[Enrollment],
    plan_rows: Iterable[StudyPlanRow],
    now: datetime,
    *,
    policy: Policy = DEFAULT_POLICY,
    settings: ReminderSettings = DEFAULT_SETTINGS,
) -> list[MissingGoals]:
    """The study goals reminders due at `now` that cannot go for want of a plan row (for the pass output)."""
    return [r for r in _round(enrollments, (), plan_rows, now, policy, settings) if isinstance(r, MissingGoals)]


def is_active(enrollment: Enrollment, today: date) -> bool:
    """The study has started, the enrollment is not certified, and the exam is not past."""
    e = enrollment
    return (e.study_start is not None and e.study_start <= today and not e.certified
            and (e.exam_date is None or e.exam_date >= today))


def _round(enrollments, check_ins, plan_rows, now, policy, settings) -> Iterator[Reminder | MissingGoals]:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime in the program's time zone")
    zone, today = now.tzinfo, now.date()
    monday = monday_of(today)
    update = _update_window(monday, zone, now, policy, settings)
    goals = _goals_window(monday, zone, now, settings)
    reported = {(c.enrollment_id, monday_of(c.week_of)) for c in check_ins} if update else set()
    plan = _plan_index(plan_rows) if goals else {}
    for e in enrollments:
        if e.reminders_off or not is_active(e, today):
            continue
        week = (monday - first_monday(e.study_start, policy)).days // 7 + 1  # of the study plan
        if update and week >= 1 and (e.id, monday) not in reported:
            yield Reminder(kind=ReminderKind.FRIDAY_UPDATE, enrollment_id=e.id, occasion=_weekly("friday-update", monday),
                           text=_update_text(settings), moment=update[0], until=update[1])
        if goals and week >= 1:
            occasion = _weekly("monday-goals", monday)
            text = _goals_text(plan.get((e.id, week)) or plan.get((None, e.certification, week)), week)
            if text is None:
                yield MissingGoals(enrollment_id=e.id, week=week, occasion=occasion)
            else:
                yield Reminder(kind=ReminderKind.MONDAY_GOALS, enrollment_id=e.id, occasion=occasion, text=text,
                               moment=goals[0], until=goals[1])
        if settings.practice_exam:
            yield from _practice_exams(e, zone, now, settings)


def _update_window(monday: date, zone, now: datetime, policy: Policy, settings: ReminderSettings):
    """This week's update reminder window when `now` is inside it: until the end of the deadline day
    (or of the reminder's own day, when it is moved after the deadline)."""
    if not settings.update:
        return None
    day = monday + timedelta(days=int(policy.checkin_deadline if settings.update_day is None else settings.update_day))
    closes = max(deadline_of(monday, policy), day) + timedelta(days=1)
    return _open(_at(day, settings.update_at, zone), _at(closes, time(0), zone), now)


def _goals_window(monday: date, zone, now: datetime, settings: ReminderSettings):
    if not settings.goals:
        return None
    day = monday + timedelta(days=int(settings.goals_day))
    return _open(_at(day, settings.goals_at, zone), _at(day + timedelta(days=1), time(0), zone), now)


def _practice_exams(e: Enrollment, zone, now: datetime, settings: ReminderSettings) -> Iterator[Reminder]:
    """One reminder per practice exam date whose window `now` is in (two exams on a day share it)."""
    by_day: dict[date, list[str]] = {}
    for field, name in PRACTICE_EXAMS:
        day = getattr(e, field)
        if day is not None:
            by_day.setdefault(day, []).append(name)
    for day in sorted(by_day):
        window = _open(_at(day - timedelta(days=settings.practice_exam_days_before), settings.practice_exam_at, zone),
                       _at(day, time(0), zone), now)
        if window:
            yield Reminder(kind=ReminderKind.PRACTICE_EXAM, enrollment_id=e.id, occasion=f"practice-exam:{day.isoformat()}",
                           text=_exam_text(by_day[day], day, settings.practice_exam_days_before),
                           moment=window[0], until=window[1])


def _at(day: date, at: time, zone) -> datetime:
    """The local time `at` on `day` in the program's zone."""
    return datetime.combine(day, at, tzinfo=zone)


def _open(moment: datetime, until: datetime, now: datetime) -> tuple[datetime, datetime] | None:
    """(moment, until) when `now` lies in [moment, until), compared as instants (not wall times)."""
    utc = UTC
    return (moment, until) if moment.astimezone(utc) <= now.astimezone(utc) < until.astimezone(utc) else None


def _weekly(kind: str, monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{kind}:{year}-W{week:02d}"


def _plan_index(rows: Iterable[StudyPlanRow]) -> dict[tuple, StudyPlanRow]:
    """Rows by (enrollment id, week) for personal rows and (None, certification, week) for the
    certification's; the first row given wins over a duplicate."""
    index: dict[tuple, StudyPlanRow] = {}
    for row in rows:
        key = (row.enrollment_id, row.week) if row.enrollment_id else (None, row.certification, row.week)
        index.setdefault(key, row)
    return index


def _update_text(settings: ReminderSettings) -> str:
    return f"{UPDATE_TEXT} The form: {settings.form_url}" if settings.form_url else UPDATE_TEXT


def _goals_text(row: StudyPlanRow | None, week: int) -> str | None:
    if row is None:
        return None
    items = [(label, " ".join(value.split())) for label, value in (
        ("Study target", row.study_target), ("Practice activity", row.practice_activity),
        ("Verification", row.verification))]
    lines = [f"• {label}: {value}" for label, value in items if value]
    if not lines:
        return None
    return "\n".join([f"Your study goals for this week (week {week} of your plan) are:", *lines])


def _exam_text(names: list[str], day: date, days_before: int) -> str:
    verb = "is" if len(names) == 1 else "are"
    when = f"tomorrow, {fmt.day(day)}" if days_before == 1 else f"{fmt.day(day)}, in {days_before} days"
    return f"Your {fmt.join(names)} {verb} scheduled for {when}. Good luck!"
