"""Databases (create with initial_data_source, retrieve, update) and data sources (CRUD, query)."""

from __future__ import annotations

import uuid

from .common import body_id, iso_millis, iso_minute, new_id, now, parse_id, path_id, plain, rich_text, text_item
from .errors import body_invalid, validation
from .pages import Raw
from .query import compile_filter, compile_sorts, page_size, paginate, run_sorts
from .render import NEW_VERSION, dumps, page_bytes, render_page, user_ref
from .schema import create_schema, find_prop, render_property, update_schema
from .store import BOT_ID

DEFAULT_PROPERTIES = {"Name": {"title": {}}}


def _rich(store, value, path):
    return rich_text(value, path, store.mention_user, store.mention_page)


def _new_ds(store, db, title, properties, icon=None, path="body.properties"):
    t = now()
    ds = {"id": new_id(), "database_id": db["id"], "title": title, "description": [], "icon": icon,
          "cover": None, "created": t, "edited": t, "created_by": BOT_ID, "edited_by": BOT_ID,
          "in_trash": False, "schema": {}, "v": 0, "uid_next": 0}
    create_schema(store, ds, properties if properties is not None else DEFAULT_PROPERTIES, path)
    ds["dynamic"] = any(p["type"] == "rollup" for p in ds["schema"].values())
    store.data_sources[ds["id"]] = ds
    store.ds_pages[ds["id"]] = []
    db["data_sources"].append(ds["id"])
    return ds


def render_database(store, db, version) -> dict:
    out = {"object": "database", "id": db["id"], "title": db["title"], "description": db["description"],
           "parent": db["parent"], "is_inline": db["is_inline"], "in_trash": db["in_trash"], "is_locked": False,
           "created_time": iso_millis(db["created"]), "last_edited_time": iso_millis(db["edited"]),
           "data_sources": [{"id": d, "name": plain(store.data_sources[d]["title"]) or plain(db["title"])}
                            for d in db["data_sources"]],
           "icon": db["icon"], "cover": db["cover"],
           "url": f"https://www.notion.so/{db['id'].replace('-', '')}", "public_url": None}
    if version != NEW_VERSION:
        out["archived"] = db["in_trash"]
    return out


def render_data_source(store, ds, version) -> dict:
    db = store.databases[ds["database_id"]]
    out = {"object": "data_source", "id": ds["id"], "cover": ds["cover"], "icon": ds["icon"],
           "created_time": iso_minute(ds["created"]), "created_by": user_ref(ds["created_by"]),
           "last_edited_by": user_ref(ds["edited_by"]), "last_edited_time": iso_minute(ds["edited"]),
           "title": ds["title"], "description": ds["description"], "is_inline": db["is_inline"],
           "properties": {p["name"]: render_property(ds, pid, store) for pid, p in ds["schema"].items()},
           "parent": {"type": "database_id", "database_id": db["id"]}, "database_parent": db["parent"],
           "url": f"https://www.notion.so/{db['id'].replace('-', '')}", "public_url": None,
           "in_trash": ds["in_trash"]}
    if version != NEW_VERSION:
        out["archived"] = ds["in_trash"]
    return out


def database_create(req):
    store, body = req.store, req.body
    parent = body.get("parent")
    if not isinstance(parent, dict) or "page_id" not in parent:
        raise body_invalid("body.parent", "an object with page_id", parent)
    page_id = body_id(parent["page_id"], "body.parent.page_id")
    page = store.pages.get(page_id)
    if page is None or page["in_trash"]:
        raise store.missing("page", page_id)
    if page["parent"]["type"] == "data_source_id":
        raise validation("body.parent.page_id: a database cannot be created inside a data source page "
                         "in the sandbox.")
    given = _rich(store, body.get("title"), "body.title")  # the data source keeps what was given
    title = given or [text_item("New database")]  # the database gets Notion's default
    initial = body.get("initial_data_source") or {}
    if not isinstance(initial, dict):
        raise body_invalid("body.initial_data_source", "an object", initial)
    t = now()
    db = {"id": new_id(), "parent": {"type": "page_id", "page_id": page_id}, "title": title,
          "description": _rich(store, body.get("description"), "body.description"),
          "is_inline": bool(body.get("is_inline", False)), "in_trash": False, "icon": body.get("icon"),
          "cover": body.get("cover"), "created": t, "edited": t, "created_by": BOT_ID, "edited_by": BOT_ID,
          "data_sources": [], "seq": store.next_seq(), "v": 0}
    store.databases[db["id"]] = db
    try:
        ds = _new_ds(store, db, given, initial.get("properties"), path="body.initial_data_source.properties")
        ds["description"] = db["description"]
    except Exception:
        del store.databases[db["id"]]
        raise
    store.bump()
    return render_database(store, db, req.version)


def database_retrieve(req):
    store = req.store
    db = store.get_database(path_id(req.params["database_id"], "database_id"))
    return render_database(store, db, req.version)


def database_update(req):
    store, body = req.store, req.body
    db = store.get_database(path_id(req.params["database_id"], "database_id"))
    for key in ("title", "description"):
        if key in body:
            db[key] = _rich(store, body[key], f"body.{key}")
    if "description" in body and len(db["data_sources"]) == 1:  # as recorded: the data source shows it too
        ds = store.data_sources[db["data_sources"][0]]
        ds["description"] = db["description"]
        ds["v"] = ds.get("v", 0) + 1
    for key in ("icon", "cover"):
        if key in body:
            db[key] = body[key]
    if "is_inline" in body:
        db["is_inline"] = bool(body["is_inline"])
    for key in ("in_trash", "archived"):
        if key in body:
            db["in_trash"] = bool(body[key])
    store.touch(db)
    return render_database(store, db, req.version)


