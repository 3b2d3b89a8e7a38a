"""Sections of a project: list, create, get, update, delete, add a task."""

from __future__ import annotations

from ..core.clock import now
from .errors import invalid, missing_input
from .fields import Ref
from .paging import page
from .request import Result, created, written
from .validate import check_keys, check_str


def new_section(store, project: dict, name: str, before: str | None = None, after: str | None = None) -> dict:
    gid = store.new_gid()
    store.sections[gid] = {"gid": gid, "name": name, "project": project["gid"], "created": now()}
    order = project["sections"]
    anchor = before or after
    if anchor is None:
        order.append(gid)
    else:
        if anchor not in order:
            raise invalid(f"{'insert_before' if before else 'insert_after'}: Not a section of this project: {anchor}")
        order.insert(order.index(anchor) + (0 if before else 1), gid)
    return store.sections[gid]


def list_(req):
    project = req.store.get("projects", req.params["project_gid"])
    return page(req, [Ref("section", s) for s in project["sections"]])


def create(req):
    store, data = req.store, req.data
    project = store.get("projects", req.params["project_gid"])
    check_keys(data, {"name", "insert_before", "insert_after"}, "section")
    if data.get("name") is None:
        raise missing_input("name")
    section = new_section(store, project, check_str(data["name"], "name"), data.get("insert_before"),
                          data.get("insert_after"))
    return created(Ref("section", section["gid"]))


def get(req):
    return Result(Ref("section", req.store.get("sections", req.params["section_gid"])["gid"]))


def update(req):
    section = req.store.get("sections", req.params["section_gid"])
    check_keys(req.data, {"name", "insert_before", "insert_after"}, "section")
    if "name" in req.data:
        section["name"] = check_str(req.data["name"], "name")
    return written(Ref("section", section["gid"]))


def delete(req):
    store = req.store
    section = store.get("sections", req.params["section_gid"])
    project = store.projects[section["project"]]
    if any(store.tasks[t]["sections"].get(project["gid"]) == section["gid"] and not store.tasks[t].get("deleted")
           for t in project["tasks"]):
        raise invalid("Section must be empty to be deleted")
    if len(project["sections"]) == 1:
        raise invalid("Cannot delete the last section of a project")
    project["sections"].remove(section["gid"])
    section["deleted"] = True
    return Result({})


def add_task(req):
    """POST /sections/{gid}/addTask {task, insert_before|insert_after}: move a task into the section."""
    from .tasks import move_to_section

    store, data = req.store, req.data
    section = store.get("sections", req.params["section_gid"])
    if data.get("task") is None:
        raise missing_input("task")
    task = store.get("tasks", data["task"])
    move_to_section(store, task, section, req.user)
    return Result({})
