"""Data source schemas: validate property definitions, apply updates, render them."""

from __future__ import annotations

import random
import string
from urllib.parse import quote, unquote

from .common import MAX_ARRAY, body_id, new_id, too_long
from .errors import body_invalid, validation

COLORS = ("default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red")
SIMPLE = ("title", "rich_text", "date", "people", "checkbox", "url", "email", "phone_number", "files",
          "created_time", "created_by", "last_edited_time", "last_edited_by")
TYPES = SIMPLE + ("number", "select", "multi_select", "status", "formula", "relation", "rollup", "unique_id")
# Made in the Notion app only: the API refuses to create them, shows them, and cannot write them.
APP_ONLY = ("button", "place")
READ_ONLY = ("formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id",
             *APP_ONLY)
ROLLUP_FUNCTIONS = ("count", "count_values", "empty", "not_empty", "unique", "show_unique", "percent_empty",
                    "percent_not_empty", "sum", "average", "median", "min", "max", "range", "earliest_date",
                    "latest_date", "date_range", "checked", "unchecked", "percent_checked", "percent_unchecked",
                    "count_per_group", "percent_per_group", "show_original")
_ID_CHARS = string.ascii_letters + string.digits + ":;<=>?@[]^_`{|}~"


def new_prop_id(taken) -> str:
    while True:
        raw = "".join(random.choice(_ID_CHARS) for _ in range(4))
        pid = quote(raw, safe="")
        if pid not in taken and pid != "title":
            return pid


def same_id(a: str, b: str) -> bool:
    return a == b or unquote(a) == unquote(b)


def find_prop(schema: dict, key: str) -> str | None:
    """Resolve a property by name or id (encoded or not); return its id."""
    for pid, prop in schema.items():
        if prop["name"] == key:
            return pid
    for pid in schema:
        if same_id(pid, key):
            return pid
    return None


def prop_type(config: dict, path: str) -> str:
    if not isinstance(config, dict):
        raise body_invalid(path, "an object", config)
    kind = config.get("type")
    if kind is None:
        found = [k for k in config if k in TYPES or k in APP_ONLY]
        if len(found) != 1:
            raise body_invalid(path, "an object with exactly one property type", config)
        kind = found[0]
    if kind in APP_ONLY:
        raise validation(f"{path}: a {kind} property can be made in the Notion app only, not through the API.")
    if kind not in TYPES:
        raise validation(f"{path}.type should be a supported property type, instead was `{kind!r}`.")
    return kind


def _options(given, old: list | None, path: str) -> list[dict]:
    """Options replace the list; an option named like an existing one keeps its id."""
    if not isinstance(given, list):
        raise body_invalid(path, "an array", given)
    if len(given) > MAX_ARRAY:
        raise too_long(path, MAX_ARRAY, len(given))
    old = old or []
    out = []
    for i, opt in enumerate(given):
        if not isinstance(opt, dict):
            raise body_invalid(f"{path}[{i}]", "an object", opt)
        prior = None
        if opt.get("id") is not None:
            prior = next((o for o in old if o["id"] == opt["id"]), None)
            if prior is None:
                raise validation(f"{path}[{i}].id: no option with id `{opt['id']}` exists.")
        elif isinstance(opt.get("name"), str):
            prior = next((o for o in old if o["name"] == opt["name"]), None)
        else:
            raise body_invalid(f"{path}[{i}].name", "a string", opt.get("name"))
        name = opt.get("name", prior["name"] if prior else None)
        if not isinstance(name, str) or not name.strip():
            raise body_invalid(f"{path}[{i}].name", "a non-empty string", name)
        if "," in name:
            raise validation(f"Invalid select option, commas not allowed: {name}")
        color = opt.get("color") or (prior["color"] if prior else "default")
        if color not in COLORS:
            raise body_invalid(f"{path}[{i}].color", "one of " + ", ".join(COLORS), color)
        if any(o["name"] == name for o in out):
            raise validation(f"Duplicate option name `{name}` in {path}.")
        out.append({"id": prior["id"] if prior else new_id(), "name": name, "color": color,
                    "description": opt.get("description", prior["description"] if prior else None)})
    return out


def default_status() -> dict:
    opts = [{"id": new_id(), "name": n, "color": c, "description": None}
            for n, c in (("Not started", "default"), ("In progress", "blue"), ("Done", "green"))]
    groups = [{"id": new_id(), "name": g, "color": c, "option_ids": [o["id"]]}
              for (g, c), o in zip((("To-do", "gray"), ("In progress", "blue"), ("Complete", "green")), opts)]
    return {"options": opts, "groups": groups}