def create(req):
    store, body = req.store, req.body
    parent = body.get("parent")
    if not isinstance(parent, dict) or "database_id" not in parent:
        raise body_invalid("body.parent", "an object with database_id", parent)
    db = store.get_database(body_id(parent["database_id"], "body.parent.database_id"))
    if "properties" not in body:
        raise body_invalid("body.properties", "defined", None)
    title = _rich(store, body.get("title"), "body.title")
    ds = _new_ds(store, db, title, body["properties"], body.get("icon"))
    store.bump()
    return render_data_source(store, ds, req.version)


def retrieve(req):
    store = req.store
    ds = store.get_data_source(path_id(req.params["data_source_id"], "data_source_id"))
    return render_data_source(store, ds, req.version)


def update(req):
    store, body = req.store, req.body
    ds = store.get_data_source(path_id(req.params["data_source_id"], "data_source_id"))
    if "properties" in body:
        import copy

        before = copy.deepcopy(ds["schema"])
        try:
            cleared = update_schema(store, ds, body["properties"])
        except Exception:
            ds["schema"] = before
            raise
        for page_id in store.ds_pages.get(ds["id"], []):
            page = store.pages[page_id]
            for pid in cleared:
                page["props"].pop(pid, None)
            for pid, prop in ds["schema"].items():
                if pid not in page["props"]:
                    from .values import empty_value

                    page["props"][pid] = empty_value(prop["type"])
                if prop["type"] in ("select", "status", "multi_select"):
                    _drop_missing_options(page, pid, prop)
                if prop["type"] == "unique_id" and pid not in page.get("unique", {}):
                    ds["uid_next"] = ds.get("uid_next", 0) + 1
                    page.setdefault("unique", {})[pid] = ds["uid_next"]
        ds["dynamic"] = any(p["type"] == "rollup" for p in ds["schema"].values())
    for key in ("title", "description"):
        if key in body:
            ds[key] = _rich(store, body[key], f"body.{key}")
    for key in ("icon", "cover"):
        if key in body:
            ds[key] = body[key]
    for key in ("in_trash", "archived"):
        if key in body:
            ds["in_trash"] = bool(body[key])
    ds["v"] = ds.get("v", 0) + 1
    store.touch(ds)
    return render_data_source(store, ds, req.version)


def _drop_missing_options(page, pid, prop):
    ids = {o["id"] for o in prop["config"]["options"]}
    value = page["props"].get(pid)
    if isinstance(value, list):
        page["props"][pid] = [v for v in value if v in ids]
    elif value is not None and value not in ids:
        page["props"][pid] = None


def query(req):
    """POST /v1/data_sources/{id}/query."""
    store, body = req.store, req.body
    ds = store.get_data_source(path_id(req.params["data_source_id"], "data_source_id"))
    size = page_size(body)
    pred = compile_filter(ds, body["filter"]) if body.get("filter") is not None else None
    sorts = compile_sorts(ds, body.get("sorts"))
    only = req.query.get("filter_properties") or req.query.get("filter_properties[]")
    keep = None
    if only:
        keep = set()
        for key in only:
            pid = find_prop(ds["schema"], key)
            if pid is None:
                raise validation(f"Could not find property with name or id: {key}")
            keep.add(pid)
    if sorts:
        pages = [store.pages[i] for i in reversed(store.ds_pages.get(ds["id"], []))]
        pages = [p for p in pages if not p["in_trash"] and (pred is None or pred(store, p))]
        pages = run_sorts(store, pages, sorts)
        chunk, nxt = paginate(pages, [p["id"] for p in pages], body.get("start_cursor"), size, opaque=True)
    else:
        chunk, nxt = _newest_first(store, ds["id"], pred, body.get("start_cursor"), size)
    if keep is None:
        parts = [page_bytes(store, p, req.version) for p in chunk]
    else:
        parts = [dumps(render_page(store, p, req.version, keep)) for p in chunk]
    tail = dumps({"next_cursor": nxt, "has_more": nxt is not None, "type": "page_or_data_source",
                  "page_or_data_source": {}})
    return Raw(b'{"object":"list","results":[' + b",".join(parts) + b"]," + tail[1:])


def _newest_first(store, ds_id, pred, start_cursor, size):
    """One page of rows, newest first, without sorts: walks from the cursor's row (found in
    constant time) and stops at the row after the page, so a paged read of n rows costs O(n)
    in all, not O(n) per page. The cursor names the first row of the next page, as with sorts."""
    rows = store.ds_pages.get(ds_id, [])

    def shown(i):
        page = store.pages[rows[i]]
        return not page["in_trash"] and (pred is None or pred(store, page))

    start = len(rows) - 1
    if start_cursor is not None:
        raw = start_cursor.rsplit(":", 1)[-1] if isinstance(start_cursor, str) else None
        cid = parse_id(raw) if raw else None
        start = store.row_position(ds_id, cid) if cid else None
        if start is None or not shown(start):
            raise validation(f"start_cursor provided is invalid: {start_cursor}")
    chunk, nxt, i = [], None, start
    while i >= 0:
        if shown(i):
            if len(chunk) == size:
                nxt = f"s:{uuid.uuid4()}:{rows[i]}"
                break
            chunk.append(store.pages[rows[i]])
        i -= 1
    return chunk, nxt
