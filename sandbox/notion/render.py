"""Read side: pages and property values as Notion returns them, formulas and rollups included."""

from __future__ import annotations

import json
import statistics

from .common import iso_minute, now, parse_when, plain, slug
from .formula import compile_expression, evaluate, infer_type, uses_clock
from .formula_dates import Moment, as_date
from .schema import find_prop

PAGE_RELATION_LIMIT = 25  # a page object lists at most 25 related pages; the property endpoint pages past that
NEW_VERSION = "2026-03-11"


def user_ref(uid: str) -> dict:
    return {"object": "user", "id": uid}


def py_value(store, ds, page, pid, depth=0):
    """A property's value as a plain Python value (for formulas, filters and sorts)."""
    prop = ds["schema"].get(pid)
    if prop is None:
        return None
    kind = prop["type"]
    raw = page["props"].get(pid)
    if kind in ("title", "rich_text"):
        return plain(raw) if raw else ""
    if kind in ("select", "status"):
        opt = _option(prop, raw)
        return opt["name"] if opt else None
    if kind == "multi_select":
        return [o["name"] for o in (_option(prop, r) for r in raw or []) if o]
    if kind in ("people", "relation"):
        return list(raw or [])
    if kind == "files":
        return [f["name"] for f in raw or []]
    if kind == "checkbox":
        return bool(raw)
    if kind == "created_time":
        return iso_minute(page["created"])
    if kind == "last_edited_time":
        return iso_minute(page["edited"])
    if kind == "created_by":
        return [page["created_by"]]
    if kind == "last_edited_by":
        return [page["edited_by"]]
    if kind == "unique_id":
        return page.get("unique", {}).get(pid)
    if kind == "formula":
        return formula_value(store, ds, page, pid, depth)[1]
    if kind == "rollup":
        return rollup_value(store, ds, page, pid, depth)[1]
    return raw


def _option(prop, oid):
    if oid is None:
        return None
    for o in prop["config"]["options"]:
        if o["id"] == oid:
            return o
    return None


def _prop_kind(store, ds, key_kind, key):
    pid = key if key_kind == "id" else find_prop(ds["schema"], key)
    prop = ds["schema"].get(pid) if pid else None
    if prop is None:
        return "string"
    kind = prop["type"]
    if kind in ("number", "unique_id"):
        return "number"
    if kind == "checkbox":
        return "boolean"
    if kind in ("date", "created_time", "last_edited_time"):
        return "date"
    if kind == "formula":
        return infer_type(compile_expression(prop["config"]["expression"]),
                          lambda k, x: _prop_kind(store, ds, k, x))
    if kind == "rollup":
        return {"number": "number", "date": "date"}.get(rollup_type(prop["config"]["function"]), "string")
    return "string"


def formula_value(store, ds, page, pid, depth=0):
    """(type, value) of a formula property on one page."""
    expr = ds["schema"][pid]["config"]["expression"]
    node = compile_expression(expr)
    kind = infer_type(node, lambda k, x: _prop_kind(store, ds, k, x))
    if depth > 8:
        return kind, None

    def lookup(key_kind, key):
        ref = key if key_kind == "id" else find_prop(ds["schema"], key)
        if ref is None or ref not in ds["schema"]:
            return None
        value = py_value(store, ds, page, ref, depth + 1)
        return as_date(value) if _prop_kind(store, ds, "id", ref) == "date" else value

    try:
        value = evaluate(node, lookup)
    except (TypeError, ValueError, ArithmeticError, IndexError):
        value = None
    if kind == "number" and isinstance(value, bool):
        value = int(value)
    if kind == "number" and not isinstance(value, (int, float)):
        value = None
    if kind == "string" and value is not None and not isinstance(value, str):
        from .formula import _fmt

        value = _fmt(value)
    if kind == "boolean":
        value = bool(value) if value is not None else False
    if kind == "date":
        value = as_date(value)
        value = value.as_value() if isinstance(value, Moment) else None
    return kind, value


def rollup_type(fn: str) -> str:
    if fn in ("show_original", "show_unique"):
        return "array"
    if fn in ("earliest_date", "latest_date"):
        return "date"
    if fn == "date_range":
        return "date"
    return "number"


