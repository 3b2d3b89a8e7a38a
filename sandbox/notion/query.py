"""Data source queries: property and timestamp filters, compound and/or, sorts, cursors."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, UTC

from .common import MAX_ARRAY, iso_minute, now, parse_when
from .errors import body_invalid, too_long, validation
from .render import formula_value, py_value, rollup_value
from .schema import find_prop

TEXT_TYPES = ("title", "rich_text", "url", "email", "phone_number")
TEXT_OPS = ("equals", "does_not_equal", "contains", "does_not_contain", "starts_with", "ends_with",
            "is_empty", "is_not_empty")
NUMBER_OPS = ("equals", "does_not_equal", "greater_than", "less_than", "greater_than_or_equal_to",
              "less_than_or_equal_to", "is_empty", "is_not_empty")
DATE_OPS = ("equals", "before", "after", "on_or_before", "on_or_after", "is_empty", "is_not_empty",
            "past_week", "past_month", "past_year", "this_week", "next_week", "next_month", "next_year")
LIST_OPS = ("contains", "does_not_contain", "is_empty", "is_not_empty")
SELECT_OPS = ("equals", "does_not_equal", "is_empty", "is_not_empty")
FILTER_FOR = {  # property type -> accepted filter keys
    **{t: ("title", "rich_text", "url", "email", "phone_number") for t in TEXT_TYPES},
    "number": ("number",), "checkbox": ("checkbox",), "select": ("select",), "status": ("status",),
    "multi_select": ("multi_select",), "date": ("date",), "people": ("people",), "relation": ("relation",),
    "files": ("files",), "formula": ("formula",), "rollup": ("rollup",), "unique_id": ("unique_id", "number"),
    "created_time": ("created_time", "date"), "last_edited_time": ("last_edited_time", "date"),
    "created_by": ("created_by", "people"), "last_edited_by": ("last_edited_by", "people"),
}


def compile_filter(ds, flt, path="body.filter", depth=0):
    """Validate a filter once; return a predicate page -> bool."""
    if not isinstance(flt, dict):
        raise body_invalid(path, "an object", flt)
    for op in ("and", "or"):
        if op in flt:
            if depth >= 2:
                raise validation(f"{path}: compound filters can be nested at most two levels deep.")
            items = flt[op]
            if not isinstance(items, list):
                raise body_invalid(f"{path}.{op}", "an array", items)
            if len(items) > MAX_ARRAY:
                raise too_long(f"{path}.{op}", MAX_ARRAY, len(items))
            preds = [compile_filter(ds, f, f"{path}.{op}[{i}]", depth + 1) for i, f in enumerate(items)]
            if op == "and":
                return lambda ctx, page: all(p(ctx, page) for p in preds)
            return lambda ctx, page: any(p(ctx, page) for p in preds)
    if "timestamp" in flt:
        ts = flt["timestamp"]
        if ts not in ("created_time", "last_edited_time"):
            raise body_invalid(f"{path}.timestamp", '"created_time" or "last_edited_time"', ts)
        cond = _cond(flt, ts, DATE_OPS, path)
        check = _date_check(cond, f"{path}.{ts}")
        field = "created" if ts == "created_time" else "edited"
        return lambda ctx, page: check({"start": iso_minute(page[field])})
    key = flt.get("property")
    if not isinstance(key, str):
        raise body_invalid(f"{path}.property", "a string", key)
    pid = find_prop(ds["schema"], key)
    if pid is None:
        raise validation(f"Could not find property with name or id: {key}")
    kind = ds["schema"][pid]["type"]
    fkey = next((k for k in flt if k != "property"), None)
    if fkey not in FILTER_FOR[kind]:
        raise validation(f"{path}: filter type `{fkey}` does not match property `{key}` of type `{kind}`.")
    if kind == "formula":
        return _formula_filter(ds, pid, flt[fkey], f"{path}.formula")
    if kind == "rollup":
        return _rollup_filter(ds, pid, flt[fkey], f"{path}.rollup")
    check = _check_for(fkey, flt, path)
    if fkey in ("date", "created_time", "last_edited_time") and kind in ("created_time", "last_edited_time"):
        return lambda ctx, page: check({"start": py_value(ctx, ds, page, pid)})
    return lambda ctx, page: check(py_value(ctx, ds, page, pid))


def _cond(flt, key, ops, path):
    cond = flt.get(key)
    if not isinstance(cond, dict) or len(cond) != 1:
        raise body_invalid(f"{path}.{key}", "an object with one condition", cond)
    op = next(iter(cond))
    if op not in ops:
        raise validation(f"{path}.{key}: unknown condition `{op}`; expected one of {', '.join(ops)}.")
    return cond


def _check_for(fkey, flt, path):
    if fkey in ("title", "rich_text", "url", "email", "phone_number"):
        return _text_check(_cond(flt, fkey, TEXT_OPS, path), f"{path}.{fkey}")
    if fkey in ("number", "unique_id"):
        return _number_check(_cond(flt, fkey, NUMBER_OPS, path), f"{path}.{fkey}")
    if fkey == "checkbox":
        return _checkbox_check(_cond(flt, fkey, ("equals", "does_not_equal"), path), f"{path}.checkbox")
    if fkey in ("select", "status"):
        cond = _cond(flt, fkey, SELECT_OPS, path)
        return _select_check(cond, f"{path}.{fkey}")
    if fkey in ("multi_select", "people", "relation", "created_by", "last_edited_by"):
        return _list_check(_cond(flt, fkey, LIST_OPS, path), f"{path}.{fkey}", fkey)
    if fkey == "files":
        return _list_check(_cond(flt, fkey, ("is_empty", "is_not_empty"), path), f"{path}.files", fkey)
    if fkey in ("date", "created_time", "last_edited_time"):
        return _date_check(_cond(flt, fkey, DATE_OPS, path), f"{path}.{fkey}")
    raise validation(f"{path}: unsupported filter `{fkey}`.")


def _empty_ops(op, val, path):
    if op in ("is_empty", "is_not_empty") and val is not True:
        raise body_invalid(f"{path}.{op}", "`true`", val)


def _text_check(cond, path):
    op, val = next(iter(cond.items()))
    _empty_ops(op, val, path)
    if op not in ("is_empty", "is_not_empty") and not isinstance(val, str):
        raise body_invalid(f"{path}.{op}", "a string", val)
    low = val.lower() if isinstance(val, str) else val

    def check(v):
        v = v or ""
        if op == "is_empty":
            return v == ""
        if op == "is_not_empty":
            return v != ""
        if op == "equals":
            return v == val
        if op == "does_not_equal":
            return v != val
        lv = v.lower()
        if op == "contains":
            return low in lv
        if op == "does_not_contain":
            return low not in lv
        if op == "starts_with":
            return lv.startswith(low)
        return lv.endswith(low)
    return check


def _number_check(cond, path):
    op, val = next(iter(cond.items()))
    _empty_ops(op, val, path)
    if op not in ("is_empty", "is_not_empty") and (isinstance(val, bool) or not isinstance(val, (int, float))):
        raise body_invalid(f"{path}.{op}", "a number", val)

    def check(v):
        if op == "is_empty":
            return v is None
        if op == "is_not_empty":
            return v is not None
        if op == "does_not_equal":
            return v != val
        if v is None:
            return False
        return {"equals": v == val, "greater_than": v > val, "less_than": v < val,
                "greater_than_or_equal_to": v >= val, "less_than_or_equal_to": v <= val}[op]
    return check


def _checkbox_check(cond, path):
    op, val = next(iter(cond.items()))
    if not isinstance(val, bool):
        raise body_invalid(f"{path}.{op}", "a boolean", val)
    return (lambda v: bool(v) == val) if op == "equals" else (lambda v: bool(v) != val)


def _select_check(cond, path):
    op, val = next(iter(cond.items()))
    _empty_ops(op, val, path)
    if op in ("equals", "does_not_equal") and not isinstance(val, str):
        raise body_invalid(f"{path}.{op}", "a string", val)
    return {"is_empty": lambda v: v is None, "is_not_empty": lambda v: v is not None,
            "equals": lambda v: v == val, "does_not_equal": lambda v: v != val}[op]


def _list_check(cond, path, fkey):
    op, val = next(iter(cond.items()))
    _empty_ops(op, val, path)
    if op in ("contains", "does_not_contain"):
        if not isinstance(val, str):
            raise body_invalid(f"{path}.{op}", "a string", val)
        if fkey in ("people", "relation", "created_by", "last_edited_by"):
            from .common import parse_id

            norm = parse_id(val)
            if norm is None:
                raise body_invalid(f"{path}.{op}", "a valid uuid", val)
            val = norm
    return {"is_empty": lambda v: not v, "is_not_empty": lambda v: bool(v),
            "contains": lambda v: val in (v or []), "does_not_contain": lambda v: val not in (v or [])}[op]


def _as_day(text):
    """(date, datetime-or-None) for a stored or filter value; None if unparsable."""
    dt = parse_when(text)
    if dt is None:
        return None
    if len(text.strip()) == 10:
        return dt.date(), None
    return dt.date(), dt.replace(second=0, microsecond=0)


def _date_check(cond, path):
    op, val = next(iter(cond.items()))
    _empty_ops(op, val, path)
    rel = op in ("past_week", "past_month", "past_year", "this_week", "next_week", "next_month", "next_year")
    if rel:
        if val != {}:
            raise body_invalid(f"{path}.{op}", "an empty object", val)
    elif op not in ("is_empty", "is_not_empty"):
        if not isinstance(val, str) or parse_when(val) is None:
            raise body_invalid(f"{path}.{op}", "an ISO 8601 date", val)
        want = _as_day(val)

    def check(v):
        start = v.get("start") if isinstance(v, dict) else None
        if op == "is_empty":
            return start is None
        if op == "is_not_empty":
            return start is not None
        if start is None:
            return False
        have = _as_day(start)
        if have is None:
            return False
        if rel:
            return _relative(op, have[0])
        if want[1] is not None and have[1] is not None:
            a, b = have[1], want[1]
        else:
            a, b = have[0], want[0]
        return {"equals": a == b, "before": a < b, "after": a > b, "on_or_before": a <= b,
                "on_or_after": a >= b}[op]
    return check


def _relative(op, day: date) -> bool:
    today = datetime.fromtimestamp(now(), UTC).date()
    if op == "this_week":
        monday = today - timedelta(days=today.weekday())
        return monday <= day <= monday + timedelta(days=6)
    unit = op.split("_")[1]
    sign = -1 if op.startswith("past") else 1
    if unit == "week":
        edge = today + timedelta(days=7 * sign)
    else:  # calendar months and years, as recorded: past_month from 27 Jun includes 27 May
        months = (1 if unit == "month" else 12) * sign
        y, m = divmod(today.year * 12 + today.month - 1 + months, 12)
        edge = date(y, m + 1, min(today.day, calendar.monthrange(y, m + 1)[1]))
    return min(today, edge) <= day <= max(today, edge)


def _formula_filter(ds, pid, cond, path):
    if not isinstance(cond, dict) or len(cond) != 1:
        raise body_invalid(path, "an object with one of string, number, checkbox, date", cond)
    kind = next(iter(cond))
    if kind not in ("string", "number", "checkbox", "date"):
        raise body_invalid(path, "an object with one of string, number, checkbox, date", cond)
    check = _check_for({"string": "rich_text"}.get(kind, kind), {{"string": "rich_text"}.get(kind, kind): cond[kind]}, path)

    def pred(ctx, page):
        v = formula_value(ctx, ds, page, pid)[1]
        return check(v)
    return pred


def _rollup_filter(ds, pid, cond, path):
    if not isinstance(cond, dict) or len(cond) != 1:
        raise body_invalid(path, "an object with one of any, every, none, number, date", cond)
    mode = next(iter(cond))
    if mode in ("number", "date"):
        check = _check_for(mode, cond, path)
        wrap = (lambda v: v) if mode == "number" else (lambda v: v)
        return lambda ctx, page: check(wrap(rollup_value(ctx, ds, page, pid)[1]))
    if mode not in ("any", "every", "none"):
        raise body_invalid(path, "an object with one of any, every, none, number, date", cond)
    inner = cond[mode]
    if not isinstance(inner, dict) or len(inner) != 1:
        raise body_invalid(f"{path}.{mode}", "an object with one condition", inner)
    check = _check_for(next(iter(inner)), inner, f"{path}.{mode}")

    def pred(ctx, page):
        values = rollup_value(ctx, ds, page, pid)[1] or []
        hits = [check(v) for v in values]
        if mode == "any":
            return any(hits)
        if mode == "every":  # as recorded: a page with nothing to roll up does not match
            return bool(hits) and all(hits)
        return not any(hits)
    return pred


def compile_sorts(ds, sorts, path="body.sorts"):
    """Return a list of (key function, descending) applied last-to-first."""
    if sorts is None:
        return []
    if not isinstance(sorts, list):
        raise body_invalid(path, "an array", sorts)
    if len(sorts) > MAX_ARRAY:
        raise too_long(path, MAX_ARRAY, len(sorts))
    out = []
    for i, s in enumerate(sorts):
        p = f"{path}[{i}]"
        if not isinstance(s, dict):
            raise body_invalid(p, "an object", s)
        direction = s.get("direction", "ascending")
        if direction not in ("ascending", "descending"):
            raise body_invalid(f"{p}.direction", '"ascending" or "descending"', direction)
        if "timestamp" in s:
            field = {"created_time": "created", "last_edited_time": "edited"}.get(s["timestamp"])
            if field is None:
                raise body_invalid(f"{p}.timestamp", '"created_time" or "last_edited_time"', s["timestamp"])
            out.append((lambda ctx, page, f=field: int(page[f]) // 60, direction == "descending"))
            continue
        key = s.get("property")
        pid = find_prop(ds["schema"], key) if isinstance(key, str) else None
        if pid is None:
            raise validation(f"Could not find sort property with name or id: {key}")
        out.append((_sort_key(ds, pid), direction == "descending"))
    return out


def _sort_key(ds, pid):
    prop = ds["schema"][pid]

    def key(ctx, page):
        v = py_value(ctx, ds, page, pid)
        if prop["type"] in ("select", "status") and v is not None:
            names = [o["name"] for o in prop["config"]["options"]]
            return names.index(v) if v in names else len(names)
        if isinstance(v, list):
            v = v[0] if v else None
            if prop["type"] in ("people", "created_by", "last_edited_by") and v:
                v = (ctx.users.get(v) or {}).get("name", "")
        if isinstance(v, dict):
            day = _as_day(v.get("start") or "")
            v = (day[1] or datetime.combine(day[0], datetime.min.time(), UTC)) if day else None
        if isinstance(v, str):
            if prop["type"] in ("created_time", "last_edited_time"):
                return v
            v = v.lower() if v else None
        return v
    return key


def run_sorts(ctx, pages, sorts):
    for keyfn, desc in reversed(sorts):
        keyed = [(keyfn(ctx, p), p) for p in pages]
        present = [kp for kp in keyed if kp[0] is not None]
        absent = [kp[1] for kp in keyed if kp[0] is None]
        try:
            present.sort(key=lambda kp: kp[0], reverse=desc)
        except TypeError:
            present.sort(key=lambda kp: str(kp[0]), reverse=desc)
        pages = [p for _, p in present] + absent  # empty values always last
    return pages


def page_size(body_or_query, path="body.page_size") -> int:
    size = body_or_query.get("page_size", 100) if isinstance(body_or_query, dict) else 100
    if isinstance(size, str) and size.isdigit():
        size = int(size)
    if isinstance(size, bool) or not isinstance(size, int):
        raise body_invalid(path, "a number", size)
    if size < 1:
        raise validation(f"body failed validation: {path} should be ≥ `1`, instead was `{size}`.")
    if size > 100:
        raise validation(f"body failed validation: {path} should be ≤ `100`, instead was `{size}`.")
    return size


def paginate(items, ids, start_cursor, size, path="body.start_cursor", opaque=False):
    """Slice by cursor; return (items, next_cursor).

    A cursor names the first item of the next page, so it stays valid when rows are added.
    Data source queries wrap it as Notion does (`s:<uuid>:<page id>`); both forms are accepted.
    """
    start = 0
    if start_cursor is not None:
        from .common import parse_id

        raw = start_cursor.rsplit(":", 1)[-1] if isinstance(start_cursor, str) else None
        cid = parse_id(raw) if raw else None
        if cid is None or cid not in ids:
            raise validation(f"{path.split('.')[-1]} provided is invalid: {start_cursor}")
        start = ids.index(cid)
    chunk = items[start:start + size]
    nxt = ids[start + size] if start + size < len(ids) else None
    if nxt is not None and opaque:
        import uuid

        nxt = f"s:{uuid.uuid4()}:{nxt}"
    return chunk, nxt
