"""Plan a pass: what each enrollment's owned fields should hold, and what must change.

Pure: records, state and today in; actions out. `--dry-run` prints this plan and stops.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned, changed_fields
from certsync.rules import RULES, evaluate
from certsync.rules.model import Assessment, CheckIn, DataProblem, ExamHistory, Flag, Severity
from certsync.rules.policy import Policy
from certsync.sync.comment import comment_text, marker

def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


# A flag's code from its name as a tracker shows it (trackers may have to respell names:
# Notion allows no commas in option names).
CODE_OF_NAME = {_key(rule.name): rule.code for rule in RULES}


def code_of(name: str) -> str:
    return CODE_OF_NAME.get(_key(name), name)


@dataclass(frozen=True)
class CommentDraft:
    marker: str
    text: str
    new_flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Action:
    """What one enrollment needs. `changes` is empty when the page already holds `desired`."""

    record: EnrollmentRecord
    history: ExamHistory
    desired: Owned
    changes: dict[str, Any]
    assessment: Assessment | None = None
    comment: CommentDraft | None = None
    problems: tuple[DataProblem, ...] = field(default=())

    @property
    def page_id(self) -> str:
        return self.record.enrollment.id


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


def plan(
    records: Iterable[EnrollmentRecord],
    check_ins: Iterable[CheckInRecord],
    *,
    histories: dict[str, ExamHistory],
    written: dict[str, Owned],
    today: date,
    policy: Policy,
    canonical: Callable[[Owned], Owned] = lambda owned: owned,
) -> list[Action]:
    by_enrollment: dict[str, list[CheckIn]] = defaultdict(list)
    problems_of: dict[str, list[DataProblem]] = defaultdict(list)
    for item in check_ins:
        if item.check_in is not None:
            by_enrollment[item.check_in.enrollment_id].append(item.check_in)
        for problem in item.problems:
            if problem.enrollment_id:
                problems_of[problem.enrollment_id].append(problem)
    return [
        _action(record, by_enrollment[record.enrollment.id],
                tuple(record.problems) + tuple(sorted(problems_of[record.enrollment.id], key=_problem_order)),
                histories.get(record.enrollment.id), written.get(record.enrollment.id),
                today, policy, canonical)
        for record in sorted(records, key=lambda r: (r.enrollment.name.lower(), r.enrollment.id))
    ]


def _action(record: EnrollmentRecord, check_ins: list[CheckIn], problems: tuple[DataProblem, ...],
            known: ExamHistory | None, written: Owned | None, today: date, policy: Policy,
            canonical: Callable[[Owned], Owned]) -> Action:
    current = record.owned
    history = exam_history(record, known, written)
    if problems:
        # certsync cannot judge this enrollment correctly: it says why and changes nothing else.
        desired = canonical(current.model_copy(update={"sync_problem": problem_text(problems)}))
        return _with_changes(record, history, desired, today, problems=problems)
    enrollment = record.enrollment.model_copy(update={"exam_history": history})
    assessment = evaluate(enrollment, check_ins, today=today, policy=policy)
    desired = canonical(current.model_copy(update={
        "status": assessment.status.value,
        "flags": tuple(flag.name for flag in assessment.flags),
        "flag_details": assessment.details,
        "postponements": assessment.postponements,
        "sync_problem": "",
    }))
    had = {code_of(name) for name in current.flags}
    new_red = [flag for flag in assessment.flags if flag.severity is Severity.RED and flag.code not in had]
    comment = None
    if new_red:
        comment = CommentDraft(
            marker=marker(record.enrollment.id, [f.code for f in new_red], current),
            text=comment_text(enrollment, new_red),
            new_flags=tuple(new_red),
        )
    return _with_changes(record, history, desired, today, assessment=assessment, comment=comment)


def _with_changes(record: EnrollmentRecord, history: ExamHistory, desired: Owned, today: date,
                  **extra: Any) -> Action:
    changes = changed_fields(record.owned, desired, tuple(f for f in Owned.model_fields if f != "last_synced"))
    if changes:
        # `Last synced` says when certsync last changed this record; alone it is never a change.
        changes["last_synced"] = today
        desired = desired.model_copy(update={"last_synced": today})
    return Action(record=record, history=history, desired=desired, changes=changes, **extra)
