"""The cached records as compact JSON rows, and back, fast.

A settled pass evaluates every cached record, so it rebuilds them all: 140,000 check-ins for a
program of 10,000 enrollments. Rows are positional arrays (no key names repeated 140,000 times)
and are rebuilt with `model_construct`: they were validated when they were read from the
tracker, and a row that does not decode is a broken cache, which the state sets aside.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned
from certsync.rules.model import CheckIn, DataProblem, Enrollment, ExamHistory, Milestones, Person

_NO_HISTORY = ExamHistory()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _person(value: Person | None) -> list[Any] | None:
    return None if value is None else [value.id, value.name]


def _unperson(value: list[Any] | None) -> Person | None:
    return None if value is None else Person.model_construct(id=value[0], name=value[1])


def _problems(problems: tuple[DataProblem, ...]) -> list[dict[str, Any]]:
    return [p.model_dump(mode="json") for p in problems]


def _unproblems(rows: list[dict[str, Any]]) -> tuple[DataProblem, ...]:
    return tuple(DataProblem.model_validate(row) for row in rows) if rows else ()


def encode_check_in(record: CheckInRecord) -> str:
    c = record.check_in
    inner = None if c is None else [
        c.id, c.enrollment_id, c.week_of.isoformat(), c.hours, c.milestones.value if c.milestones else None,
        c.confidence, c.practice_score, c.blockers, c.absence_reason]
    return json.dumps([record.id, inner, _iso(record.edited), _iso(record.submitted), _problems(record.problems)],
                      ensure_ascii=False, separators=(",", ":"))


_MILESTONES = {m.value: m for m in Milestones}
_construct_check_in = CheckIn.model_construct
_construct_record = CheckInRecord.model_construct
_parse_day = date.fromisoformat
_parse_moment = datetime.fromisoformat


def decode_check_in(row: list[Any]) -> CheckInRecord:
    ident, inner, edited, submitted, problems = row
    check_in = None
    if inner is not None:
        cid, enrollment_id, week_of, hours, milestones, confidence, score, blockers, absence = inner
        check_in = _construct_check_in(
            id=cid, enrollment_id=enrollment_id, week_of=_parse_day(week_of), hours=hours,
            milestones=_MILESTONES.get(milestones), confidence=confidence,
            practice_score=score, blockers=blockers, absence_reason=absence)
    return _construct_record(id=ident, check_in=check_in, edited=_parse_moment(edited) if edited else None,
                             submitted=_parse_moment(submitted) if submitted else None,
                             problems=_unproblems(problems) if problems else ())


def encode_enrollment(record: EnrollmentRecord) -> str:
    e = record.enrollment
    inner = [e.id, e.name, _person(e.engineer), _person(e.manager), e.certification, _iso(e.exam_date),
             _iso(e.study_start), e.weekly_target_hours, e.certified, e.planned_hours, _iso(e.diagnostic_exam),
             _iso(e.midpoint_exam), _iso(e.final_exam), e.reminders_off]
    owned = record.owned.model_dump(mode="json", exclude_defaults=True)
    return json.dumps([inner, owned, _iso(record.edited), _problems(record.problems)],
                      ensure_ascii=False, separators=(",", ":"))


def decode_enrollment(row: list[Any]) -> EnrollmentRecord:
    inner, owned, edited, problems = row
    (ident, name, engineer, manager, certification, exam_date, study_start, target, certified, planned,
     diagnostic, midpoint, final, reminders_off) = inner
    enrollment = Enrollment.model_construct(
        id=ident, name=name, engineer=_unperson(engineer), manager=_unperson(manager), certification=certification,
        exam_date=_day(exam_date), study_start=_day(study_start), weekly_target_hours=target, certified=certified,
        exam_history=_NO_HISTORY, planned_hours=planned, diagnostic_exam=_day(diagnostic),
        midpoint_exam=_day(midpoint), final_exam=_day(final), reminders_off=reminders_off)
    return EnrollmentRecord.model_construct(enrollment=enrollment, owned=Owned.model_validate(owned),
                                            edited=_moment(edited), problems=_unproblems(problems))


def decode_rows(rows: list[tuple[str, str]], decode: Any) -> dict[str, Any]:
    """Rows of (id, encoded) decoded in one JSON parse."""
    if not rows:
        return {}
    values = json.loads("[" + ",".join(r for _, r in rows) + "]")
    return {ident: decode(value) for (ident, _), value in zip(rows, values)}
