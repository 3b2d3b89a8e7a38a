"""Comments: create on a page, a content block or in a discussion, list by block_id, retrieve, update, delete."""

from __future__ import annotations

from .common import body_id, iso_minute, new_id, now, parse_id, path_id, rich_text
from .errors import body_invalid, restricted, validation
from .query import page_size, paginate
from .render import user_ref
from .store import BOT_ID


def render(store, c) -> dict:
    author = store.users.get(c["created_by"], {})
    kind = "integration" if author.get("type") == "bot" else "user"
    return {"object": "comment", "id": c["id"], "parent": c["parent"], "discussion_id": c["discussion_id"],
            "created_time": iso_minute(c["created"]), "last_edited_time": iso_minute(c["edited"]),
            "created_by": user_ref(c["created_by"]), "rich_text": c["rich_text"],
            "display_name": {"type": kind, "resolved_name": c.get("display_name") or author.get("name", "")}}


def _rich(store, value):
    if value is None:
        raise body_invalid("body.rich_text", "defined", None)
    rich = rich_text(value, "body.rich_text", store.mention_user, store.mention_page)
    return rich


def add(store, parent_page_id, rich, author=BOT_ID, discussion_id=None, block_id=None) -> dict:
    """A stored comment on a page, or on a content block (`block_id`) of one."""
    t = now()
    parent = {"type": "block_id", "block_id": block_id} if block_id else {"type": "page_id", "page_id": parent_page_id}
    c = {"id": new_id(), "parent": parent,
         "discussion_id": discussion_id or new_id(), "created": t, "edited": t, "created_by": author,
         "rich_text": rich, "seq": store.next_seq()}
    store.comments[c["id"]] = c
    store.bump()
    return c


def create(req):
    store, body = req.store, req.body
    rich = _rich(store, body.get("rich_text"))
    if "discussion_id" in body:
        did = body_id(body["discussion_id"], "body.discussion_id")
        first = next((c for c in store.comments.values() if c["discussion_id"] == did), None)
        if first is None:
            raise store.missing("discussion", did)
        c = add(store, None, rich, discussion_id=did)
        c["parent"] = dict(first["parent"])
        return render(store, c)
    parent = body.get("parent")
    if not isinstance(parent, dict) or not ("page_id" in parent or "block_id" in parent):
        raise body_invalid("body.parent", "an object with page_id or block_id (or give discussion_id)", parent)
    key = "page_id" if "page_id" in parent else "block_id"
    pid = body_id(parent[key], f"body.parent.{key}")
    block = store.blocks.get(pid)
    if block is not None and not block["in_trash"]:
        c = add(store, None, rich, block_id=pid)
    else:
        page = store.pages.get(pid)
        if page is None or page["in_trash"]:
            raise store.missing("page" if key == "page_id" else "block", pid)
        c = add(store, pid, rich)
    if isinstance(body.get("display_name"), dict) and body["display_name"].get("custom"):
        c["display_name"] = body["display_name"]["custom"].get("name")
    return render(store, c)


def list_(req):
    store = req.store
    q = req.query_one()
    raw = q.get("block_id")
    if raw is None:
        raise validation("query failed validation: query.block_id should be defined, instead was `undefined`.")
    bid = parse_id(raw)
    if bid is None:
        raise validation(f'query failed validation: query.block_id should be a valid uuid, instead was `"{raw}"`.')
    if store.pages.get(bid) is None and store.blocks.get(bid) is None:
        raise store.missing("block", bid)
    size = page_size(q, "query.page_size")
    items = sorted((c for c in store.comments.values()
                    if c["parent"].get("page_id") == bid or c["parent"].get("block_id") == bid),
                   key=lambda c: c["seq"])
    chunk, nxt = paginate(items, [c["id"] for c in items], q.get("start_cursor"), size, "query.start_cursor")
    return {"object": "list", "results": [render(store, c) for c in chunk], "next_cursor": nxt,
            "has_more": nxt is not None, "type": "comment", "comment": {}}


def _get(store, raw):
    cid = path_id(raw, "comment_id")
    c = store.comments.get(cid)
    if c is None:
        raise store.missing("comment", cid)
    return c


def retrieve(req):
    return render(req.store, _get(req.store, req.params["comment_id"]))


def update(req):
    store = req.store
    c = _get(store, req.params["comment_id"])
    if c["created_by"] != BOT_ID:
        raise restricted("The integration can only update its own comments.")
    c["rich_text"] = _rich(store, req.body.get("rich_text"))
    c["edited"] = now()
    store.bump()
    return render(store, c)


def delete(req):
    store = req.store
    c = _get(store, req.params["comment_id"])
    if c["created_by"] != BOT_ID:
        raise restricted("The integration can only delete its own comments.")
    del store.comments[c["id"]]
    store.bump()
    return render(store, c)
