"""Page property writes: validate what a client sends and turn it into stored values."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, UTC

from .common import MAX_ARRAY, MAX_TEXT, body_id, new_id, parse_when, rich_text
from .errors import body_invalid, too_long, validation
from .schema import APP_ONLY, READ_ONLY, find_prop

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover
    ZoneInfo = None

EMPTY = {"title": list, "rich_text": list, "multi_select": list, "people": list, "relation": list,
         "files": list, "checkbox": lambda: False}


def empty_value(kind: str):
    f = EMPTY.get(kind)
    return f() if f else None


def _ref_name(item, path):
    if not isinstance(item, dict) or not (isinstance(item.get("name"), str) or isinstance(item.get("id"), str)):
        raise body_invalid(path, "an object with a name or id", item)
    return item


def _option(prop, item, path, created, allow_create=True):
    """Resolve a select-like option by id or name; unknown names are created (select/multi_select)."""
    opts = prop["config"]["options"] + created
    if item.get("id") is not None:
        for o in opts:
            if o["id"] == item["id"]:
                return o["id"]
        raise validation(f"{path}: no option with id `{item['id']}` exists for {prop['name']}.")
    name = item["name"].strip()
    for o in opts:
        if o["name"] == name:
            return o["id"]
    if not allow_create:
        raise validation(f'Invalid status option. Status option "{name}" does not exist for {prop["name"]}.')
    if "," in name:
        raise validation(f"Invalid select option, commas not allowed: {name}")
    if len(name) > 100:
        raise too_long(f"{path}.name", 100, len(name))
    color = item.get("color") or "default"
    opt = {"id": new_id(), "name": name, "color": color, "description": None}
    created.append(opt)
    return opt["id"]


def normalise_date(d, path):
    if d is None:
        return None
    if not isinstance(d, dict):
        raise body_invalid(path, "an object or null", d)
    tz_name = d.get("time_zone")
    tz = None
    if tz_name is not None:
        try:
            tz = ZoneInfo(tz_name) if tz_name != "UTC" else UTC
        except Exception:
            raise body_invalid(f"{path}.time_zone", "a valid IANA time zone", tz_name) from None
    out = {}
    for key in ("start", "end"):
        raw = d.get(key)
        if raw is None:
            if key == "start":
                raise body_invalid(f"{path}.start", "an ISO 8601 date", raw)
            out[key] = None
            continue
        dt = parse_when(raw)
        if dt is None:
            raise body_invalid(f"{path}.{key}", "an ISO 8601 date", raw)
        text = raw.strip()
        if len(text) == 10:
            out[key] = text
            continue
        if not (text.endswith("Z") or re.search(r"[+-]\d\d:?\d\d$", text[10:])):
            dt = datetime.fromisoformat(text).replace(tzinfo=tz or UTC)
        dt = dt.replace(second=0, microsecond=0)
        off = dt.utcoffset() or timedelta(0)
        sign = "-" if off < timedelta(0) else "+"
        mins = abs(int(off.total_seconds())) // 60
        out[key] = dt.strftime("%Y-%m-%dT%H:%M:00.000") + f"{sign}{mins // 60:02d}:{mins % 60:02d}"
    out["time_zone"] = None
    return {"start": out["start"], "end": out["end"], "time_zone": None}


def normalise_value(store, prop, raw, path, created):
    """One property's value as written → its stored form."""
    kind = prop["type"]
    name = prop["name"]
    if kind in APP_ONLY:
        raise validation(f"{name} is a {kind} property and cannot be written through the API.")
    if kind in READ_ONLY:
        raise validation(f"{name} is a {kind} property and cannot be written: its value is computed by Notion.")
    if not isinstance(raw, dict):
        raise body_invalid(path, "an object", raw)
    given = raw.get("type") or next((k for k in raw if k not in ("id", "type", "name")), None)
    if given != kind or kind not in raw:
        raise validation(f"{name} is expected to be {kind}.")
    v = raw[kind]
    p = f"{path}.{kind}"
    if kind in ("title", "rich_text"):
        return rich_text(v, p, store.mention_user, store.mention_page)
    if kind == "number":
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
            raise body_invalid(p, "a number or null", v)
        return v
    if kind == "checkbox":
        if not isinstance(v, bool):
            raise body_invalid(p, "a boolean", v)
        return v
    if kind in ("url", "email", "phone_number"):
        if v is not None and not isinstance(v, str):
            raise body_invalid(p, "a string or null", v)
        if v is not None and len(v) > MAX_TEXT:
            raise too_long(p, MAX_TEXT, len(v))
        return v or None
    if kind in ("select", "status"):
        if v is None:
            return None
        return _option(prop, _ref_name(v, p), p, created, allow_create=(kind == "select"))
    if kind == "multi_select":
        items = _array(v, p)
        out = []
        for i, item in enumerate(items):
            oid = _option(prop, _ref_name(item, f"{p}[{i}]"), f"{p}[{i}]", created)
            if oid not in out:
                out.append(oid)
        return out
    if kind == "date":
        return normalise_date(v, p)
    if kind == "people":
        out = []
        for i, item in enumerate(_array(v, p)):
            uid = body_id(item.get("id") if isinstance(item, dict) else None, f"{p}[{i}].id")
            if uid not in store.users:
                raise validation(f"{p}[{i}].id: could not find user with ID: {uid}.")
            if uid not in out:
                out.append(uid)
        return out
    if kind == "relation":
        out = []
        for i, item in enumerate(_array(v, p)):
            pid = body_id(item.get("id") if isinstance(item, dict) else None, f"{p}[{i}].id")
            if pid not in store.pages:
                raise validation(f"{p}[{i}].id: could not find page with ID: {pid}.")
            if pid not in out:
                out.append(pid)
        return out
    if kind == "files":
        out = []
        for i, item in enumerate(_array(v, p)):
            if not isinstance(item, dict) or "external" not in item:
                raise body_invalid(f"{p}[{i}]", "an external file object", item)
            url = (item.get("external") or {}).get("url")
            if not isinstance(url, str):
                raise body_invalid(f"{p}[{i}].external.url", "a string", url)
            out.append({"name": item.get("name") or url, "type": "external", "external": {"url": url}})
        return out
    raise validation(f"{name}: the sandbox cannot write {kind} values.")


