"""What both tools' readers do once a record's values are read: the ranges a value must lie in,
the check-in built from them, a study plan row. Tool-neutral: each adapter's reader (one per tool,
with `id`, `enrollment_id` and `problem(field, expected, found)`) reads the values its own way.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import ValidationError

from certsync.rules.model import CheckIn, StudyPlanRow


class Reader(Protocol):
    id: str
    enrollment_id: str | None

    def problem(self, field: str, expected: str, found: str, blocking: bool = True) -> None: ...


def in_range(reader: Reader, field: str, value: float | None, low: float, high: float,
             expected: str, whole: bool = False, blocking: bool = True) -> float | None:
    """`value` if it lies in [low, high] (and is whole, when asked); else a problem and None."""
    if value is None:
        return None
    if not low <= value <= high or (whole and value != int(value)):
        reader.problem(field, expected, f"{value:g}", blocking)
        return None
    return value


EXAM_RESULTS = ("Passed", "Failed")
OUTCOME_KEYS = ("exam_result", "attempts", "certified_on", "cost", "cohort", "satisfaction")


def outcomes_of(reader: Reader, fields: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The optional outcome and cohort values read (`exam_result` and `cohort` as text), checked:
    the exam result one of Passed and Failed, attempts a whole number from 0, a cost from 0, a
    satisfaction from 1 to 5. A value out of line is a problem that blocks nothing (the weekly
    status needs none of them) and is read as empty."""
    found = {key: values.get(key) for key in OUTCOME_KEYS}
    result = (found["exam_result"] or "").strip()
    found["exam_result"] = next((r for r in EXAM_RESULTS if r.lower() == result.lower()), None)
    if result and found["exam_result"] is None:
        reader.problem(getattr(fields, "exam_result", None) or "?", "Passed or Failed", repr(result), False)
    attempts = in_range(reader, getattr(fields, "attempts", None) or "?", found["attempts"], 0, 1_000,
                        "a whole number of attempts, 0 or more", whole=True, blocking=False)
    found["attempts"] = None if attempts is None else int(attempts)
    found["cost"] = in_range(reader, getattr(fields, "cost", None) or "?", found["cost"], 0, 100_000_000,
                             "a cost of 0 or more", blocking=False)
    found["satisfaction"] = in_range(reader, getattr(fields, "satisfaction", None) or "?", found["satisfaction"],
                                     1, 5, "a satisfaction from 1 to 5", blocking=False)
    found["cohort"] = (found["cohort"] or "").strip() or None
    return found


def check_in_of(reader: Reader, fields: Any, values: dict[str, Any]) -> CheckIn | None:
    """The check-in of the values read, hours and confidence checked; None without an enrollment
    or a week (the reader has said why)."""
    values["hours"] = in_range(reader, fields.hours, values["hours"], 0, 168, "hours between 0 and 168 (a week)")
    confidence = in_range(reader, fields.confidence, values["confidence"], 1, 5, "a whole number from 1 to 5",
                          whole=True)
    values["confidence"] = None if confidence is None else int(confidence)
    values["weak_domains"] = tuple(values.get("weak_domains") or ())
    if not reader.enrollment_id or values["week_of"] is None:
        return None
    try:
        return CheckIn(id=reader.id, enrollment_id=reader.enrollment_id,
                       **{k: ("" if v is None and k in ("blockers", "absence_reason") else v) for k, v in values.items()})
    except ValidationError as error:  # the checks above should leave nothing for this
        reader.problem("(check-in)", "readable values", str(error.errors()[0]["msg"]))
        return None


def plan_row_of(week: float | None, links: list[str], **texts: str | None) -> StudyPlanRow | None:
    """One week of a study plan, or None when the row names no week (a row being written)."""
    if week is None or week < 1 or week != int(week):
        return None
    return StudyPlanRow(certification=texts.pop("certification") or None, week=int(week),
                        enrollment_id=links[0] if links else None, **{k: v or "" for k, v in texts.items()})
