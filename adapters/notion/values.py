"""Reading one Notion property value as the kind of value a field needs.

Users build trackers their own way, so each reader accepts every property type that can carry
its value (a number from number, formula or rollup; a person from people, select or title...).
What cannot be read raises `Unreadable`, saying what was expected and what was found.
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


def _plain(rich: list[dict[str, Any]] | None) -> str:
    return "".join(part.get("plain_text") or part.get("text", {}).get("content", "") for part in rich or [])


def _unwrap(prop: dict[str, Any]) -> tuple[str, Any]:
    """(type, value), looking through formulas and rollups to the value they compute."""
    kind = prop.get("type", "")
    value = prop.get(kind)
    if kind in ("formula", "rollup") and isinstance(value, dict):
        inner = value.get("type", "")
        if inner == "array":
            items = value.get("array") or []
            if len(items) == 1:
                return _unwrap(items[0])
            if not items:
                return inner, None
        return inner, value.get(inner)
    return kind, value


def _describe(kind: str, value: Any) -> str:
    if value in (None, "", []):
        return f"an empty {kind} property"
    shown = value if isinstance(value, (int, float, bool)) else _as_text(kind, value)
    text = repr(shown) if isinstance(shown, str) else str(shown)
    return f"{text} ({kind})" if len(text) <= 60 else f"{text[:57]}...' ({kind})"


def _as_text(kind: str, value: Any) -> str:
    if kind in ("title", "rich_text"):
        return _plain(value)
    if kind in ("select", "status"):
        return (value or {}).get("name", "")
    if kind == "multi_select":
        return ", ".join(option.get("name", "") for option in value or [])
    if kind == "people":
        return ", ".join(person.get("name") or "" for person in value or [])
    if kind == "date":
        return (value or {}).get("start", "")
    if kind in ("number", "checkbox"):
        return "" if value is None else str(value)
    if isinstance(value, str):
        return value
    return ""


def is_empty(prop: dict[str, Any]) -> bool:
    kind, value = _unwrap(prop)
    return value in (None, "", [], {}) or (kind in ("title", "rich_text") and not _plain(value).strip())


def text(prop: dict[str, Any]) -> str:
    kind, value = _unwrap(prop)
    return _as_text(kind, value).strip()


_NUMBER = re.compile(r"^\s*[-+]?\d+(?:[.,]\d+)?\s*%?\s*$")


def number(prop: dict[str, Any]) -> float | None:
    kind, value = _unwrap(prop)
    if value is None:
        return None
    if kind == "number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind in ("title", "rich_text", "string", "select"):
        raw = _as_text(kind, value) if kind != "string" else value
        if not raw.strip():
            return None
        if _NUMBER.match(raw):
            return float(raw.strip().rstrip("%").strip().replace(",", "."))
    raise Unreadable("a number", _describe(kind, value))


def percent(prop: dict[str, Any], number_format: str | None = None) -> float | None:
    """A score in percent, read as its property's number format says (the data source schema's
    `number.format`, see `number_formats` in read.py): "percent" holds a fraction (0.72 is 72%, 1.5 is
    150%); any other format holds the percent itself (0.5 is 0.5%). A property with no number
    format (a formula, a rollup, text: the API does not say how the app shows a formula) is given
    as "" and holds the percent itself too, so a formula over a percent-formatted number should
    multiply it by 100. With no format known (None), values up to 1 are taken as fractions, as
    before formats were read. A score outside 0-100% is `Unreadable`."""
    value = number(prop)
    if value is None:
        return None
    fraction = 0 <= value <= 1 if number_format is None else number_format == "percent"
    score = round(value * 100, 4) if fraction else value
    if not 0 <= score <= 100:
        how = f" ({value:g} in a percent-formatted property)" if number_format == "percent" else ""
        raise Unreadable("a score from 0 to 100%", f"{score:g}%{how}")
    return score


def day(prop: dict[str, Any], zone: tzinfo | None = None) -> date | None:
    """A date. A date with a time and an offset is taken on the calendar of `zone` (the
    program's, where weeks are counted): 23:30 UTC on a Sunday is Monday in Berlin."""
    kind, value = _unwrap(prop)
    if value is None:
        return None
    raw = value.get("start") if kind == "date" and isinstance(value, dict) else None
    if kind in ("title", "rich_text", "string"):
        raw = (_plain(value) if kind != "string" else value).strip() or None
        if raw is None:
            return None
    if isinstance(raw, str):
        try:
            if "T" not in raw:
                return date.fromisoformat(raw)
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            return (moment.astimezone(zone) if zone is not None and moment.tzinfo else moment).date()
        except ValueError:
            pass
    raise Unreadable("a date", _describe(kind, value))


def flag(prop: dict[str, Any]) -> bool:
    kind, value = _unwrap(prop)
    if kind in ("checkbox", "boolean") and isinstance(value, bool):
        return value
    if value is None:
        return False
    if kind in ("select", "status", "title", "rich_text"):
        answer = _as_text(kind, value).strip().lower()
        if answer in ("yes", "true", "done", "certified", "passed"):
            return True
        if answer in ("", "no", "false", "not certified", "not started", "in progress"):
            return False
    raise Unreadable("a checkbox", _describe(kind, value))


def person(prop: dict[str, Any]) -> Person | None:
    kind, value = _unwrap(prop)
    if kind == "people":
        people = [p for p in value or [] if isinstance(p, dict)]
        if not people:
            return None
        first = people[0]
        return Person(id=first.get("id"), name=first.get("name") or first.get("person", {}).get("email") or "someone")
    if kind in ("select", "status", "title", "rich_text", "string"):
        name = value if kind == "string" else _as_text(kind, value).strip()
        return Person(name=name) if name else None
    raise Unreadable("a person (people, select or text)", _describe(kind, value))


def milestones(prop: dict[str, Any]) -> Milestones | None:
    kind, value = _unwrap(prop)
    if kind not in ("select", "status", "title", "rich_text", "string"):
        raise Unreadable("Yes, Partial or No", _describe(kind, value))
    answer = (value if kind == "string" else _as_text(kind, value) if value else "").strip()
    if not answer:
        return None
    for choice in Milestones:
        if answer.lower() == choice.value.lower():
            return choice
    raise Unreadable("Yes, Partial or No", _describe(kind, value))


def relation_ids(prop: dict[str, Any]) -> list[str]:
    kind, value = prop.get("type", ""), prop.get(prop.get("type", ""))
    if kind != "relation":
        raise Unreadable("a relation to the Enrollments database", _describe(kind, value))
    return [item["id"] for item in value or [] if isinstance(item, dict) and "id" in item]


def multi_select_names(prop: dict[str, Any]) -> tuple[str, ...]:
    kind, value = _unwrap(prop)
    if kind == "multi_select":
        return tuple(option.get("name", "") for option in value or [])
    raw = _as_text(kind, value)
    return tuple(part.strip() for part in raw.split(",") if part.strip())
