"""Notion pages to the common model: one page in, one record out, problems named per field.

Pure functions over the page objects the API returns; `fields` maps the model's fields to the
tracker's property names (the config's field-name overrides).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any


from certsync.adapters.notion import values as read
from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned
from certsync.adapters.judged import check_in_of, in_range, outcomes_of, plan_row_of
from certsync.rules.model import DataProblem, Enrollment, Session, StudyPlanRow

CohortNames = Callable[[str], str | None]  # a related page's id -> its title (None: not readable)

# Which reader each model field uses, and whether an empty value is a problem.
ENROLLMENT_FIELDS: dict[str, tuple[Callable[[dict[str, Any]], Any], bool]] = {
    "engineer": (read.person, False),
    "manager": (read.person, False),
    "certification": (read.text, False),
    "exam_date": (read.day, False),
    "study_start": (read.day, True),
    "weekly_target_hours": (read.number, True),
    "certified": (read.flag, False),
    # Read when the data source has them (issue 12): a projection's plan, practice exams, reminders.
    "planned_hours": (read.number, False),
    "diagnostic_exam": (read.day, False),
    "midpoint_exam": (read.day, False),
    "final_exam": (read.day, False),
    "reminders_off": (read.flag, False),
}
# Optional outcome fields (issue 13), read when the data source has them; a value out of line is
# a problem that blocks nothing. `cohort` is read apart: a select, text, or a relation to a page.
OUTCOME_FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "exam_result": read.text,
    "attempts": read.number,
    "certified_on": read.day,
    "cost": read.number,
    "satisfaction": read.number,
}
OWNED_READERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "status": lambda p: read.text(p) or None,
    "flags": read.multi_select_names,
    "flag_details": read.text,
    "postponements": lambda p: None if (n := read.number(p)) is None else int(n),
    "last_synced": read.day,
    "sync_problem": read.text,
    "weeks_completed": lambda p: None if (n := read.number(p)) is None else int(n),
    "hours_last_week": read.number,
    "hours_vs_plan": read.number,
    "latest_score": read.number,  # as stored; `owned_from_page` turns a percent's fraction into a percent
    "score_trend": read.text,
    "projected_ready": read.day,
}
CHECK_IN_FIELDS: dict[str, tuple[Callable[[dict[str, Any]], Any], bool]] = {
    "week_of": (read.day, True),
    "hours": (read.number, False),
    "milestones": (read.milestones, False),
    "confidence": (read.number, False),
    "practice_score": (read.percent, False),
    "blockers": (read.text, False),
    "absence_reason": (read.text, False),
    "weak_domains": (read.multi_select_names, False),
}


# Fields whose property a data source must have: without them no enrollment can be judged.
# Other fields may be absent (a tracker without practice scores), unless named by hand in the
# config: a name someone typed that matches nothing is a typo, not a field they do without.
REQUIRED_ENROLLMENT_FIELDS = ("name", "study_start", "weekly_target_hours")
REQUIRED_CHECK_IN_FIELDS = ("name", "enrollment", "week_of", "hours")


def missing_fields(properties: dict[str, Any], fields: Any, required: tuple[str, ...]) -> list[tuple[str, str]]:
    """(key, property name) of each required or hand-set field whose property is not there.

    Notion lists every property of the data source on every page, so one page tells."""
    keys = [*required, *(key for key in sorted(fields.model_fields_set) if key not in required)]
    return [(key, getattr(fields, key)) for key in keys
            if getattr(fields, key) is not None and getattr(fields, key) not in properties]


def title_of(page: dict[str, Any]) -> str:
    for prop in page.get("properties", {}).values():
        if prop.get("type") == "title":
            return read.text(prop)
    return ""


def edited_at(page: dict[str, Any], key: str = "last_edited_time") -> datetime | None:
    raw = page.get(key)
    return datetime.fromisoformat(raw.replace("Z", "+00:00")) if raw else None


class _Reader:
    """Reads named fields of one page, collecting a DataProblem for each unreadable one.
    Dates with a time are taken in `zone`, the program's time zone."""

    def __init__(self, page: dict[str, Any], kind: str, zone: tzinfo | None = None) -> None:
        self.page = page
        self.zone = zone
        self.id = page["id"]
        self.name = f"{kind} '{title_of(page) or '(untitled)'}' ({self.id})"
        self.enrollment_id: str | None = None
        self.problems: list[DataProblem] = []

    def problem(self, field: str, expected: str, found: str, blocking: bool = True) -> None:
        self.problems.append(DataProblem(
            record_id=self.id, record_name=self.name, field=field,
            expected=expected, found=found, enrollment_id=self.enrollment_id, blocking=blocking,
        ))

    def value(self, field: str, reader: Callable[[dict[str, Any]], Any], required: bool,
              blocking: bool = True) -> Any:
        prop = self.page.get("properties", {}).get(field)
        if prop is None:
            if required:
                self.problem(field, f"a property named '{field}'", "no such property")
            return None
        try:
            value = read.day(prop, self.zone) if reader is read.day else reader(prop)
        except read.Unreadable as unreadable:
            self.problem(field, unreadable.expected, unreadable.found, blocking)
            return None
        if required and value in (None, [], ""):
            self.problem(field, "a value", "an empty field")
        return value


