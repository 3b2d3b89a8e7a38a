"""Custom field values on tasks: what a write may give for each type, how a value reads back
(`display_value`, `text_value`, `number_value`, `enum_value`, `multi_enum_values`, `date_value`,
`people_value`, `reference_value`), and who may write it (formula fields, restricted fields,
free workspaces)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from .errors import forbidden, invalid, payment_required
from .fields import Ref

MAX_TEXT = 1024
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "CA$"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fields_of(store, task: dict) -> list[str]:
    """The custom fields a task has: those of its projects' settings, in order, once each."""
    seen: dict[str, None] = {}
    for pgid in task["projects"]:
        for sgid in store.projects[pgid]["settings"]:
            seen.setdefault(store.settings[sgid]["field"], None)
    return list(seen)


def task_values(store, task: dict) -> list[dict]:
    return [render_value(store, store.fields[f], task["values"].get(f)) for f in fields_of(store, task)]


def render_value(store, field: dict, value) -> dict:
    """One entry of a task's `custom_fields`: the field's compact definition with its value."""
    kind = field["type"]
    if field.get("formula"):
        value = field.get("formula_value")
    out = {"gid": field["gid"], "resource_type": "custom_field", "name": field["name"], "type": kind,
           "resource_subtype": kind, "enabled": field["enabled"], "description": field["description"],
           "is_formula_field": bool(field.get("formula")), "is_value_read_only": bool(field.get("formula")),
           "representation_type": "formula" if field.get("formula") else kind, "id_prefix": None,
           "input_restrictions": [], "created_by": Ref("user", field["created_by"]) if field["created_by"] else None,
           "display_value": display(store, field, value)}
    if kind == "text":
        out["text_value"] = value
    elif kind == "number":
        out.update(number_value=value, precision=field["precision"], format=field["format"],
                   currency_code=field["currency_code"], custom_label=field["custom_label"],
                   custom_label_position=field["custom_label_position"])
    elif kind in ("enum", "multi_enum"):
        out["enum_options"] = [Ref("enum_option", o) for o in field["options"]]
        if kind == "enum":
            out["enum_value"] = Ref("enum_option", value) if value else None
        else:
            out["multi_enum_values"] = [Ref("enum_option", o) for o in value or []]
    elif kind == "date":  # date_time only when the value has a time (the spec has it non-nullable)
        out["date_value"] = {k: v for k, v in value.items() if v is not None} if value else None
    elif kind == "people":
        out["people_value"] = [Ref("user", u) for u in value or []]
    elif kind == "reference":
        out["reference_value"] = [Ref("task", t) for t in value or [] if t in store.tasks]
    return out


def display(store, field: dict, value) -> str | None:
    kind = field["type"]
    if value is None or value == []:
        return None
    if kind == "text":
        return value
    if kind == "number":
        return format_number(field, value)
    if kind == "enum":
        return store.options[value]["name"]
    if kind == "multi_enum":
        return ", ".join(store.options[o]["name"] for o in value)
    if kind == "date":
        return value["date_time"] or value["date"]
    if kind == "people":
        return ", ".join(store.users[u]["name"] for u in value)
    if kind == "reference":
        return ", ".join(store.tasks[t]["name"] for t in value if t in store.tasks)
    return None


def format_number(field: dict, value) -> str:
    p, fmt = field["precision"], field["format"]
    if fmt == "percentage":
        return f"{value * 100:.{p}f}%"
    if fmt == "currency":
        code = field["currency_code"] or "USD"
        return f"{CURRENCY_SIGNS.get(code, code + ' ')}{value:,.{p}f}"
    if fmt == "custom" and field["custom_label"]:
        if field["custom_label_position"] == "prefix":
            return f"{field['custom_label']}{value:.{p}f}"
        return f"{value:.{p}f}{field['custom_label']}"
    return f"{value:.{p}f}"


# -- writes --------------------------------------------------------------------------------

