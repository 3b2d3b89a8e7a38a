"""Asana tasks to the common model: one task in, one record out, problems named per field.

Pure functions over the task objects the API returns (with the `opt_fields` below). Custom fields
are found by name, as the config names them; the task's own properties stand in where a team
uses them instead (the assignee for the engineer, completion for `Certified`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any


from certsync.adapters.asana import values as read
from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned
from certsync.adapters.judged import check_in_of, in_range, outcomes_of, plan_row_of
from certsync.rules.model import DataProblem, Enrollment, Person, Session, StudyPlanRow

_VALUE_FIELDS = ["name", "resource_subtype", "type", "display_value", "text_value", "number_value", "format",
                 "enum_value.name", "multi_enum_values.name", "date_value", "people_value.name",
                 "reference_value.name", "is_formula_field"]
# What a pass asks of every task: nothing it does not read.
TASK_FIELDS = ",".join(["name", "completed", "created_at", "modified_at", "assignee.name", "parent.name",
                        "created_by.name", *(f"custom_fields.{f}" for f in _VALUE_FIELDS)])
# A session's day is its due date unless a `Date` custom field says otherwise.
SESSION_TASK_FIELDS = TASK_FIELDS + ",due_on,due_at"

ENROLLMENT_READERS: dict[str, tuple[Callable[..., Any], bool]] = {
    "manager": (read.person, False),
    "certification": (read.text, False),
    "exam_date": (read.day, False),
    "study_start": (read.day, True),
    "weekly_target_hours": (read.number, True),
    # Read when the config names them and the project has them (issue 12): a projection's plan,
    # practice exams, reminders.
    "planned_hours": (read.number, False),
    "diagnostic_exam": (read.day, False),
    "midpoint_exam": (read.day, False),
    "final_exam": (read.day, False),
    "reminders_off": (read.flag, False),
}
# Optional outcome and cohort fields (issue 13), read when the project has them; a value out of
# line is a problem that blocks nothing.
OUTCOME_READERS: dict[str, Callable[..., Any]] = {
    "exam_result": read.text,
    "attempts": read.number,
    "certified_on": read.day,
    "cost": read.number,
    "cohort": read.text,
    "satisfaction": read.number,
}
OWNED_READERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "status": lambda v: read.text(v) or None,
    "flags": read.option_names,
    "flag_details": lambda v: v.get("text_value") or "" if read.kind_of(v) == "text" else read.text(v),
    "postponements": lambda v: None if (n := read.number(v)) is None else int(n),
    "last_synced": read.day,
    "sync_problem": lambda v: v.get("text_value") or "" if read.kind_of(v) == "text" else read.text(v),
    "weeks_completed": lambda v: None if (n := read.number(v)) is None else int(n),
    "hours_last_week": read.number,
    "hours_vs_plan": read.number,
    "latest_score": lambda v: None if (n := read.number(v)) is None else (
        round(n * 100, 4) if v.get("format") == "percentage" else n),
    "score_trend": lambda v: v.get("text_value") or "" if read.kind_of(v) == "text" else read.text(v),
    "projected_ready": read.day,
}
CHECK_IN_READERS: dict[str, tuple[Callable[..., Any], bool]] = {
    "week_of": (read.day, True),
    "hours": (read.number, False),
    "milestones": (read.milestones, False),
    "confidence": (read.number, False),
    "practice_score": (read.percent, False),
    "blockers": (read.text, False),
    "absence_reason": (read.text, False),
    "weak_domains": (read.option_names, False),
}
# Fields a project must have: without them no enrollment (or check-in) can be judged.
REQUIRED_ENROLLMENT_FIELDS = ("study_start", "weekly_target_hours")
REQUIRED_CHECK_IN_FIELDS = ("week_of", "hours")


def stamp(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw.replace("Z", "+00:00")) if raw else None


def values_by_name(task: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for value in task.get("custom_fields") or []:
        found.setdefault(value.get("name", ""), value)
    return found


def _person_of(user: dict[str, Any] | None) -> Person | None:
    if not user or not user.get("gid"):
        return None
    return Person(id=user["gid"], name=user.get("name") or "someone")


class _Reader:
    """Reads named custom fields of one task, collecting a DataProblem for each unreadable one."""

    def __init__(self, task: dict[str, Any], kind: str, zone: tzinfo | None = None) -> None:
        self.task = task
        self.zone = zone
        self.id = task["gid"]
        self.name = f"{kind} '{task.get('name') or '(untitled)'}' ({self.id})"
        self.values = values_by_name(task)
        self.enrollment_id: str | None = None
        self.problems: list[DataProblem] = []

    def problem(self, field: str, expected: str, found: str, blocking: bool = True) -> None:
        self.problems.append(DataProblem(record_id=self.id, record_name=self.name, field=field, expected=expected,
                                         found=found, enrollment_id=self.enrollment_id, blocking=blocking))

    def has(self, field: str | None) -> bool:
        return bool(field) and field in self.values

    def value(self, field: str | None, reader: Callable[..., Any], required: bool, blocking: bool = True) -> Any:
        found = self.values.get(field) if field else None
        if found is None:
            if required:
                self.problem(field or "?", f"a custom field named '{field}'", "no such field on the task")
            return None
        try:
            value = reader(found, self.zone) if reader is read.day else reader(found)
        except read.Unreadable as unreadable:
            self.problem(field or "?", unreadable.expected, unreadable.found, blocking)
            return None
        if required and value in (None, [], ""):
            self.problem(field or "?", "a value", "an empty field")
        return value


def engineer_of(reader: _Reader, fields: Any) -> Person | None:
    """The engineer: a people field when the config names one, else the assignee."""
    if fields.engineer:
        return reader.value(fields.engineer, read.person, False)
    return _person_of(reader.task.get("assignee"))


def enrollment_from_task(task: dict[str, Any], fields: Any, zone: tzinfo | None = None) -> EnrollmentRecord:
    """`fields` is the config's [asana.fields]: the custom field name of each model and owned field."""
    reader = _Reader(task, "Enrollment", zone)
    reader.enrollment_id = reader.id
    values = {name: reader.value(getattr(fields, name, None), fn, required)
              for name, (fn, required) in ENROLLMENT_READERS.items()}
    values["reminders_off"] = bool(values["reminders_off"])
    values["planned_hours"] = in_range(reader, getattr(fields, "planned_hours", None) or "", values["planned_hours"],
                                        0, 10_000, "planned hours between 0 and 10,000")
    values["engineer"] = engineer_of(reader, fields)
    certified = reader.value(fields.certified, read.flag, False) if reader.has(fields.certified) else None
    values["certified"] = bool(certified) or (certified is None and bool(task.get("completed")))
    values["weekly_target_hours"] = in_range(reader, fields.weekly_target_hours, values["weekly_target_hours"],
                                              0, 168, "weekly hours between 0 and 168 (a week)")
    outcomes = {name: reader.value(getattr(fields, name, None), fn, False, blocking=False)
                for name, fn in OUTCOME_READERS.items()}
    values.update(outcomes_of(reader, fields, outcomes))
    owned_values = {name: reader.value(getattr(fields, name, None), fn, False) for name, fn in OWNED_READERS.items()}
    enrollment = Enrollment(id=reader.id, name=task.get("name") or "", **values)
    owned = Owned(**{k: v for k, v in owned_values.items() if v is not None})
    return EnrollmentRecord(enrollment=enrollment, owned=owned, edited=stamp(task.get("modified_at")),
                            problems=tuple(reader.problems))


