"""The common model's values as Asana custom field values and story text.

Pure functions: owned values in, request bodies out. Text is cut cleanly to what Asana accepts
(1,024 characters in a text custom field) instead of being refused; user text in a story is
escaped, so it stays text and never becomes markup.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any

from certsync.adapters.asana.fields import ProjectFields
from certsync.adapters.tracker import TrackerError
from certsync.rules.model import Person
from certsync.adapters.text import cut as cut_text

TEXT_LIMIT = 1024  # a text custom field (asana_oas.yaml: "Text fields are currently limited to 1024 characters")
STORY_LIMIT = 60000  # a story's text; Asana's limit is 65,535 characters, the marker must fit after it

# The custom field type certsync creates for each owned field (see `provision`).
OWNED_TYPES = {
    "status": "enum",
    "flags": "multi_enum",
    "flag_details": "text",
    "postponements": "number",
    "last_synced": "date",
    "sync_problem": "text",
    "weeks_completed": "number",
    "hours_last_week": "number",
    "hours_vs_plan": "number",
    "latest_score": "number",
    "score_trend": "text",
    "projected_ready": "date",
}
# How `provision` makes an owned number field: its precision, and its format (Latest score is a
# percentage, so Asana shows 72% for 0.72).
NUMBER_SHAPES = {"postponements": {"precision": 0}, "weeks_completed": {"precision": 0},
                 "hours_last_week": {"precision": 1}, "hours_vs_plan": {"precision": 1},
                 "latest_score": {"precision": 1, "format": "percentage"}}


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """`text` if it fits the tool's limit; else cut cleanly (adapters/text.py)."""
    return cut_text(text, limit)


def _option(info: Any, name: str, field_name: str) -> str:
    gid = info.options.get(name)
    if gid is None:
        raise TrackerError(f"the custom field '{field_name}' has no option '{name}' (run `certsync provision` "
                           "to add the options certsync writes)", status=400)
    return gid


def _encode(kind: str, value: Any, info: Any, field_name: str) -> Any:
    if kind == "enum":
        return _option(info, value, field_name) if value else None
    if kind == "multi_enum":
        return [_option(info, name, field_name) for name in value]
    if kind == "text":
        return cut(value or "") or None
    if kind == "number":
        if value is not None and info.format == "percentage":
            return round(value / 100, 6)  # a percentage field holds a fraction
        return value
    if kind == "date":
        return {"date": value.isoformat()} if isinstance(value, date) else None
    raise TrackerError(f"certsync cannot write the {kind} custom field '{field_name}'")


def owned_values(changes: dict[str, Any], fields: Any, project: ProjectFields) -> dict[str, Any]:
    """The `custom_fields` of a task update that sets exactly `changes` (owned field -> value)."""
    body: dict[str, Any] = {}
    for name, value in changes.items():
        field_name = getattr(fields, name)
        info = project.get(field_name)
        if info is None:
            raise TrackerError(f"the enrollments project has no custom field '{field_name}' (run `certsync provision`)",
                               status=400)
        body[info.gid] = _encode(info.type, value, info, field_name)
    return body


# Characters XML 1.0 does not allow (Asana's html_text is XML): dropped, not sent.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _html_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text), quote=False)


def story_html(mention: Person | None, text: str, marker: str) -> str:
    """A story's `html_text`: the manager @-mentioned (when Asana knows them as a user), the text
    (escaped: user text is data), and the marker that lets a later pass recognise it."""
    parts = ["<body>"]
    if mention and mention.id and mention.id.isdigit():
        parts.append(f'<a data-asana-gid="{mention.id}"/> ')
    elif mention:
        parts.append(_html_text(f"{mention.name}: "))
    parts.append(_html_text(cut(text, STORY_LIMIT)))
    parts.append(_html_text(f"\n{marker}"))
    parts.append("</body>")
    return "".join(parts)
