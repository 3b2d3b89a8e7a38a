"""The block endpoints: append children, list children (paginated), retrieve, update, delete.

A page or a database is a block too (`child_page`, `child_database`): it can be retrieved, listed
among its parent page's children and trashed through these routes. Content blocks are in blocks.py.
"""

from __future__ import annotations

from . import blocks
from .common import path_id, plain
from .errors import body_invalid, validation
from .pages import _block_of, render_block
from .query import page_size, paginate
from .render import page_title



def _container(store, bid: str) -> tuple[dict, str]:
    """(the page or block children go under, its parent reference type); 404 / 400 as Notion."""
    block = store.blocks.get(bid)
    if block is not None:
        if block["in_trash"]:
            raise validation(blocks.ARCHIVED)
        return block, "block_id"
    page = store.pages.get(bid)
    if page is None:
        raise store.missing("block", bid)
    if page["in_trash"]:
        raise validation(blocks.ARCHIVED)
    return page, "page_id"


def append(req):
    """PATCH /v1/blocks/{id}/children: blocks at the end of a page or of a block (a table's rows)."""
    store, body = req.store, req.body
    bid = path_id(req.params["block_id"], "block_id")
    parent, key = _container(store, bid)
    if "children" not in body:
        raise body_invalid("body.children", "defined", None)
    if "after" in body:
        raise validation("body.after: the sandbox appends at the end only.")
    kind = parent.get("type") if key == "block_id" else None
    if kind in blocks.CHILDLESS:
        raise validation(f"Block does not support children: a {kind} block cannot have children.")
    width = parent["table"]["table_width"] if kind == "table" else None
    parsed = blocks.parse(store, body["children"], "body.children", 1, kind, width)
    made = blocks.insert(store, parsed, {"type": key, key: bid})
    if key == "page_id":
        store.touch(parent)
    return {"object": "list", "results": [blocks.render(store, b, req.version) for b in made],
            "next_cursor": None, "has_more": False, "type": "block", "block": {}}


def children(req):
    """GET /v1/blocks/{id}/children: the content blocks, child pages and databases of a page, or
    the children of a block, oldest first, up to `page_size` (≤ 100) at a time."""
    store = req.store
    parent_id = path_id(req.params["block_id"], "block_id")
    if parent_id not in store.blocks:
        store.get_page(parent_id)
    kids = [(p["seq"], p, "child_page") for p in store.pages.values()
            if p["parent"].get("page_id") == parent_id and not p["in_trash"]]
    kids += [(d["seq"], d, "child_database") for d in store.databases.values()
             if d["parent"].get("page_id") == parent_id and not d["in_trash"]]
    kids += [(b["seq"], b, "content") for b in blocks.children_of(store, parent_id)]
    kids.sort(key=lambda k: k[0])
    q = req.query_one()
    size = page_size(q, "query.page_size")
    ids = [k[1]["id"] for k in kids]
    chunk, nxt = paginate(kids, ids, q.get("start_cursor"), size, "query.start_cursor")
    results = []
    for _, obj, kind in chunk:
        if kind == "content":
            results.append(blocks.render(store, obj, req.version))
            continue
        title = page_title(store, obj) if kind == "child_page" else plain(obj["title"])
        results.append(render_block(store, obj, kind, title, req.version))
    return {"object": "list", "results": results, "next_cursor": nxt, "has_more": nxt is not None,
            "type": "block", "block": {}}


def retrieve(req):
    store = req.store
    bid = path_id(req.params["block_id"], "block_id")
    if bid in store.blocks:
        return blocks.render(store, store.blocks[bid], req.version)
    obj, kind, title = _block_of(store, bid)
    return render_block(store, obj, kind, title, req.version)


def _trash(req) -> bool | None:
    trash = None
    for key in ("in_trash", "archived"):
        if key in req.body:
            if not isinstance(req.body[key], bool):
                raise body_invalid(f"body.{key}", "a boolean", req.body[key])
            trash = req.body[key]
    return trash


def update(req):
    """PATCH /v1/blocks/{id}: a content block's text (a table row's cells, a table's header flags),
    or its place in the trash (`in_trash`, or `archived` as older versions say)."""
    store, body = req.store, req.body
    bid = path_id(req.params["block_id"], "block_id")
    trash = _trash(req)
    block = store.blocks.get(bid)
    if block is None:
        obj, kind, title = _block_of(store, bid)
        if obj["in_trash"] and trash is not False:
            raise validation(blocks.ARCHIVED)
        if trash is not None:
            _set_trash(store, obj, kind, trash)
        return render_block(store, obj, kind, title, req.version)
    if block["in_trash"] and trash is not False:
        raise validation(blocks.ARCHIVED)
    kind = block["type"]
    given = [k for k in body if k in blocks.TYPES]
    if any(k != kind for k in given):
        raise validation(f"body failed validation: the block is a {kind} block, instead was `{given[0]}`.")
    if kind in body:
        if not isinstance(body[kind], dict):
            raise body_invalid(f"body.{kind}", "an object", body[kind])
        current = {**blocks._body(block), **body[kind]}
        width = None
        if kind == "table_row":
            parent = store.blocks.get(block["parent"].get("block_id"))
            width = parent["table"]["table_width"] if parent else None
        content = blocks._content(store, kind, current, f"body.{kind}", width)
        if kind == "table":
            content["table"]["table_width"] = block["table"]["table_width"]  # fixed once made
        block.update(content)
    if trash is not None:
        block["in_trash"] = trash
    store.touch(block)
    return blocks.render(store, block, req.version)


def _set_trash(store, obj, kind, trash: bool) -> None:
    obj["in_trash"] = trash
    if kind == "child_database":
        for dsid in obj["data_sources"]:
            store.data_sources[dsid]["in_trash"] = trash
            store.data_sources[dsid]["v"] = store.data_sources[dsid].get("v", 0) + 1
    store.touch(obj)


def delete(req):
    """DELETE /v1/blocks/{id}: move a page, database or content block to the trash."""
    store = req.store
    bid = path_id(req.params["block_id"], "block_id")
    if bid in store.blocks:
        block = store.blocks[bid]
        if block["in_trash"]:
            raise validation(blocks.ARCHIVED)
        block["in_trash"] = True
        store.touch(block)
        return blocks.render(store, block, req.version)
    obj, kind, title = _block_of(store, bid)
    if obj["in_trash"]:
        raise validation(blocks.ARCHIVED)
    _set_trash(store, obj, kind, True)
    return render_block(store, obj, kind, title, req.version)