def build_config(store, ds: dict, pid: str, name: str, kind: str, config: dict, old: dict | None, path: str) -> dict:
    """Validate one property definition; return the stored form {name, type, config...}."""
    body = config.get(kind) if isinstance(config.get(kind), dict) else {}
    if config.get(kind) is not None and not isinstance(config.get(kind), dict):
        raise body_invalid(f"{path}.{kind}", "an object", config.get(kind))
    prev = old["config"] if old and old["type"] == kind else None
    if kind in SIMPLE or kind in APP_ONLY:
        conf = {}
    elif kind == "number":
        conf = {"format": body.get("format", (prev or {}).get("format", "number"))}
    elif kind in ("select", "multi_select"):
        if "options" in body:
            conf = {"options": _options(body["options"], (prev or {}).get("options"), f"{path}.{kind}.options")}
        else:
            conf = {"options": (prev or {}).get("options", [])}
    elif kind == "status":
        if prev:
            conf = prev
        else:
            conf = default_status()
            if "options" in body:
                conf["options"] = _options(body["options"], conf["options"], f"{path}.status.options")
                conf["groups"][0]["option_ids"] = [o["id"] for o in conf["options"]]
                for g in conf["groups"][1:]:
                    g["option_ids"] = []
    elif kind == "formula":
        expr = body.get("expression", (prev or {}).get("expression"))
        if not isinstance(expr, str):
            raise body_invalid(f"{path}.formula.expression", "a string", expr)
        from .formula import compile_expression

        compile_expression(expr, f"{path}.formula.expression")
        conf = {"expression": expr}
    elif kind == "unique_id":
        prefix = body.get("prefix", (prev or {}).get("prefix"))
        if prefix is not None and not isinstance(prefix, str):
            raise body_invalid(f"{path}.unique_id.prefix", "a string or null", prefix)
        conf = {"prefix": prefix}
    elif kind == "relation":
        conf = _relation(store, ds, pid, name, body, prev, path)
    elif kind == "rollup":
        conf = _rollup(store, ds, body, prev, path)
    return {"name": name, "type": kind, "description": config.get("description", (old or {}).get("description")),
            "config": conf}


def _relation(store, ds, pid, name, body, prev, path) -> dict:
    if prev and "data_source_id" not in body:
        return prev
    target_id = body_id(body.get("data_source_id"), f"{path}.relation.data_source_id")
    target = store.data_sources.get(target_id)
    if target is None:
        raise validation(f"{path}.relation.data_source_id: could not find data source with ID: {target_id}.")
    kind = body.get("type") or ("dual_property" if "dual_property" in body else "single_property")
    if kind not in ("single_property", "dual_property"):
        raise body_invalid(f"{path}.relation.type", '"single_property" or "dual_property"', kind)
    conf = {"database_id": target["database_id"], "data_source_id": target_id, "type": kind, kind: {}}
    if kind == "dual_property":
        if prev and prev.get("type") == "dual_property" and prev["data_source_id"] == target_id:
            return prev
        synced_name = f"Related to {_plain(ds['title'])} ({name})"
        synced_id = new_prop_id(target["schema"]) if target is not ds else new_prop_id(set(ds["schema"]) | {pid})
        target["schema"][synced_id] = {
            "name": synced_name, "type": "relation", "description": None,
            "config": {"database_id": ds["database_id"], "data_source_id": ds["id"], "type": "dual_property",
                       "dual_property": {"synced_property_id": pid}},
        }
        target["v"] = target.get("v", 0) + 1
        conf["dual_property"] = {"synced_property_id": synced_id}
    return conf


def _rollup(store, ds, body, prev, path) -> dict:
    body = {**(prev or {}), **body}
    rel_key = body.get("relation_property_id") or body.get("relation_property_name")
    rel_id = find_prop(ds["schema"], rel_key) if isinstance(rel_key, str) else None
    if rel_id is None or ds["schema"][rel_id]["type"] != "relation":
        raise validation(f"{path}.rollup: relation property `{rel_key}` does not exist in this data source.")
    target = store.data_sources.get(ds["schema"][rel_id]["config"]["data_source_id"])
    roll_key = body.get("rollup_property_id") or body.get("rollup_property_name")
    roll_id = find_prop(target["schema"], roll_key) if target and isinstance(roll_key, str) else None
    if roll_id is None:
        raise validation(f"{path}.rollup: rollup property `{roll_key}` does not exist in the related data source.")
    fn = body.get("function")
    if fn not in ROLLUP_FUNCTIONS:
        raise body_invalid(f"{path}.rollup.function", "a rollup function", fn)
    return {"relation_property_id": rel_id, "rollup_property_id": roll_id, "function": fn}


def _plain(rich) -> str:
    return "".join(r.get("plain_text", "") for r in rich or [])


def create_schema(store, ds: dict, properties, path: str = "body.properties") -> None:
    """Fill ds['schema'] from a create request; exactly one title property."""
    if not isinstance(properties, dict):
        raise body_invalid(path, "an object", properties)
    titles = [n for n, c in properties.items() if prop_type(c, f"{path}.{n}") == "title"]
    if len(titles) != 1:
        raise validation(f"{path}: a data source needs exactly one title property, found {len(titles)}.")
    ds["schema"] = {}
    deferred = []
    for name, config in properties.items():
        kind = prop_type(config, f"{path}.{name}")
        if kind == "rollup":
            deferred.append((name, config))
            continue
        pid = "title" if kind == "title" else new_prop_id(ds["schema"])
        ds["schema"][pid] = build_config(store, ds, pid, name, kind, config, None, f"{path}.{name}")
    for name, config in deferred:
        pid = new_prop_id(ds["schema"])
        ds["schema"][pid] = build_config(store, ds, pid, name, "rollup", config, None, f"{path}.{name}")
    _formula_references(ds)


