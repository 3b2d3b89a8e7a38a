"""Plan a pass: what each enrollment's owned fields should hold, and which alerts are owed.

Pure: records, the cohorts' sessions, state and today in; actions out. `--dry-run` prints this plan and stops.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from datetime import date, datetime, UTC
from typing import Any

from certsync.adapters.records import OWNED_FIELDS, CheckInRecord, EnrollmentRecord, Owned, changed_fields
from certsync.rules import RULES, evaluate
from certsync.rules.episodes import raised_since
from certsync.rules.model import Assessment, CheckIn, DataProblem, ExamHistory, Flag, Session, Severity
from certsync.rules.sessions import ORDER as SESSION_ORDER
from certsync.rules.policy import Policy
from certsync.rules.weeks import monday_of
from certsync.sync.comment import episode_token


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


# A flag's code from its name as a tracker shows it (trackers may have to respell names:
# Notion allows no commas in option names).
CODE_OF_NAME = {_key(rule.name): rule.code for rule in RULES}


@cache
def code_of(name: str) -> str:
    return CODE_OF_NAME.get(_key(name), name)


@dataclass(frozen=True)
class AlertDraft:
    """The red flags whose episode has no alert yet, each with its episode's token."""

    flags: tuple[Flag, ...]
    tokens: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """How the state names each announced episode: `code/token`."""
        return tuple(f"{f.code}/{t}" for f, t in zip(self.flags, self.tokens))

    def only(self, tokens: Iterable[str]) -> AlertDraft:
        keep = set(tokens)
        pairs = [(f, t) for f, t in zip(self.flags, self.tokens) if t in keep]
        return AlertDraft(flags=tuple(f for f, _ in pairs), tokens=tuple(t for _, t in pairs))


@dataclass(frozen=True)
class Action:
    """What one enrollment needs. `changes` is empty when the record already holds `desired`."""

    record: EnrollmentRecord
    history: ExamHistory
    desired: Owned
    changes: dict[str, Any]
    assessment: Assessment | None = None
    alert: AlertDraft | None = None
    problems: tuple[DataProblem, ...] = field(default=())
    history_changed: bool = False

    @property
    def page_id(self) -> str:
        return self.record.enrollment.id

    @property
    def comment(self) -> AlertDraft | None:
        return self.alert

    @property
    def judged(self) -> bool:
        return self.assessment is not None


def exam_history(record: EnrollmentRecord, known: ExamHistory | None, written: Owned | None) -> ExamHistory:
    """The exam dates seen, with this pass's date appended when it moved.

    The tracker is the source of truth: without local history (first pass, or the state file was
    lost) the count starts from the `Postponements` field; and when someone changed that field
    since certsync last wrote it, their value becomes the new base.
    """
    current = record.enrollment.exam_date
    recorded = record.owned.postponements or 0
    edited_by_someone = written is not None and record.owned.postponements != written.postponements
    if known is None or edited_by_someone:
        known = ExamHistory(dates_seen=(), postponements_before=recorded)
    dates = known.dates_seen
    if current is not None and (not dates or dates[-1] != current):
        dates = dates + (current,)
    return known.model_copy(update={"dates_seen": dates})


def _problem_order(problem: DataProblem) -> tuple[str, str, str]:
    return (problem.record_name, problem.record_id, problem.field)


def problem_text(problems: Iterable[DataProblem]) -> str:
    return "\n".join(str(problem) for problem in problems)


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def one_score_per_week(items: list[CheckInRecord]) -> tuple[list[CheckIn], list[DataProblem]]:
    """The check-ins the rules judge. Hours of two check-ins in one week add up (a check-in may
    log part of a week), but a practice score is reported once a week: of a resubmitted week's
    scores the one submitted last counts, and each other one is named (without blocking)."""
    scored: dict[date, list[CheckInRecord]] = defaultdict(list)
    for item in items:
        assert item.check_in is not None
        if item.check_in.practice_score is not None:
            scored[monday_of(item.check_in.week_of)].append(item)
    dropped: dict[str, CheckInRecord] = {}
    notes: list[DataProblem] = []
    for monday, group in scored.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda r: (r.submitted or r.edited or _EARLIEST, r.id))
        for older in group[:-1]:
            dropped[older.id] = older
            notes.append(DataProblem(
                record_id=older.id, record_name=f"Check-in {older.id}", field="Practice score",
                expected=f"one practice score for the week of {monday:%d %b %Y}",
                found=f"another in check-in {group[-1].id}, submitted later, which counts instead",
                enrollment_id=older.check_in.enrollment_id, blocking=False))  # type: ignore[union-attr]
    kept = [item.check_in if item.id not in dropped else item.check_in.model_copy(update={"practice_score": None})
            for item in items]
    return kept, notes  # type: ignore[return-value]


