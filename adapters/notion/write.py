"""The common model's values as Notion property values and comment text.

Pure functions: owned values in, request bodies out. Text is cut cleanly to what Notion
accepts (2,000 characters per text object) instead of being rejected.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from certsync.rules.model import Person
from certsync.adapters.text import cut as cut_text

TEXT_LIMIT = 2000

# The property type certsync creates for each owned field (see `provision`).
OWNED_TYPES = {
    "status": "select",
    "flags": "multi_select",
    "flag_details": "rich_text",
    "postponements": "number",
    "last_synced": "date",
    "sync_problem": "rich_text",
    "weeks_completed": "number",
    "hours_last_week": "number",
    "hours_vs_plan": "number",
    "latest_score": "number",
    "score_trend": "rich_text",
    "projected_ready": "date",
}
# The number format `provision` gives a number it creates (Latest score is a percent, so 72% is 0.72).
NUMBER_FORMATS = {"latest_score": "percent"}


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """`text` if it fits the tool's limit; else cut cleanly (adapters/text.py)."""
    return cut_text(text, limit)


def rich_text(text: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": {"content": cut(text)}}] if text else []


def option_name(name: str) -> str:
    """A select option's name as Notion allows it: no commas ("Under half of target, 2 weeks"
    becomes "Under half of target – 2 weeks")."""
    return name.replace(", ", " – ").replace(",", " ")


def _encode(kind: str, value: Any) -> dict[str, Any]:
    if kind in ("select", "status"):
        return {kind: {"name": option_name(value)} if value else None}
    if kind == "multi_select":
        return {kind: [{"name": option_name(name)} for name in value]}
    if kind in ("rich_text", "title"):
        return {kind: rich_text(value or "")}
    if kind == "number":
        return {kind: value}
    if kind == "date":
        return {kind: {"start": value.isoformat()} if isinstance(value, date) else None}
    raise ValueError(f"certsync cannot write a {kind} property")


def _as_stored(name: str, value: Any, formats: dict[str, str]) -> Any:
    """A percent-formatted number holds a fraction: a score of 72 is stored as 0.72."""
    if value is not None and formats.get(name, NUMBER_FORMATS.get(name)) == "percent":
        return round(value / 100, 6)
    return value


def owned_properties(changes: dict[str, Any], fields: Any, types: dict[str, str],
                     formats: dict[str, str] | None = None) -> dict[str, Any]:
    """The `properties` body of a page update that sets exactly `changes` (owned field -> value).
    `formats`: the number format of each owned number property, where known."""
    return {
        getattr(fields, name): _encode(types.get(name, OWNED_TYPES[name]), _as_stored(name, value, formats or {}))
        for name, value in changes.items()
    }


def comment_body(manager: Person | None, text: str, marker: str) -> list[dict[str, Any]]:
    """A comment that mentions the manager (when the tracker knows them as a user) and ends with
    the marker that lets a later pass recognise it."""
    parts: list[dict[str, Any]] = []
    if manager and manager.id:
        parts.append({"type": "mention", "mention": {"type": "user", "user": {"id": manager.id}}})
        parts.append({"type": "text", "text": {"content": " "}})
    elif manager:
        parts.append({"type": "text", "text": {"content": f"{manager.name}: "}})
    parts.append({"type": "text", "text": {"content": cut(text, TEXT_LIMIT - 100)}})
    parts.append({"type": "text", "text": {"content": f"\n{marker}"}, "annotations": {"color": "gray"}})
    return parts