def rollup_value(store, ds, page, pid, depth=0):
    """(type, value, array) of a rollup property on one page."""
    conf = ds["schema"][pid]["config"]
    fn = conf["function"]
    kind = rollup_type(fn)
    rel = ds["schema"].get(conf["relation_property_id"])
    targets = []
    target_ds = None
    if rel is not None:
        target_ds = store.data_sources.get(rel["config"]["data_source_id"])
        for tid in page["props"].get(conf["relation_property_id"]) or []:
            t = store.pages.get(tid)
            if t is not None and not t["in_trash"]:
                targets.append(t)
    roll_pid = conf["rollup_property_id"]
    if target_ds is None or roll_pid not in target_ds["schema"] or depth > 8:
        return kind, (None if kind != "array" else []), []
    values = [py_value(store, target_ds, t, roll_pid, depth + 1) for t in targets]
    if kind == "array":
        items = [_value_item(store, target_ds, t, roll_pid, depth + 1) for t in targets]
        if fn == "show_unique":
            seen, uniq = set(), []
            for it in items:
                k = json.dumps(it, sort_keys=True)
                if k not in seen:
                    seen.add(k)
                    uniq.append(it)
            items = uniq
        return kind, values, items
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, list) else [v])
    filled = [v for v in flat if v not in (None, "", [], False)]
    nums = [v for v in flat if isinstance(v, (int, float)) and not isinstance(v, bool)]
    n = len(flat)
    if fn == "count":
        return kind, len(targets), []
    if fn == "count_values":
        return kind, len(filled), []
    if fn in ("empty", "not_empty"):
        return kind, (n - len(filled)) if fn == "empty" else len(filled), []
    if fn in ("unique", "count_unique_values"):
        return kind, len({json.dumps(v, sort_keys=True) for v in filled}), []
    if fn in ("percent_empty", "percent_not_empty"):
        if not n:
            return kind, 0, []
        part = (n - len(filled)) if fn == "percent_empty" else len(filled)
        return kind, part / n, []
    if fn in ("checked", "unchecked", "percent_checked", "percent_unchecked"):
        yes = sum(1 for v in flat if v is True)
        count = yes if fn in ("checked", "percent_checked") else n - yes
        return kind, (count / n if n else 0) if fn.startswith("percent") else count, []
    if fn in ("earliest_date", "latest_date", "date_range"):
        dates = [v for v in flat if isinstance(v, dict) and v.get("start")]
        dates.sort(key=lambda d: parse_when(d["start"]))
        if not dates:
            return kind, None, []
        if fn == "date_range":
            return kind, {"start": dates[0]["start"], "end": dates[-1]["start"]}, []
        pick = dates[0] if fn == "earliest_date" else dates[-1]
        return kind, {"start": pick["start"], "end": pick.get("end")}, []
    if not nums:
        return kind, (0 if fn == "sum" else None), []
    result = {"sum": sum, "average": lambda x: sum(x) / len(x), "median": statistics.median,
              "min": min, "max": max, "range": lambda x: max(x) - min(x)}.get(fn, sum)(nums)
    return kind, _tidy(result), []


def _tidy(x):
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def _value_item(store, ds, page, pid, depth):
    full = render_value(store, ds, page, pid, depth)
    kind = full["type"]
    return {"type": kind, kind: full[kind]}


def _user_obj(store, uid):
    u = store.users.get(uid)
    if u is None:
        return user_ref(uid)
    if u["type"] == "bot":
        return {"object": "user", "id": uid, "name": u["name"], "avatar_url": u.get("avatar_url"),
                "type": "bot", "bot": {}}
    return {"object": "user", "id": uid, "name": u["name"], "avatar_url": u.get("avatar_url"),
            "type": "person", "person": {"email": u["person"]["email"]}}


