"""Users (list, retrieve, me) and search."""

from __future__ import annotations

from .common import path_id, plain
from .errors import body_invalid
from .query import page_size, paginate
from .render import page_bytes, page_title
from .store import BOT_ID


def _user(store, uid):
    u = dict(store.users[uid])
    return u


def list_(req):
    store = req.store
    q = req.query_one()
    size = page_size(q, "query.page_size")
    ids = list(store.users)
    chunk, nxt = paginate(ids, ids, q.get("start_cursor"), size, "query.start_cursor")
    return {"object": "list", "results": [_user(store, u) for u in chunk], "next_cursor": nxt,
            "has_more": nxt is not None, "type": "user", "user": {}}


def retrieve(req):
    store = req.store
    uid = path_id(req.params["user_id"], "user_id")
    if uid not in store.users:
        raise store.missing("user", uid)
    return _user(store, uid)


def me(req):
    return _user(req.store, BOT_ID)


def search(req):
    """POST /v1/search: pages and data sources whose title contains the query."""
    import json

    from .data_sources import render_data_source
    from .render import dumps

    store, body = req.store, req.body
    text = body.get("query", "")
    if not isinstance(text, str):
        raise body_invalid("body.query", "a string", text)
    flt = body.get("filter")
    kinds = ("page", "data_source")
    if flt is not None:
        if not isinstance(flt, dict) or flt.get("property") != "object":
            raise body_invalid("body.filter.property", '"object"', (flt or {}).get("property") if isinstance(flt, dict) else flt)
        if flt.get("value") not in kinds:
            raise body_invalid("body.filter.value", '"page" or "data_source"', flt.get("value"))
        kinds = (flt["value"],)
    sort = body.get("sort") or {"direction": "descending", "timestamp": "last_edited_time"}
    if not isinstance(sort, dict) or sort.get("direction") not in ("ascending", "descending"):
        raise body_invalid("body.sort.direction", '"ascending" or "descending"', (sort or {}).get("direction"))
    size = page_size(body)
    needle = text.lower()
    found = []
    if "page" in kinds:
        found += [("page", p) for p in store.pages.values()
                  if not p["in_trash"] and needle in page_title(store, p).lower()]
    if "data_source" in kinds:
        found += [("data_source", d) for d in store.data_sources.values()
                  if not d["in_trash"] and needle in plain(d["title"]).lower()]
    found.sort(key=lambda f: (f[1]["edited"], f[1].get("seq", 0)), reverse=sort["direction"] == "descending")
    ids = [f[1]["id"] for f in found]
    chunk, nxt = paginate(found, ids, body.get("start_cursor"), size)
    parts = [page_bytes(store, o, req.version) if k == "page" else dumps(render_data_source(store, o, req.version))
             for k, o in chunk]
    from .pages import Raw

    tail = json.dumps({"next_cursor": nxt, "has_more": nxt is not None, "type": "page_or_data_source",
                       "page_or_data_source": {}}, separators=(",", ":")).encode()
    return Raw(b'{"object":"list","results":[' + b",".join(parts) + b"]," + tail[1:])
