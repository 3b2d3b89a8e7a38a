"""Pages (create, retrieve, update, property items), and a page or database seen as a block."""

from __future__ import annotations

from . import blocks
from .common import body_id, new_id, now, path_id, text_item
from .errors import body_invalid, validation
from .query import page_size
from .render import NEW_VERSION, page_bytes, page_parent, page_title, render_page, render_value, user_ref
from .schema import find_prop, same_id
from .store import BOT_ID
from .values import empty_value, write_properties


class Raw(bytes):
    """A pre-rendered JSON object; the server appends request_id."""


def _parent(store, body):
    parent = body.get("parent")
    if parent is None:
        raise body_invalid("body.parent", "defined", None)
    if not isinstance(parent, dict):
        raise body_invalid("body.parent", "an object", parent)
    for key in ("data_source_id", "database_id", "page_id"):
        if key in parent:
            pid = body_id(parent[key], f"body.parent.{key}")
            if key == "page_id":
                page = store.pages.get(pid)
                if page is None or page["in_trash"]:
                    raise store.missing("page", pid)
                return {"type": "page_id", "page_id": pid}, None
            if key == "database_id":
                db = store.databases.get(pid)
                if db is None or db["in_trash"]:
                    raise store.missing("database", pid)
                if len(db["data_sources"]) != 1:
                    raise validation("body.parent.database_id: this database has several data sources; "
                                     "use parent.data_source_id.")
                pid = db["data_sources"][0]
            ds = store.data_sources.get(pid)
            if ds is None or ds["in_trash"]:
                raise store.missing("data_source", pid)
            return {"type": "data_source_id", "data_source_id": pid}, ds
    raise body_invalid("body.parent", "an object with data_source_id, database_id or page_id", parent)


def create(req):
    store, body = req.store, req.body
    parent, ds = _parent(store, body)
    children = body.get("children")
    parsed = blocks.parse(store, children, "body.children") if children is not None else []
    t = now()
    page = {"id": new_id(), "parent": parent, "created": t, "edited": t, "created_by": BOT_ID,
            "edited_by": BOT_ID, "in_trash": False, "icon": body.get("icon"), "cover": body.get("cover"),
            "props": {}, "seq": store.next_seq(), "v": 0}
    if ds is None:
        page["props"]["title"] = []
    else:
        for pid, prop in ds["schema"].items():
            page["props"][pid] = empty_value(prop["type"])
            if prop["type"] == "unique_id":
                ds["uid_next"] = ds.get("uid_next", 0) + 1
                page.setdefault("unique", {})[pid] = ds["uid_next"]
    write_properties(store, ds, page, body.get("properties"))
    store.pages[page["id"]] = page
    if ds is not None:
        store.file_in_data_source(ds["id"], page["id"])
    blocks.insert(store, parsed, {"type": "page_id", "page_id": page["id"]})
    store.bump()
    return Raw(page_bytes(store, page, req.version))


def retrieve(req):
    store = req.store
    page = store.get_page(path_id(req.params["page_id"], "page_id"))
    only = req.query.get("filter_properties") or req.query.get("filter_properties[]")
    if only:
        ds = store.data_sources.get(page["parent"].get("data_source_id"))
        keep = {find_prop(ds["schema"], k) for k in only} if ds else None
        return render_page(store, page, req.version, keep)
    return Raw(page_bytes(store, page, req.version))


def update(req):
    store, body = req.store, req.body
    page = store.get_page(path_id(req.params["page_id"], "page_id"))
    trash = None
    for key in ("in_trash", "archived"):
        if key in body:
            if not isinstance(body[key], bool):
                raise body_invalid(f"body.{key}", "a boolean", body[key])
            trash = body[key]
    if page["in_trash"] and trash is not False:
        raise validation("Can't edit block that is archived. You must unarchive the block before editing.")
    ds = store.data_sources.get(page["parent"].get("data_source_id"))
    write_properties(store, ds, page, body.get("properties"))
    for key in ("icon", "cover"):
        if key in body:
            page[key] = body[key]
    if trash is not None:
        page["in_trash"] = trash
    store.touch(page)
    return Raw(page_bytes(store, page, req.version))