def render_value(store, ds, page, pid, depth=0, relation_limit=PAGE_RELATION_LIMIT) -> dict:
    prop = ds["schema"][pid]
    kind = prop["type"]
    raw = page["props"].get(pid)
    out = {"id": pid, "type": kind}
    if kind in ("title", "rich_text"):
        out[kind] = raw or []
    elif kind in ("select", "status"):
        opt = _option(prop, raw)
        out[kind] = {"id": opt["id"], "name": opt["name"], "color": opt["color"]} if opt else None
    elif kind == "multi_select":
        out[kind] = [{"id": o["id"], "name": o["name"], "color": o["color"]}
                     for o in (_option(prop, r) for r in raw or []) if o]
    elif kind == "people":
        out[kind] = [_user_obj(store, u) for u in raw or []]
    elif kind == "relation":
        rel = list(raw or [])
        out[kind] = [{"id": r} for r in rel[:relation_limit]]
        out["has_more"] = len(rel) > relation_limit
    elif kind == "checkbox":
        out[kind] = bool(raw)
    elif kind == "created_time":
        out[kind] = iso_minute(page["created"])
    elif kind == "last_edited_time":
        out[kind] = iso_minute(page["edited"])
    elif kind == "created_by":
        out[kind] = _user_obj(store, page["created_by"])
    elif kind == "last_edited_by":
        out[kind] = _user_obj(store, page["edited_by"])
    elif kind == "unique_id":
        out[kind] = {"prefix": prop["config"].get("prefix"), "number": page.get("unique", {}).get(pid)}
    elif kind == "formula":
        ftype, value = formula_value(store, ds, page, pid, depth)
        if ftype == "date" and value is not None:
            value = {"start": value.get("start"), "end": value.get("end"), "time_zone": None}
        if ftype == "string" and value == "":
            value = None  # "" is Notion's empty text, and the API shows empty values as null
        out[kind] = {"type": ftype, ftype: value}
    elif kind == "rollup":
        rtype, value, items = rollup_value(store, ds, page, pid, depth)
        if rtype == "array":
            out[kind] = {"type": "array", "array": items, "function": prop["config"]["function"]}
        else:
            if rtype == "date" and value is not None:
                value = {"start": value.get("start"), "end": value.get("end"), "time_zone": None}
            out[kind] = {"type": rtype, rtype: value, "function": prop["config"]["function"]}
    elif kind == "button":
        out[kind] = {}
    else:
        out[kind] = raw if raw is not None else ([] if kind == "files" else None)
    return out


def page_title(store, page) -> str:
    ds = store.data_sources.get(page["parent"].get("data_source_id"))
    if ds is None:
        return plain(page["props"].get("title"))
    for pid, prop in ds["schema"].items():
        if prop["type"] == "title":
            return plain(page["props"].get(pid))
    return ""


def page_parent(store, page) -> dict:
    parent = page["parent"]
    if parent["type"] == "data_source_id":
        ds = store.data_sources.get(parent["data_source_id"])
        return {"type": "data_source_id", "data_source_id": parent["data_source_id"],
                "database_id": ds["database_id"] if ds else None}
    return dict(parent)


def render_page(store, page, version: str, only: set | None = None) -> dict:
    ds = store.data_sources.get(page["parent"].get("data_source_id"))
    if ds is None:
        props = {"title": {"id": "title", "type": "title", "title": page["props"].get("title") or []}}
    else:
        props = {}
        for pid, prop in ds["schema"].items():
            if only is not None and pid not in only:
                continue
            props[prop["name"]] = render_value(store, ds, page, pid)
    title = page_title(store, page)
    hexid = page["id"].replace("-", "")
    out = {
        "object": "page", "id": page["id"],
        "created_time": iso_minute(page["created"]), "last_edited_time": iso_minute(page["edited"]),
        "created_by": user_ref(page["created_by"]), "last_edited_by": user_ref(page["edited_by"]),
        "cover": page.get("cover"), "icon": page.get("icon"), "parent": page_parent(store, page),
        "in_trash": page["in_trash"], "is_archived": False, "is_locked": False,
        "properties": props,
        "url": f"https://www.notion.so/{slug(title) + '-' if slug(title) else ''}{hexid}",
        "public_url": None,
    }
    if version != NEW_VERSION:
        out["archived"] = page["in_trash"]
    return out


def dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def page_bytes(store, page, version: str) -> bytes:
    """Rendered page JSON, cached until the page, its schema or (for rollups) any page changes,
    or (for formulas that read now(), and rollups that may reach one) the clock's minute."""
    ds = store.data_sources.get(page["parent"].get("data_source_id"))
    clock_bound = ds is not None and (ds.get("dynamic") or any(
        p["type"] == "formula" and uses_clock(p["config"]["expression"]) for p in ds["schema"].values()))
    key = (page["v"], ds["v"] if ds else 0, store.write_seq if ds and ds.get("dynamic") else 0,
           version == NEW_VERSION, int(now()) // 60 if clock_bound else 0)
    hit = store.render_cache.get(page["id"])
    if hit is not None and hit[0] == key:
        return hit[1]
    data = dumps(render_page(store, page, version))
    store.render_cache[page["id"]] = (key, data)
    return data
