"""Status updates on a project: create, list, get, delete (Asana has no way to modify one)."""

from __future__ import annotations

from ..core.clock import now
from .errors import invalid, missing_input
from .fields import Ref
from .paging import page
from .request import Result, created
from .richtext import html_of_text, parse_html
from .validate import check_keys, check_str

STATUS_TYPES = ("on_track", "at_risk", "off_track", "on_hold", "complete")


def create(req):
    store, data = req.store, req.data
    check_keys(data, {"parent", "title", "text", "html_text", "status_type"}, "status_update")
    if data.get("parent") is None:
        raise missing_input("parent")
    project = store.get("projects", data["parent"], "parent")
    if data.get("status_type") is None:
        raise missing_input("status_type")
    if data["status_type"] not in STATUS_TYPES:
        raise invalid(f"status_type: Unknown status type for a project: {data['status_type']}")
    if data.get("html_text") is not None:
        html, text = parse_html(store, check_str(data["html_text"], "html_text"), "html_text")
    else:
        text = check_str(data.get("text") or "", "text")
        html = html_of_text(text)
    gid = store.new_gid()
    store.statuses[gid] = {"gid": gid, "parent": project["gid"], "title": check_str(data.get("title") or "", "title"),
                           "text": text, "html_text": html, "status_type": data["status_type"],
                           "author": req.user, "created": now()}
    project["status_update"] = gid
    return created(Ref("status_update", gid))


def list_(req):
    store = req.store
    if req.q("parent") is None:
        raise missing_input("parent")
    project = store.get("projects", req.q("parent"), "parent")
    found = [u for u in store.statuses.values() if u["parent"] == project["gid"] and not u.get("deleted")]
    created_since = req.q("created_since")
    if created_since:
        from .validate import parse_time

        since = parse_time(created_since, "created_since")
        found = [u for u in found if u["created"] >= since]
    return page(req, [Ref("status_update", u["gid"]) for u in reversed(found)])


def get(req):
    return Result(Ref("status_update", req.store.get("statuses", req.params["status_update_gid"])["gid"]))


def delete(req):
    store = req.store
    update = store.get("statuses", req.params["status_update_gid"])
    update["deleted"] = True
    project = store.projects[update["parent"]]
    if project.get("status_update") == update["gid"]:
        rest = [u for u in store.statuses.values() if u["parent"] == project["gid"] and not u.get("deleted")]
        project["status_update"] = rest[-1]["gid"] if rest else None
    return Result({})
