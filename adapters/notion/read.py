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
from certsync.adapters.judged import check_in_of, in_range, plan_row_of
from certsync.rules.model import DataProblem, Enrollment, StudyPlanRow

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

    def problem(self, field: str, expected: str, found: str) -> None:
        self.problems.append(DataProblem(
            record_id=self.id, record_name=self.name, field=field,
            expected=expected, found=found, enrollment_id=self.enrollment_id,
        ))

    def value(self, field: str, reader: Callable[[dict[str, Any]], Any], required: bool) -> Any:
        prop = self.page.get("properties", {}).get(field)
        if prop is None:
            if required:
                self.problem(field, f"a property named '{field}'", "no such property")
            return None
        try:
            value = read.day(prop, self.zone) if reader is read.day else reader(prop)
        except read.Unreadable as unreadable:
            self.problem(field, unreadable.expected, unreadable.found)
            return None
        if required and value in (None, [], ""):
            self.problem(field, "a value", "an empty field")
        return value


def enrollment_from_page(page: dict[str, Any], fields: Any, zone: tzinfo | None = None, *,
                         formats: dict[str, str] | None = None) -> EnrollmentRecord:
    """`fields` has one attribute per model field and owned field, holding its property name.
    `formats`: the number format of each number property (`number_formats`); a `Latest score`
    of unknown format is taken as provision makes it, a percent."""
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
    values = {name: reader.value(getattr(fields, name), fn, required)
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
