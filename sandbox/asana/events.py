"""Events: every change is logged with the resources it concerns; `GET /events?resource=&sync=`
answers with what happened to a resource since its sync token (412 with a fresh token on the
first call and for a token older than 24 hours of the sandbox clock), at most 100 at a time."""

from __future__ import annotations

import secrets

from ..core.clock import now
from .errors import AsanaError, missing_input, not_recognized
from .fields import Ref
from .request import Result
from .store import iso, parse_gid

MAX_EVENTS = 100
SYNC_LIFETIME = 24 * 3600
LOOKBACK = 5.0
STALE = ("Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the "
         "full dataset for this query now and use the new sync token for the next sync.")


def record(store, type_: str, action: str, resource: tuple, parent: tuple | None, user: str | None,
           concerns: list[str], change: dict | None = None) -> None:
    event = {"seq": len(store.events) + 1, "t": now(), "type": type_, "action": action, "resource": list(resource),
             "parent": list(parent) if parent else None, "user": user, "change": change,
             "to": list(dict.fromkeys(concerns))}
    store.events.append(event)
    from .webhooks import deliver

    deliver(store, event)


def render_event(store, event: dict, renderer) -> dict:
    kind, gid = event["resource"]
    if kind == "story":
        s = store.stories[gid]
        resource = {"gid": gid, "resource_type": "story", "created_at": iso(s["created"]), "type": s["type"],
                    "text": s["text"],
                    "created_by": renderer.compact(Ref("user", s["author"])) if s["author"] else None}
    else:
        resource = renderer.compact(Ref(kind, gid))
    out = {"created_at": iso(event["t"]), "type": event["type"], "action": event["action"],
           "parent": renderer.compact(Ref(*event["parent"])) if event["parent"] else None,
           "user": renderer.compact(Ref("user", event["user"])) if event["user"] else None,
           "resource": resource}
    if event["change"] is not None:
        out["change"] = event["change"]
    return out


def _new_sync(store, resource: str) -> str:
    """A fresh token starts a few seconds back: Asana's events are indexed after the change, so
    (as recorded) a token taken just after a change still brings it. At least once, maybe twice."""
    seq, since = len(store.events), now() - LOOKBACK
    while seq > 0 and store.events[seq - 1]["t"] >= since:
        seq -= 1
    token = f"{secrets.token_hex(16)}:0"
    store.syncs[token] = {"resource": resource, "seq": seq, "created": now()}
    return token


def _resource(store, raw) -> str:
    gid = parse_gid(raw, "resource")
    for collection in ("tasks", "projects", "sections", "workspaces", "users", "teams", "fields", "stories"):
        obj = getattr(store, collection).get(gid)
        if obj is not None:
            return gid
    raise not_recognized("resource", gid)


def get_events(req):
    from .render import Renderer

    store = req.store
    if req.q("resource") is None:
        raise missing_input("resource")
    resource = _resource(store, req.q("resource"))
    token = req.q("sync")
    sync = store.syncs.get(token) if token else None
    if sync is None or sync["resource"] != resource or now() - sync["created"] > SYNC_LIFETIME:
        raise AsanaError(412, STALE, {"sync": _new_sync(store, resource)}, help=False)
    found, last, has_more = [], sync["seq"], False
    for event in store.events[sync["seq"]:]:
        if resource in event["to"]:
            if len(found) == MAX_EVENTS:
                has_more = True
                break
            found.append(event)
        last = event["seq"]
    renderer = Renderer(store)
    fresh = f"{secrets.token_hex(16)}:0"
    store.syncs[fresh] = {"resource": resource, "seq": last, "created": now()}
    return Result([render_event(store, e, renderer) for e in found], full=False,
                  extra={"sync": fresh, "has_more": has_more})

