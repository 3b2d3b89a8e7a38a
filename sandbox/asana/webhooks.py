"""Webhooks: create with the X-Hook-Secret handshake against the target, then deliver the events
of the resource (as `{"events": [...]}`, signed with X-Hook-Signature, HMAC-SHA256 of the body);
list, get, update filters, delete.

Events are queued while a request holds the store's lock and sent, in order, by one courier
thread per sandbox outside it, so a target may call the API back while it handles a delivery
(not while it answers the handshake, which happens inside the create request, as in Asana)."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import secrets
import threading
import urllib.error
import urllib.request

from ..core.clock import now
from .errors import invalid, missing_input
from .fields import Ref
from .paging import page
from .request import Result
from .store import iso
from .validate import check_keys

TIMEOUT = 5.0
ATTEMPTS = 3


def render_webhook(store, w: dict) -> dict:
    kind, gid = w["resource"]
    return {"gid": w["gid"], "resource_type": "webhook", "active": w["active"], "resource": Ref(kind, gid),
            "target": w["target"], "created_at": iso(w["created"]),
            "last_success_at": iso(w["last_success"]) if w.get("last_success") else None,
            "last_failure_at": iso(w["last_failure"]) if w.get("last_failure") else None,
            "last_failure_content": w.get("last_failure_content"), "filters": w["filters"],
            "delivery_retry_count": w.get("retries", 0), "next_attempt_after": None,
            "failure_deletion_timestamp": None}


# -- the endpoints -------------------------------------------------------------------------

def create(req):
    store, data = req.store, req.data
    check_keys(data, {"resource", "target", "filters"}, "webhook")
    if data.get("resource") is None:
        raise missing_input("resource")
    if not isinstance(data.get("target"), str) or not data["target"].startswith(("http://", "https://")):
        raise missing_input("target")
    resource = _resource(store, data["resource"])
    filters = _filters(data.get("filters") or [])
    if resource[0] == "workspace" and not filters:
        raise invalid("filters: A webhook on a workspace needs filters")
    secret = secrets.token_hex(32)
    _handshake(data["target"], secret)
    gid = store.new_gid()
    store.webhooks[gid] = {"gid": gid, "resource": list(resource), "target": data["target"], "filters": filters,
                           "secret": secret, "active": True, "created": now(), "owner": req.user}
    return Result(Ref("webhook", gid), status=201, location=f"/api/1.0/webhooks/{gid}", written=True,
                  extra={"X-Hook-Secret": secret})


def list_(req):
    store = req.store
    if req.q("workspace") is None:
        raise missing_input("workspace")
    store.get("workspaces", req.q("workspace"))
    resource = req.q("resource")
    return page(req, [Ref("webhook", g) for g, w in store.webhooks.items()
                      if not w.get("deleted") and (resource is None or w["resource"][1] == resource)])


def get(req):
    return Result(Ref("webhook", req.store.get("webhooks", req.params["webhook_gid"])["gid"]))


def update(req):
    hook = req.store.get("webhooks", req.params["webhook_gid"])
    check_keys(req.data, {"filters"}, "webhook")
    hook["filters"] = _filters(req.data.get("filters") or [])
    return Result(Ref("webhook", hook["gid"]), written=True)


def delete(req):
    hook = req.store.get("webhooks", req.params["webhook_gid"])
    hook["deleted"] = True
    hook["active"] = False
    return Result({})


def _resource(store, raw) -> tuple[str, str]:
    from .store import parse_gid

    gid = parse_gid(raw, "resource")
    for collection, kind in (("projects", "project"), ("tasks", "task"), ("workspaces", "workspace"),
                             ("sections", "section"), ("teams", "team")):
        obj = getattr(store, collection).get(gid)
        if obj is not None and not obj.get("deleted"):
            return kind, gid
    from .errors import not_recognized

    raise not_recognized("resource", gid)


def _filters(raw) -> list[dict]:
    if not isinstance(raw, list):
        raise invalid("filters: Value must be an array")
    out = []
    for f in raw:
        if not isinstance(f, dict) or not isinstance(f.get("resource_type"), str):
            raise invalid("filters: Each filter needs a resource_type")
        out.append({k: f[k] for k in ("resource_type", "resource_subtype", "action", "fields") if k in f})
    return out


def _handshake(target: str, secret: str) -> None:
    """POST the secret to the target; it must answer 200 or 204 with the same X-Hook-Secret."""
    request = urllib.request.Request(target, data=b"", method="POST", headers={"X-Hook-Secret": secret})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            ok = response.status in (200, 204) and response.headers.get("X-Hook-Secret") == secret
    except (urllib.error.URLError, OSError, ValueError):
        ok = False
    if not ok:
        raise invalid("The remote server did not respond with the handshake secret.")


# -- deliveries ----------------------------------------------------------------------------

def deliver(store, event: dict) -> None:
    """Queue an event for every webhook on a resource it concerns (sent after the request)."""
    for hook in store.webhooks.values():
        if hook["active"] and not hook.get("deleted") and hook["resource"][1] in event["to"] and _wanted(hook, event):
            store.outbox.append((hook["gid"], _payload(event)))


def _wanted(hook: dict, event: dict) -> bool:
    if not hook["filters"]:
        return True
    kind = event["resource"][0]
    for f in hook["filters"]:
        if f["resource_type"] != kind:
            continue
        if f.get("action") and f["action"] != event["action"]:
            continue
        if f.get("fields") and (event["change"] or {}).get("field") not in f["fields"]:
            continue
        return True
    return False


def _payload(event: dict) -> dict:
    """A webhook event: like GET /events, with only gid and resource_type of each object."""
    kind, gid = event["resource"]
    out = {"user": {"gid": event["user"], "resource_type": "user"} if event["user"] else None,
           "created_at": iso(event["t"]), "action": event["action"],
           "resource": {"gid": gid, "resource_type": kind},
           "parent": {"gid": event["parent"][1], "resource_type": event["parent"][0]} if event["parent"] else None}
    if event["change"] is not None:
        out["change"] = event["change"]
    return out


class Courier:
    """Sends queued deliveries in order, one thread per sandbox, while it runs."""

    def __init__(self, api):
        self.api = api
        self.queue: queue.Queue = queue.Queue()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def flush(self, store) -> None:
        if not store.outbox:
            return
        batches: dict[str, list] = {}
        for hook_gid, payload in store.outbox:
            batches.setdefault(hook_gid, []).append(payload)
        store.outbox.clear()
        for hook_gid, events in batches.items():
            self.queue.put((hook_gid, events))
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="asana-webhooks", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        stopping = self.api.sandbox.stopping
        while not stopping.is_set():
            try:
                hook_gid, events = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self._send(hook_gid, events, stopping)

    def _send(self, hook_gid: str, events: list, stopping) -> None:
        store = self.api.store
        with store.lock:
            hook = store.webhooks.get(hook_gid)
            if hook is None or hook.get("deleted"):
                return
            target, secret = hook["target"], hook["secret"]
        body = json.dumps({"events": events}, separators=(",", ":")).encode()
        signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        for attempt in range(ATTEMPTS):
            request = urllib.request.Request(target, data=body, method="POST", headers={
                "Content-Type": "application/json", "X-Hook-Signature": signature})
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                    ok, failure = 200 <= response.status < 300, f"{response.status}"
            except urllib.error.HTTPError as e:
                ok, failure = False, f"{e.code} {e.reason}"
            except (urllib.error.URLError, OSError, ValueError) as e:
                ok, failure = False, str(e)
            with store.lock:
                store.generation += 1
                if ok:
                    hook["last_success"] = now()
                    hook["retries"] = 0
                    return
                hook["last_failure"], hook["last_failure_content"] = now(), failure
                hook["retries"] = attempt + 1
            if stopping.wait(0.5 * (attempt + 1)):
                return