def property_item(req):
    """GET /v1/pages/{page_id}/properties/{property_id}: paginated for list-like values."""
    store = req.store
    page = store.get_page(path_id(req.params["page_id"], "page_id"))
    raw_pid = req.params["property_id"]
    ds = store.data_sources.get(page["parent"].get("data_source_id"))
    if ds is None:
        if not same_id(raw_pid, "title"):
            raise store.missing("property", raw_pid)
        kind, pid, value = "title", "title", {"title": page["props"].get("title") or []}
    else:
        pid = next((p for p in ds["schema"] if same_id(p, raw_pid)), None)
        if pid is None:
            raise store.missing("property", raw_pid)
        value = render_value(store, ds, page, pid, relation_limit=10**9)
        kind = value["type"]
    if kind not in ("title", "rich_text", "people", "relation"):
        return {"object": "property_item", "id": pid, "type": kind, kind: value[kind]}
    items = value[kind]
    size = page_size(req.query_one(), "query.page_size")
    ids = [str(i) for i in range(len(items))]
    start = req.query_one().get("start_cursor")
    if start is not None and start not in ids:
        raise validation(f"start_cursor provided is invalid: {start}")
    i = int(start) if start is not None else 0
    chunk = items[i:i + size]
    nxt = str(i + size) if i + size < len(items) else None
    return {"object": "list",
            "results": [{"object": "property_item", "type": kind, "id": pid, kind: item} for item in chunk],
            "next_cursor": nxt, "has_more": nxt is not None, "type": "property_item",
            "property_item": {"id": pid, "next_url": None, "type": kind, kind: {}}}


def _block_of(store, obj_id):
    page = store.pages.get(obj_id)
    if page is not None:
        kind, title = "child_page", page_title(store, page)
        obj = page
    else:
        db = store.databases.get(obj_id)
        if db is None:
            raise store.missing("block", obj_id)
        from .common import plain

        # a database's block shows its data source's title once that is set (PATCH data_sources), as
        # recorded: created untitled ("New database"), renamed through its data source
        shown = [plain(store.data_sources[d]["title"]) for d in db.get("data_sources", []) if d in store.data_sources]
        kind, title, obj = "child_database", next((t for t in shown[:1] if t), plain(db["title"])), db
    return obj, kind, title


def render_block(store, obj, kind, title, version) -> dict:
    from .common import iso_minute

    parent = page_parent(store, obj) if kind == "child_page" else obj["parent"]
    # children in the trash do not count (recorded: a page whose database was deleted has none)
    has_children = any(p["parent"].get("page_id") == obj["id"] and not p["in_trash"] for p in store.pages.values()) or any(
        d["parent"].get("page_id") == obj["id"] and not d["in_trash"] for d in store.databases.values()) or bool(
        blocks.of_page(store, obj["id"]))
    out = {"object": "block", "id": obj["id"], "parent": parent,
           "created_time": iso_minute(obj["created"]), "last_edited_time": iso_minute(obj["edited"]),
           "created_by": user_ref(obj.get("created_by", BOT_ID)), "last_edited_by": user_ref(obj.get("edited_by", BOT_ID)),
           "has_children": has_children, "in_trash": obj["in_trash"], "type": kind, kind: {"title": title}}
    if version != NEW_VERSION:
        out["archived"] = obj["in_trash"]
    return out


def new_root_page(store, title: str) -> dict:
    """Control API: a workspace-level page shared with the integration; an empty title is an
    untitled page (Notion shows its title as [])."""
    t = now()
    page = {"id": new_id(), "parent": {"type": "workspace", "workspace": True}, "created": t, "edited": t,
            "created_by": BOT_ID, "edited_by": BOT_ID, "in_trash": False, "icon": None, "cover": None,
            "props": {"title": [text_item(title)] if title else []}, "seq": store.next_seq(), "v": 0}
    store.pages[page["id"]] = page
    store.bump()
    return page