def cohort_of(reader: _Reader, field: str | None, names: CohortNames | None) -> str | None:
    """The cohort: a select's (or a text's) value, or the title of the one page a relation links
    to (`names` reads it). Unreadable: a problem that blocks nothing, and no cohort."""
    prop = reader.page.get("properties", {}).get(field) if field else None
    if prop is None:
        return None
    if prop.get("type") != "relation":
        return reader.value(field, read.text, False, blocking=False) or None  # type: ignore[arg-type]
    links = read.relation_ids(prop)
    if not links:
        return None
    if len(links) > 1:
        reader.problem(field, "one linked cohort", f"{len(links)} linked pages", False)  # type: ignore[arg-type]
    name = names(links[0]) if names is not None else None
    if not name:
        reader.problem(field, "a linked cohort page with a title, shared with the integration",  # type: ignore[arg-type]
                       f"page {links[0]}, unreadable or untitled", False)
    return name or None


def enrollment_from_page(page: dict[str, Any], fields: Any, zone: tzinfo | None = None, *,
                         formats: dict[str, str] | None = None, cohorts: CohortNames | None = None) -> EnrollmentRecord:
    """`fields` has one attribute per model field and owned field, holding its property name.
    `formats`: the number format of each number property (`number_formats`); a `Latest score`
    of unknown format is taken as provision makes it, a percent. `cohorts`: the title of a page
    a `Cohort` relation links to."""
    reader = _Reader(page, "Enrollment", zone)
    reader.enrollment_id = reader.id
    values = {name: reader.value(getattr(fields, name, None), fn, required)
              for name, (fn, required) in ENROLLMENT_FIELDS.items()}
    values["reminders_off"] = bool(values["reminders_off"])
    values["planned_hours"] = in_range(reader, getattr(fields, "planned_hours", ""), values["planned_hours"],
                                        0, 10_000, "planned hours between 0 and 10,000")
    owned_values = {name: reader.value(getattr(fields, name, None), fn, False) for name, fn in OWNED_READERS.items()}
    values["certified"] = bool(values["certified"])
    values["weekly_target_hours"] = in_range(reader, fields.weekly_target_hours, values["weekly_target_hours"],
                                              0, 168, "weekly hours between 0 and 168 (a week)")
    outcomes = {name: reader.value(getattr(fields, name, None), fn, False, blocking=False)
                for name, fn in OUTCOME_FIELDS.items()}
    outcomes["cohort"] = cohort_of(reader, getattr(fields, "cohort", None), cohorts)
    values.update(outcomes_of(reader, fields, outcomes))
    enrollment = Enrollment(id=reader.id, name=title_of(page), **values)
    score = owned_values["latest_score"]
    if score is not None and (formats or {}).get(getattr(fields, "latest_score", None), "percent") == "percent":
        owned_values["latest_score"] = round(score * 100, 4)
    owned = Owned(**{k: v for k, v in owned_values.items() if v is not None})
    return EnrollmentRecord(enrollment=enrollment, owned=owned, edited=edited_at(page),
                            problems=tuple(reader.problems))


def number_formats(schema: dict[str, Any]) -> dict[str, str]:
    """Property name -> number format ("percent", "number", "dollar"...) of each number property
    in a data source schema (as `data_sources.retrieve` returns it): the `formats` of
    `check_in_from_page`. Pages do not carry formats; only the schema does."""
    return {name: (prop.get("number") or {}).get("format") or "number"
            for name, prop in schema.get("properties", {}).items() if prop.get("type") == "number"}


def check_in_from_page(page: dict[str, Any], fields: Any, zone: tzinfo | None = None, *,
                       formats: dict[str, str] | None = None) -> CheckInRecord:
    """`formats` (from `number_formats` of the Check-ins schema) says how the practice score is
    stored: a percent-formatted number holds a fraction, any other property the percent itself
    (see `values.percent`). Without it (None), scores up to 1 are guessed to be fractions."""
    reader = _Reader(page, "Check-in", zone)
    score_format = None if formats is None else formats.get(fields.practice_score, "")
    readers = {**CHECK_IN_FIELDS, "practice_score": (lambda prop: read.percent(prop, score_format), False)}
    links = reader.value(fields.enrollment, read.relation_ids, True) or []
    if links:
        reader.enrollment_id = links[0]
        if len(links) > 1:
            reader.problem(fields.enrollment, "one linked enrollment", f"{len(links)} linked enrollments")
    values = {name: reader.value(getattr(fields, name, None), fn, required, blocking=name != "weak_domains")
              for name, (fn, required) in readers.items()}
    check_in = check_in_of(reader, fields, values)
    return CheckInRecord(id=reader.id, check_in=check_in, edited=edited_at(page),
                         submitted=edited_at(page, "created_time"),
                         problems=tuple(reader.problems))


def plan_row_from_page(page: dict[str, Any], fields: Any) -> StudyPlanRow | None:
    """One week of a study plan, or None when the row names no week (a row being written)."""
    reader = _Reader(page, "Study plan row")
    texts = {key: reader.value(getattr(fields, key), read.text, False)
             for key in ("certification", "study_target", "practice_activity", "verification")}
    return plan_row_of(reader.value(fields.week, read.number, False),
                       reader.value(fields.enrollment, read.relation_ids, False) or [], **texts)


def session_from_page(page: dict[str, Any], fields: Any, zone: tzinfo | None = None, *,
                      cohorts: CohortNames | None = None) -> Session | None:
    """One session: its date, cohort, topic (the `Topic` property, else the title) and the
    enrollments its `Attendees` relation links to. None when it has no readable date (a page
    being written)."""
    reader = _Reader(page, "Session", zone)
    day = reader.value(fields.date, read.day, False)
    if day is None:
        return None
    topic = reader.value(fields.topic, read.text, False) or title_of(page)
    attendees = reader.value(fields.attendees, read.relation_ids, False) or []
    return Session(id=reader.id, day=day, cohort=cohort_of(reader, fields.cohort, cohorts), topic=topic,
                   attendees=tuple(dict.fromkeys(attendees)))
