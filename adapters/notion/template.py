"""The reference template (DESIGN.md) as Notion databases, and a program written into it.

Used by `certsync demo` and the end-to-end tests to build a tracker the way a team would, through
the public API; owned properties are left to `provision`, as on a real tracker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from certsync.adapters.notion.write import rich_text
from certsync.rules.model import CheckIn, Enrollment, Person, Program, Session, StudyPlanRow

EXAM_RESULTS = [{"name": "Passed", "color": "green"}, {"name": "Failed", "color": "red"}]


@dataclass(frozen=True)
class Template:
    enrollments: str  # data source ids
    check_ins: str
    enrollments_database: str
    check_ins_database: str
    study_plan: str | None = None
    study_plan_database: str | None = None
    sessions: str | None = None
    sessions_database: str | None = None


def _title(text: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": {"content": text}}]


def enrollment_schema(f: Any) -> dict[str, Any]:
    return {
        f.name: {"title": {}},
        f.engineer: {"people": {}},
        f.manager: {"people": {}},
        f.certification: {"select": {"options": []}},
        f.exam_date: {"date": {}},
        f.study_start: {"date": {}},
        f.weekly_target_hours: {"number": {"format": "number"}},
        f.certified: {"checkbox": {}},
        f.planned_hours: {"number": {"format": "number"}},
        f.diagnostic_exam: {"date": {}},
        f.midpoint_exam: {"date": {}},
        f.final_exam: {"date": {}},
        f.reminders_off: {"checkbox": {}},
        f.exam_result: {"select": {"options": EXAM_RESULTS}},
        f.attempts: {"number": {"format": "number"}},
        f.certified_on: {"date": {}},
        f.cost: {"number": {"format": "number"}},
        f.cohort: {"select": {"options": []}},
        f.satisfaction: {"number": {"format": "number"}},
    }


def sessions_schema(f: Any, enrollments: str) -> dict[str, Any]:
    """One page per meeting of a cohort; `Attendees` links the enrollments of those who came."""
    return {
        f.topic: {"title": {}},
        f.date: {"date": {}},
        f.cohort: {"select": {"options": []}},
        f.attendees: {"relation": {"data_source_id": enrollments, "type": "single_property", "single_property": {}}},
    }


def study_plan_schema(f: Any, enrollments: str) -> dict[str, Any]:
    return {
        "Name": {"title": {}},
        f.certification: {"select": {"options": []}},
        f.week: {"number": {"format": "number"}},
        f.study_target: {"rich_text": {}},
        f.practice_activity: {"rich_text": {}},
        f.verification: {"rich_text": {}},
        f.enrollment: {"relation": {"data_source_id": enrollments, "type": "single_property", "single_property": {}}},
    }


def check_in_schema(f: Any, enrollments: str) -> dict[str, Any]:
    return {
        f.name: {"title": {}},
        f.enrollment: {"relation": {"data_source_id": enrollments, "type": "dual_property", "dual_property": {}}},
        f.week_of: {"date": {}},
        f.hours: {"number": {"format": "number"}},
        f.milestones: {"select": {"options": [{"name": "Yes", "color": "green"}, {"name": "Partial", "color": "yellow"},
                                              {"name": "No", "color": "red"}]}},
        f.confidence: {"number": {"format": "number"}},
        f.practice_score: {"number": {"format": "percent"}},
        f.blockers: {"rich_text": {}},
        f.absence_reason: {"rich_text": {}},
        f.weak_domains: {"multi_select": {"options": []}},
    }


def create_template(api: Any, parent_page_id: str, fields: Any, check_in_fields: Any,
                    title: str = "Certifications", study_plan_fields: Any = None,
                    sessions_fields: Any = None) -> Template:
    enrollments = api.databases.create(
        parent={"type": "page_id", "page_id": parent_page_id}, title=_title(f"{title}: Enrollments"),
        initial_data_source={"properties": enrollment_schema(fields)},
    )
    enrollments_ds = enrollments["data_sources"][0]["id"]
    check_ins = api.databases.create(
        parent={"type": "page_id", "page_id": parent_page_id}, title=_title(f"{title}: Check-ins"),
        initial_data_source={"properties": check_in_schema(check_in_fields, enrollments_ds)},
    )
    plan = None
    if study_plan_fields is not None:
        plan = api.databases.create(
            parent={"type": "page_id", "page_id": parent_page_id}, title=_title(f"{title}: Study plan"),
            initial_data_source={"properties": study_plan_schema(study_plan_fields, enrollments_ds)},
        )
    sessions = None
    if sessions_fields is not None:
        sessions = api.databases.create(
            parent={"type": "page_id", "page_id": parent_page_id}, title=_title(f"{title}: Sessions"),
            initial_data_source={"properties": sessions_schema(sessions_fields, enrollments_ds)},
        )
    return Template(enrollments=enrollments_ds, check_ins=check_ins["data_sources"][0]["id"],
                    enrollments_database=enrollments["id"], check_ins_database=check_ins["id"],
                    study_plan=plan["data_sources"][0]["id"] if plan else None,
                    study_plan_database=plan["id"] if plan else None,
                    sessions=sessions["data_sources"][0]["id"] if sessions else None,
                    sessions_database=sessions["id"] if sessions else None)


def _people(person: Person | None, users: dict[str, str]) -> dict[str, Any]:
    if person is None or person.name not in users:
        return {"people": []}
    return {"people": [{"object": "user", "id": users[person.name]}]}


def _date(value: Any) -> dict[str, Any]:
    return {"date": {"start": value.isoformat()} if value else None}


def enrollment_properties(e: Enrollment, f: Any, users: dict[str, str]) -> dict[str, Any]:
    props: dict[str, Any] = {
        f.name: {"title": _title(e.name)},
        f.engineer: _people(e.engineer, users),
        f.manager: _people(e.manager, users),
        f.certification: {"select": {"name": e.certification} if e.certification else None},
        f.exam_date: _date(e.exam_date),
        f.study_start: _date(e.study_start),
        f.weekly_target_hours: {"number": e.weekly_target_hours},
        f.certified: {"checkbox": e.certified},
        f.planned_hours: {"number": e.planned_hours},
        f.diagnostic_exam: _date(e.diagnostic_exam),
        f.midpoint_exam: _date(e.midpoint_exam),
        f.final_exam: _date(e.final_exam),
        f.reminders_off: {"checkbox": e.reminders_off},
        f.exam_result: {"select": {"name": e.exam_result} if e.exam_result else None},
        f.attempts: {"number": e.attempts},
        f.certified_on: _date(e.certified_on),
        f.cost: {"number": e.cost},
        f.cohort: {"select": {"name": e.cohort} if e.cohort else None},
        f.satisfaction: {"number": e.satisfaction},
    }
    if e.exam_history.postponements:
        # What earlier passes would have recorded: the tracker keeps the count.
        props[f.postponements] = {"number": e.exam_history.postponements}
    return props


def check_in_properties(c: CheckIn, page_of: dict[str, str], name: str, f: Any) -> dict[str, Any]:
    return {
        f.name: {"title": _title(name)},
        f.enrollment: {"relation": [{"id": page_of[c.enrollment_id]}]},
        f.week_of: _date(c.week_of),
        f.hours: {"number": c.hours},
        f.milestones: {"select": {"name": c.milestones.value} if c.milestones else None},
        f.confidence: {"number": c.confidence},
        f.practice_score: {"number": None if c.practice_score is None else round(c.practice_score / 100, 4)},
        f.blockers: {"rich_text": rich_text(c.blockers)},
        f.absence_reason: {"rich_text": rich_text(c.absence_reason)},
        f.weak_domains: {"multi_select": [{"name": name} for name in c.weak_domains]},
    }


def session_properties(session: Session, page_of: dict[str, str], f: Any) -> dict[str, Any]:
    return {
        f.topic: {"title": _title(session.topic)},
        f.date: _date(session.day),
        f.cohort: {"select": {"name": session.cohort} if session.cohort else None},
        f.attendees: {"relation": [{"id": page_of[ident]} for ident in session.attendees]},
    }


def plan_row_properties(row: StudyPlanRow, page_of: dict[str, str], f: Any) -> dict[str, Any]:
    name = f"{row.certification or 'Personal'}, week {row.week}"
    return {
        "Name": {"title": _title(name)},
        f.certification: {"select": {"name": row.certification} if row.certification else None},
        f.week: {"number": row.week},
        f.study_target: {"rich_text": rich_text(row.study_target)},
        f.practice_activity: {"rich_text": rich_text(row.practice_activity)},
        f.verification: {"rich_text": rich_text(row.verification)},
        f.enrollment: {"relation": [{"id": page_of[row.enrollment_id]}] if row.enrollment_id else []},
    }


def write_program(api: Any, template: Template, program: Program, fields: Any, check_in_fields: Any,
                  users: dict[str, str], study_plan_fields: Any = None,
                  sessions_fields: Any = None) -> dict[str, str]:
    """Create one page per enrollment, check-in, study plan row and session; returns model id ->
    page id."""
    page_of: dict[str, str] = {}
    for e in program.enrollments:
        page = api.pages.create(parent={"type": "data_source_id", "data_source_id": template.enrollments},
                                properties=enrollment_properties(e, fields, users))
        page_of[e.id] = page["id"]
    names = {e.id: (e.engineer.name if e.engineer else e.name) for e in program.enrollments}
    for c in program.check_ins:
        name = f"{names[c.enrollment_id]}, week of {c.week_of:%d %b}"
        page = api.pages.create(parent={"type": "data_source_id", "data_source_id": template.check_ins},
                                properties=check_in_properties(c, page_of, name, check_in_fields))
        page_of[c.id] = page["id"]
    if template.study_plan and study_plan_fields is not None:
        for row in program.study_plan:
            api.pages.create(parent={"type": "data_source_id", "data_source_id": template.study_plan},
                             properties=plan_row_properties(row, page_of, study_plan_fields))
    if template.sessions and sessions_fields is not None:
        for session in program.sessions:
            page = api.pages.create(parent={"type": "data_source_id", "data_source_id": template.sessions},
                                    properties=session_properties(session, page_of, sessions_fields))
            page_of[session.id] = page["id"]
    return page_of