def owner_key(engineer: str | None, certification: str | None) -> str:
    """How a form submission names its enrollment: the engineer's gid and the certification."""
    return f"{engineer or ''}|{(certification or '').strip().lower()}"


def submitter_of(reader: _Reader, fields: Any) -> Person | None:
    """Who a form submission is about: the people field the enrollments use for the engineer
    (or one named 'Engineer'), else the assignee, else whoever submitted it."""
    name = fields.engineer or "Engineer"
    if reader.has(name):
        found = reader.value(name, read.person, False)
        if found is not None:
            return found
    return _person_of(reader.task.get("assignee")) or _person_of(reader.task.get("created_by"))


def check_in_from_task(task: dict[str, Any], fields: Any, check_in_fields: Any, zone: tzinfo | None = None, *,
                       owner: Callable[[str, str | None], str | None] = lambda key, name: None) -> CheckInRecord:
    """A check-in is linked to its enrollment by, in order: the reference field the config names
    (`[asana.check_in_fields] enrollment`), being its subtask, or the same engineer and
    certification (a form submission). `owner(key, engineer name)` finds the enrollment of
    `owner_key(...)`."""
    reader = _Reader(task, "Check-in", zone)
    if check_in_fields.enrollment:
        links = reader.value(check_in_fields.enrollment, read.reference_ids, True) or []
        if links:
            reader.enrollment_id = links[0]
            if len(links) > 1:
                reader.problem(check_in_fields.enrollment, "one linked enrollment", f"{len(links)} linked tasks")
    elif (task.get("parent") or {}).get("gid"):
        reader.enrollment_id = task["parent"]["gid"]
    else:
        engineer = submitter_of(reader, fields)
        certification = reader.value(fields.certification, read.text, False) if reader.has(fields.certification) \
            else None
        found = owner(owner_key(engineer.id if engineer else None, certification), engineer.name if engineer else None) \
            if engineer else None
        if found is None:
            who = engineer.name if engineer else "no engineer"
            what = f" and '{certification}'" if certification else ""
            reader.problem(fields.certification, "a subtask of an enrollment, or the engineer and certification of one",
                           f"{who}{what}, matching no single enrollment")
        reader.enrollment_id = found
    values = {name: reader.value(getattr(check_in_fields, name, None), fn, required, blocking=name != "weak_domains")
              for name, (fn, required) in CHECK_IN_READERS.items()}
    check_in = check_in_of(reader, check_in_fields, values)
    return CheckInRecord(id=reader.id, check_in=check_in, edited=stamp(task.get("modified_at")),
                         submitted=stamp(task.get("created_at")), problems=tuple(reader.problems))