def _array(v, path):
    if not isinstance(v, list):
        raise body_invalid(path, "an array", v)
    if len(v) > MAX_ARRAY:
        raise too_long(path, MAX_ARRAY, len(v))
    return v


def write_properties(store, ds, page, props, path="body.properties") -> None:
    """Validate all property writes, then apply them (all or nothing)."""
    if props is None:
        return
    if not isinstance(props, dict):
        raise body_invalid(path, "an object", props)
    if len(props) > MAX_ARRAY:
        raise too_long(path, MAX_ARRAY, len(props))
    if ds is None:
        for key, raw in props.items():
            if key != "title" and not (isinstance(raw, dict) and ("title" in raw or raw.get("type") == "title")):
                raise validation(f"{key} is not a property that exists.")
            rich = raw.get("title") if isinstance(raw, dict) and "title" in raw else raw
            page["props"]["title"] = rich_text(rich, f"{path}.{key}.title", store.mention_user, store.mention_page)
        return
    staged = {}
    created: dict[str, list] = {}
    for key, raw in props.items():
        pid = find_prop(ds["schema"], key)
        if pid is None:
            raise validation(f"{key} is not a property that exists.")
        prop = ds["schema"][pid]
        staged[pid] = normalise_value(store, prop, raw, f"{path}.{key}", created.setdefault(pid, []))
    for pid, opts in created.items():
        if opts:
            ds["schema"][pid]["config"]["options"].extend(opts)
            ds["v"] = ds.get("v", 0) + 1
    for pid, value in staged.items():
        prop = ds["schema"][pid]
        if prop["type"] == "relation" and prop["config"]["type"] == "dual_property":
            _sync_dual(store, page, prop, page["props"].get(pid) or [], value)
        page["props"][pid] = value


def _sync_dual(store, page, prop, before, after):
    """Keep a two-way relation's other side in step."""
    sid = prop["config"]["dual_property"]["synced_property_id"]
    for other_id in set(before) ^ set(after):
        other = store.pages.get(other_id)
        if other is None:
            continue
        vals = list(other["props"].get(sid) or [])
        if other_id in after and page["id"] not in vals:
            vals.append(page["id"])
        elif other_id not in after and page["id"] in vals:
            vals.remove(page["id"])
        other["props"][sid] = vals
        store.touch(other, quiet=True)