def plan(
    records: Iterable[EnrollmentRecord],
    check_ins: Iterable[CheckInRecord],
    *,
    histories: dict[str, ExamHistory],
    written: dict[str, Owned],
    today: date,
    policy: Policy,
    canonical: Callable[[Owned], Owned] = lambda owned: owned,
    alerted: dict[str, set[str]] | None = None,
    owned_fields: tuple[str, ...] = OWNED_FIELDS,
    sessions: Iterable[Session] = (),
) -> list[Action]:
    """`alerted`: per record, the `code/token` keys of alerts known to be posted (not owed again).
    `sessions`: every cohort's, each enrollment judged with its own cohort's."""
    by_enrollment: dict[str, list[CheckInRecord]] = defaultdict(list)
    problems_of: dict[str, list[DataProblem]] = defaultdict(list)
    for item in check_ins:
        if item.check_in is not None:
            by_enrollment[item.check_in.enrollment_id].append(item)
        for problem in item.problems:
            if problem.enrollment_id:
                problems_of[problem.enrollment_id].append(problem)
    by_cohort: dict[str, list[Session]] = defaultdict(list)
    for session in sorted(sessions, key=SESSION_ORDER):
        if session.cohort is not None:
            by_cohort[session.cohort].append(session)
    alerted = alerted or {}
    actions = []
    for record in sorted(records, key=lambda r: (r.enrollment.name.lower(), r.enrollment.id)):
        ident = record.enrollment.id
        kept, notes = one_score_per_week(by_enrollment[ident])
        problems = tuple(record.problems) + tuple(sorted(problems_of[ident] + notes, key=_problem_order))
        cohort = record.enrollment.cohort
        actions.append(_action(record, kept, problems, histories.get(ident), written.get(ident), today,
                               policy, canonical, alerted.get(ident, set()), owned_fields,
                               tuple(by_cohort.get(cohort, ())) if cohort is not None else ()))
    return actions


def _action(record: EnrollmentRecord, check_ins: list[CheckIn], problems: tuple[DataProblem, ...],
            known: ExamHistory | None, written: Owned | None, today: date, policy: Policy,
            canonical: Callable[[Owned], Owned], alerted: set[str], owned_fields: tuple[str, ...],
            sessions: tuple[Session, ...] = ()) -> Action:
    current = record.owned
    history = exam_history(record, known, written)
    extra = {"history_changed": history != known, "problems": problems}
    if any(p.blocking for p in problems):
        # certsync cannot judge this enrollment correctly: it says why and changes nothing else.
        desired = canonical(current.model_copy(update={"sync_problem": problem_text(problems)}))
        return _with_changes(record, history, desired, today, owned_fields, **extra)
    enrollment = record.enrollment.model_copy(update={"exam_history": history})
    assessment = evaluate(enrollment, check_ins, today=today, policy=policy, sessions=sessions)
    glance = assessment.summary
    desired = canonical(current.model_copy(update={
        "status": assessment.status.value,
        "flags": tuple(flag.name for flag in assessment.flags),
        "flag_details": assessment.details,
        "postponements": assessment.postponements,
        "sync_problem": problem_text(problems),
        "weeks_completed": glance.weeks_completed,
        "hours_last_week": glance.hours_last_week,
        "hours_vs_plan": glance.hours_vs_plan,
        "latest_score": glance.latest_score,
        "score_trend": glance.score_trend or "",
        "projected_ready": glance.projected_ready,
    }))
    owed = []
    reds = [flag for flag in assessment.flags if flag.severity is Severity.RED]
    shown = {code_of(name) for name in current.flags} if reds else set()
    alerted_codes = {key.split("/", 1)[0] for key in alerted}
    for flag in reds:
        if flag.code in shown and flag.code in alerted_codes:
            continue  # raised when certsync last wrote the record, and its episode was alerted
        since = raised_since(enrollment, check_ins, flag.code, today=today, policy=policy, sessions=sessions)
        token = episode_token(record.enrollment.id, flag.code, since)
        if f"{flag.code}/{token}" not in alerted:
            owed.append((flag, token))
    alert = AlertDraft(flags=tuple(f for f, _ in owed), tokens=tuple(t for _, t in owed)) if owed else None
    return _with_changes(record, history, desired, today, owned_fields, assessment=assessment, alert=alert, **extra)


def _with_changes(record: EnrollmentRecord, history: ExamHistory, desired: Owned, today: date,
                  owned_fields: tuple[str, ...], **extra: Any) -> Action:
    changes = changed_fields(record.owned, desired, tuple(f for f in owned_fields if f != "last_synced"))
    if changes and "last_synced" in owned_fields:
        # `Last synced` says when certsync last changed this record; alone it is never a change.
        changes["last_synced"] = today
        desired = desired.model_copy(update={"last_synced": today})
    return Action(record=record, history=history, desired=desired, changes=changes, **extra)