def write_values(store, task: dict, given, changes: list) -> None:
    """Apply `custom_fields: {gid: value}` from a task create or update; record each change as
    (field gid, old, new) in `changes`."""
    if given is None:
        return
    if not isinstance(given, dict):
        raise invalid("custom_fields: Value must be an object mapping custom field gids to values")
    if given and store.workspaces[task["workspace"]]["free"]:
        raise payment_required()
    allowed = set(fields_of(store, task))
    for fgid, raw in given.items():
        field = store.get("fields", fgid, "custom_field")
        if field["gid"] not in allowed:
            raise invalid(f"custom_fields: Custom field with ID {fgid} is not on given object")
        if field.get("formula"):
            raise invalid(f"custom_fields: {field['name']} is a formula field; its value is read-only")
        if field.get("restricted"):
            raise forbidden(f"custom_fields: You do not have permission to edit the value of {field['name']}")
        new = parse_value(store, field, raw)
        old = task["values"].get(field["gid"])
        if new != old:
            task["values"][field["gid"]] = new
            changes.append((field["gid"], old, new))


def parse_value(store, field: dict, raw):
    kind, name = field["type"], field["name"]
    if raw is None or raw == "" and kind != "text":
        return None
    if kind == "text":
        if not isinstance(raw, str):
            raise invalid(f"custom_fields: The value for {name} must be a string")
        if len(raw) > MAX_TEXT:
            raise invalid(f"custom_fields: The value for {name} is too long: {len(raw)} characters, "
                          f"the limit is {MAX_TEXT}")
        return raw or None
    if kind == "number":
        if isinstance(raw, str):
            try:
                raw = float(raw) if "." in raw or "e" in raw.lower() else int(raw)
            except ValueError:
                raise invalid(f"custom_fields: The value for {name} must be a number, got {raw!r}") from None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != raw or abs(raw) == float("inf"):
            raise invalid(f"custom_fields: The value for {name} must be a number, got {raw!r}")
        return raw
    if kind == "enum":
        return _option(store, field, raw)
    if kind == "multi_enum":
        items = raw if isinstance(raw, list) else [raw]
        return list(dict.fromkeys(_option(store, field, r) for r in items))
    if kind == "date":
        return _date(name, raw)
    if kind == "people":
        items = raw if isinstance(raw, list) else [r.strip() for r in str(raw).split(",")]
        return list(dict.fromkeys(store.user_ref(r)["gid"] for r in items))
    if kind == "reference":
        items = raw if isinstance(raw, list) else [raw]
        return list(dict.fromkeys(store.get("tasks", r)["gid"] for r in items))
    raise invalid(f"custom_fields: {name} cannot be written")


def _option(store, field: dict, raw) -> str:
    option = store.get("options", raw, "enum_option")
    if option["field"] != field["gid"]:
        raise invalid(f"custom_fields: {raw} is not an option of {field['name']}")
    if not option["enabled"]:
        raise invalid(f"custom_fields: The option {option['name']} of {field['name']} is disabled")
    return option["gid"]


def _date(name: str, raw) -> dict:
    """`{"date": "YYYY-MM-DD"}`, `{"date_time": ISO}` or a bare `YYYY-MM-DD` (clients send both)."""
    if isinstance(raw, str):
        raw = {"date": raw}
    if not isinstance(raw, dict) or not (raw.get("date") or raw.get("date_time")):
        raise invalid(f"custom_fields: The value for {name} must be an object with date or date_time")
    if raw.get("date_time"):
        try:
            dt = datetime.fromisoformat(str(raw["date_time"]).replace("Z", "+00:00"))
        except ValueError:
            raise invalid(f"custom_fields: {raw['date_time']!r} is not a date-time for {name}") from None
        dt = (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
        return {"date": dt.strftime("%Y-%m-%d"),
                "date_time": dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"}
    date = raw["date"]
    if not isinstance(date, str) or not _DATE.match(date):
        raise invalid(f"custom_fields: {date!r} is not a date (YYYY-MM-DD) for {name}")
    try:
        datetime.strptime(date, "%Y-%m-%d")
    except ValueError:
        raise invalid(f"custom_fields: {date!r} is not a date (YYYY-MM-DD) for {name}") from None
    return {"date": date, "date_time": None}
