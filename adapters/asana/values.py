"""Reading one Asana custom field value (an entry of a task's `custom_fields`) as the kind of
value a field needs.

Each reader accepts every field type that can carry its value: a number from a number or formula
field (or text holding one), a person from a people field, a date from a date field (a date or a
date_time, taken on the program's calendar), Yes/No and milestones from an enum. What cannot be
read raises `Unreadable` (the same as Notion's), saying what was expected and what was found.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from typing import Any

from certsync.rules.model import Milestones, Person


class Unreadable(ValueError):
    def __init__(self, expected: str, found: str) -> None:
        super().__init__(f"expected {expected}, found {found}")
        self.expected = expected
        self.found = found


__all__ = ["Unreadable", "kind_of", "text", "number", "percent", "day", "flag", "person", "people_ids",
           "milestones", "reference_ids", "option_names"]


def kind_of(value: dict[str, Any]) -> str:
    return value.get("resource_subtype") or value.get("type") or ""


def _shown(value: dict[str, Any]) -> str:
    return (value.get("display_value") or "").strip()


def _describe(value: dict[str, Any]) -> str:
    shown = _shown(value)
    kind = kind_of(value)
    if not shown:
        return f"an empty {kind} field"
    text = repr(shown)
    return f"{text} ({kind})" if len(text) <= 60 else f"{text[:57]}...' ({kind})"


def text(value: dict[str, Any]) -> str:
    kind = kind_of(value)
    if kind == "text":
        return (value.get("text_value") or "").strip()
    if kind == "enum":
        return ((value.get("enum_value") or {}).get("name") or "").strip()
    if kind == "multi_enum":
        return ", ".join(o.get("name", "") for o in value.get("multi_enum_values") or [])
    if kind == "number" and value.get("number_value") is not None:
        return f"{value['number_value']:g}"
    return _shown(value)


_NUMBER = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*%?\s*$")


def number(value: dict[str, Any]) -> float | None:
    kind = kind_of(value)
    raw = value.get("number_value")
    if kind == "number" or (raw is not None and not isinstance(raw, bool)):
        if raw is None:
            return None if kind == "number" or not _shown(value) else _from_text(value, _shown(value))
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return float(raw)
    if kind in ("text", "enum"):
        shown = text(value)
        return _from_text(value, shown) if shown else None
    if not _shown(value):
        return None
    raise Unreadable("a number", _describe(value))


def _from_text(value: dict[str, Any], raw: str) -> float:
    if _NUMBER.match(raw):
        return float(raw.strip().rstrip("%").strip().replace(",", "."))
    raise Unreadable("a number", _describe(value))


def percent(value: dict[str, Any]) -> float | None:
    """A score in percent: a number field formatted as a percentage holds a fraction (0.72 is
    72%, as the Asana app shows it); any other number is the percent itself."""
    found = number(value)
    if found is None:
        return None
    fraction = kind_of(value) == "number" and value.get("format") == "percentage"
    score = round(found * 100, 4) if fraction else found
    if not 0 <= score <= 100:
        how = f" ({found:g} in a percentage field)" if fraction else ""
        raise Unreadable("a score from 0 to 100%", f"{score:g}%{how}")
    return score


def day(value: dict[str, Any], zone: tzinfo | None = None) -> date | None:
    """A date. A date_time is taken on the calendar of `zone` (the program's, where weeks are
    counted): 23:30 UTC on a Sunday is Monday in Berlin."""
    kind = kind_of(value)
    raw: str | None = None
    if kind == "date":
        found = value.get("date_value") or {}
        raw = found.get("date_time") or found.get("date")
        if not raw:
            return None
    elif kind in ("text", "enum"):
        raw = text(value) or None
        if raw is None:
            return None
    elif not _shown(value):
        return None
    if isinstance(raw, str):
        try:
            if "T" not in raw:
                return date.fromisoformat(raw.strip())
            moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
            return (moment.astimezone(zone) if zone is not None and moment.tzinfo else moment).date()
        except ValueError:
            pass
    raise Unreadable("a date", _describe(value))


YES = ("yes", "true", "done", "certified", "passed")
NO = ("", "no", "false", "not certified", "not started", "in progress", "failed")


def flag(value: dict[str, Any]) -> bool:
    answer = text(value).lower()
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise Unreadable("Yes or No", _describe(value))


def people_ids(value: dict[str, Any]) -> list[str]:
    return [p["gid"] for p in value.get("people_value") or [] if isinstance(p, dict) and p.get("gid")]


def person(value: dict[str, Any]) -> Person | None:
    kind = kind_of(value)
    if kind == "people":
        people = [p for p in value.get("people_value") or [] if isinstance(p, dict)]
        if not people:
            return None
        first = people[0]
        return Person(id=first.get("gid"), name=first.get("name") or first.get("email") or "someone")
    if kind in ("text", "enum"):
        name = text(value)
        return Person(name=name) if name else None
    if not _shown(value):
        return None
    raise Unreadable("a person (people, enum or text)", _describe(value))


def milestones(value: dict[str, Any]) -> Milestones | None:
    kind = kind_of(value)
    if kind not in ("enum", "text"):
        if not _shown(value):
            return None
        raise Unreadable("Yes, Partial or No", _describe(value))
    answer = text(value)
    if not answer:
        return None
    for choice in Milestones:
        if answer.lower() == choice.value.lower():
            return choice
    raise Unreadable("Yes, Partial or No", _describe(value))


def reference_ids(value: dict[str, Any]) -> list[str]:
    kind = kind_of(value)
    if kind != "reference":
        raise Unreadable("a reference field to the enrollment task", _describe(value))
    return [t["gid"] for t in value.get("reference_value") or [] if isinstance(t, dict) and t.get("gid")]


def option_names(value: dict[str, Any]) -> tuple[str, ...]:
    kind = kind_of(value)
    if kind == "multi_enum":
        return tuple(o.get("name", "") for o in value.get("multi_enum_values") or [])
    raw = text(value)
    return tuple(part.strip() for part in raw.split(",") if part.strip())