def _formula_references(ds: dict) -> None:
    """Formulas as Notion stores them: naming properties by id (once every property of the request
    exists), laid out as Notion shows them."""
    from .formula import as_notion_shows, with_references
    from .store import WORKSPACE_ID

    by_name = {p["name"]: pid for pid, p in ds["schema"].items()}
    for prop in ds["schema"].values():
        if prop["type"] == "formula":
            expr = prop["config"]["expression"]
            if "prop(" in expr:
                expr = with_references(expr, lambda name: by_name.get(name), ds["id"], WORKSPACE_ID)
            expr = as_notion_shows(expr)
            if expr != prop["config"]["expression"]:
                prop["config"] = {**prop["config"], "expression": expr}


def update_schema(store, ds: dict, properties, path: str = "body.properties") -> set[str]:
    """Apply add/rename/retype/remove; return ids whose stored values must be cleared."""
    if not isinstance(properties, dict):
        raise body_invalid(path, "an object", properties)
    schema = ds["schema"]
    cleared = set()
    for key, config in properties.items():
        pid = find_prop(schema, key)
        p = f"{path}.{key}"
        if config is None:
            if pid is None:
                raise validation(f"{key} is not a property that exists.")
            if schema[pid]["type"] == "title":
                raise validation(f"Cannot delete the title property {key}.")
            del schema[pid]
            cleared.add(pid)
            continue
        if not isinstance(config, dict):
            raise body_invalid(p, "an object or null", config)
        new_name = config.get("name", key if pid is None else schema[pid]["name"])
        if not isinstance(new_name, str) or not new_name.strip():
            raise body_invalid(f"{p}.name", "a non-empty string", new_name)
        if find_prop(schema, new_name) not in (None, pid) and schema[find_prop(schema, new_name)]["name"] == new_name:
            raise validation(f"A property named {new_name} already exists.")
        has_type = "type" in config or any(k in TYPES or k in APP_ONLY for k in config)
        if pid is None:
            if not has_type:
                raise validation(f"{key} is not a property that exists.")
            kind = prop_type(config, p)
            if kind == "title":
                raise validation(f"{p}: a data source has exactly one title property.")
            pid = new_prop_id(schema)
            schema[pid] = build_config(store, ds, pid, new_name, kind, config, None, p)
            continue
        old = schema[pid]
        kind = prop_type(config, p) if has_type else old["type"]
        if kind != old["type"] and "title" in (kind, old["type"]):
            raise validation(f"{p}: the title property cannot change type.")
        schema[pid] = build_config(store, ds, pid, new_name, kind, config, old, p)
        if kind != old["type"]:
            cleared.add(pid)
    _formula_references(ds)
    return cleared


def add_app_only(ds: dict, name: str, kind: str) -> str:
    """A property of a type only the Notion app makes (a button, a place); returns its id."""
    if kind not in APP_ONLY:
        raise ValueError(f"type should be one of {', '.join(APP_ONLY)} (the API makes the others), not {kind!r}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name should be a non-empty string")
    if find_prop(ds["schema"], name) is not None:
        raise ValueError(f"the data source already has a property named {name}")
    pid = new_prop_id(ds["schema"])
    ds["schema"][pid] = {"name": name, "type": kind, "description": None, "config": {}}
    return pid


def render_property(ds: dict, pid: str, store) -> dict:
    prop = ds["schema"][pid]
    kind = prop["type"]
    conf = prop["config"]
    if kind == "relation":
        conf = dict(conf)
        if conf["type"] == "dual_property":
            target = store.data_sources.get(conf["data_source_id"])
            sid = conf["dual_property"]["synced_property_id"]
            sname = target["schema"].get(sid, {}).get("name") if target else None
            conf["dual_property"] = {"synced_property_name": sname, "synced_property_id": sid}
    elif kind == "rollup":
        rprop = ds["schema"].get(conf["relation_property_id"])
        target = store.data_sources.get(rprop["config"]["data_source_id"]) if rprop else None
        tprop = target["schema"].get(conf["rollup_property_id"]) if target else None
        conf = {"rollup_property_name": tprop["name"] if tprop else None,
                "relation_property_name": rprop["name"] if rprop else None,
                # as recorded: a rollup names its properties by their ids decoded (":J{:" for "%3AJ%7B%3A")
                "rollup_property_id": unquote(conf["rollup_property_id"]),
                "relation_property_id": unquote(conf["relation_property_id"]), "function": conf["function"]}
    return {"id": pid, "name": prop["name"], "description": prop.get("description"), "type": kind, kind: conf}