def plan_row_from_task(task: dict[str, Any], fields: Any) -> StudyPlanRow | None:
    """One week of a study plan, or None when the row names no week (a row being written)."""
    reader = _Reader(task, "Study plan row")
    texts = {key: reader.value(getattr(fields, key), read.text, False)
             for key in ("certification", "study_target", "practice_activity", "verification")}
    return plan_row_of(reader.value(fields.week, read.number, False),
                       reader.value(fields.enrollment, read.reference_ids, False) or [], **texts)


Attending = Callable[[str, str | None], list[str]]  # (engineer gid, cohort) -> their enrollment gids


def session_from_task(task: dict[str, Any], fields: Any, enrollments_of: Attending) -> Session | None:
    """One session: the task name is its topic, its day the `Date` custom field or else the due
    date, its cohort the `Cohort` enum. `Attendees` is a people field (each engineer counts for
    their enrollment in the session's cohort: `enrollments_of`) or a reference field to the
    enrollment tasks. None when it has no day (a task being written)."""
    reader = _Reader(task, "Session")
    day = reader.value(fields.date, read.day, False) if reader.has(fields.date) else None
    day = day or _due(task)
    if day is None:
        return None
    cohort = (reader.value(fields.cohort, read.text, False) or "").strip() or None
    attendees: list[str] = []
    found = reader.values.get(fields.attendees) if fields.attendees else None
    if found is not None and read.kind_of(found) == "reference":
        attendees = read.reference_ids(found)
    elif found is not None:
        for gid in read.people_ids(found):
            attendees += enrollments_of(gid, cohort)
    return Session(id=reader.id, day=day, cohort=cohort, topic=(task.get("name") or "").strip(),
                   attendees=tuple(dict.fromkeys(attendees)))


def _due(task: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(task.get("due_on") or "")
    except ValueError:
        return None
