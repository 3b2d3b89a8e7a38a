"""Tasks: create (in projects, sections, under a parent), get, update, delete, the lists (by
project, section, assignee, subtasks; completed_since, modified_since), setParent, addProject,
removeProject. Every change goes through activity.py (modified_at, system stories, events)."""

from __future__ import annotations

from datetime import datetime

from ..core.clock import now
from . import activity, events
from .errors import invalid
from .fields import Ref
from .paging import page
from .request import Result, created, written
from .richtext import parse_html
from .validate import (
    check_bool,
    check_date,
    check_datetime,
    check_keys,
    check_str,
    parse_time,
)
from .values import display, write_values

PROPERTIES = {"name", "notes", "html_notes", "assignee", "due_on", "due_at", "start_on", "completed",
              "custom_fields", "resource_subtype", "assignee_status", "start_at"}
CREATE_ONLY = {"projects", "memberships", "parent", "workspace", "followers", "tags"}
SUBTYPES = ("default_task", "milestone", "approval")


# -- create, get, update, delete -----------------------------------------------------------

def create(req, parent_gid: str | None = None):
    store, data = req.store, req.data
    check_keys(data, PROPERTIES | CREATE_ONLY, "task")
    parent = store.get("tasks", parent_gid or data["parent"]) if (parent_gid or data.get("parent")) else None
    placements = _placements(store, data)
    ws_gid = data.get("workspace")
    if ws_gid is None and placements:
        ws_gid = store.projects[placements[0][0]]["workspace"]
    if ws_gid is None and parent is not None:
        ws_gid = parent["workspace"]
    if ws_gid is None:
        raise invalid("You should specify one of workspace, parent, projects")
    ws = store.get("workspaces", ws_gid)
    followers = [req.user] + [store.user_ref(f)["gid"] for f in data.get("followers") or []]
    t = now()
    gid = store.new_gid()
    task = {"gid": gid, "name": "", "notes": "", "workspace": ws["gid"], "created": t, "modified": t,
            "completed": False, "completed_at": None, "completed_by": None, "assignee": None, "due_on": None,
            "due_at": None, "start_on": None, "parent": None, "subtasks": [], "projects": [], "sections": {},
            "values": {}, "followers": list(dict.fromkeys(followers)), "subtype": "default_task",
            "created_by": req.user}
    _set_properties(store, task, {k: v for k, v in data.items() if k != "custom_fields"}, req.user, quiet=True)
    # the values are checked against the fields of the task's projects before anything is kept
    write_values(store, {**task, "projects": [p for p, _ in placements], "values": {}}, data.get("custom_fields"), [])
    store.tasks[gid] = task
    for project_gid, section_gid in placements:
        _join(store, task, store.projects[project_gid], section_gid, req.user)
    if parent is not None:
        task["parent"] = parent["gid"]
        parent["subtasks"].append(gid)
        events.record(store, "task", "added", ("task", gid), ("task", parent["gid"]), req.user,
                      [gid, parent["gid"], *parent["projects"]])
    write_values(store, task, data.get("custom_fields"), [])
    task["modified"] = now()
    return created(Ref("task", gid))


def create_subtask(req):
    return create(req, parent_gid=req.params["task_gid"])


def get(req):
    return Result(Ref("task", req.store.get("tasks", req.params["task_gid"])["gid"]))


def update(req):
    store, data = req.store, req.data
    task = store.get("tasks", req.params["task_gid"])
    check_keys(data, PROPERTIES, "task")
    _parse_properties(store, data)  # a bad property or value changes nothing
    write_values(store, {**task, "values": dict(task["values"])}, data.get("custom_fields"), [])
    _set_properties(store, task, {k: v for k, v in data.items() if k != "custom_fields"}, req.user)
    changes: list = []
    write_values(store, task, data.get("custom_fields"), changes)
    for field_gid, _old, new in changes:
        field = store.fields[field_gid]
        shown = display(store, field, new)
        activity.changed(store, task, req.user, "custom_fields", f"{field['type']}_custom_field_changed",
                         f"changed {field['name']} to {shown}" if shown else f"cleared {field['name']}",
                         new_value={"gid": field_gid, "resource_type": "custom_field"},
                         extra={"custom_field": field_gid})
    return written(Ref("task", task["gid"]))


def delete(req):
    store = req.store
    task = store.get("tasks", req.params["task_gid"])
    task["deleted"] = True
    events.record(store, "task", "deleted", ("task", task["gid"]), None, req.user, activity.subscribers(task))
    return Result({})


def _set_properties(store, task: dict, data: dict, actor: str, quiet: bool = False) -> None:
    """Write the task's own properties, all checked before any is written; unless `quiet` (a
    create), each change is recorded."""
    given = _parse_properties(store, data)

    def note(field, subtype, text):
        if not quiet:
            activity.changed(store, task, actor, field, subtype, text)

    if "name" in given and given["name"] != task["name"]:
        task["name"] = given["name"]
        note("name", "name_changed", f"changed the name to “{task['name']}”")
    if "notes" in given and (given["notes"] != task["notes"] or "html_notes" in data):
        task["notes"] = given["notes"]
        task.pop("html_notes", None)
        if "html_notes" in given:
            task["html_notes"] = given["html_notes"]
        note("notes", "notes_changed", "changed the description")
    if "assignee" in given and given["assignee"] != task["assignee"]:
        task["assignee"] = given["assignee"]
        if task["assignee"] is None:
            note("assignee", "unassigned", "unassigned this task")
        else:
            note("assignee", "assigned", f"assigned to {store.users[task['assignee']]['name']}")
    if "due_at" in given and given["due_at"] != task["due_at"]:
        task["due_at"] = given["due_at"]
        task["due_on"] = task["due_at"][:10] if task["due_at"] else None
        note("due_at", "due_date_changed", f"changed the due date to {_day(task['due_on'])}")
    elif "due_on" in given and given["due_on"] != task["due_on"]:
        task["due_on"], task["due_at"] = given["due_on"], None
        note("due_on", "due_date_changed",
             f"changed the due date to {_day(task['due_on'])}" if task["due_on"] else "removed the due date")
    if "start_on" in given and given["start_on"] != task["start_on"]:
        task["start_on"] = given["start_on"]
        note("start_on", "start_date_changed", f"changed the start date to {_day(task['start_on'])}")
    if "completed" in given and given["completed"] != task["completed"]:
        task["completed"] = given["completed"]
        task["completed_at"] = now() if task["completed"] else None
        task["completed_by"] = actor if task["completed"] else None
        if task["completed"]:
            note("completed", "marked_complete", "completed this task")
        else:
            note("completed", "marked_incomplete", "marked this task incomplete")
    if "resource_subtype" in given and given["resource_subtype"] != task.get("subtype", "default_task"):
        task["subtype"] = given["resource_subtype"]
        note("resource_subtype", None, None)


def _parse_properties(store, data: dict) -> dict:
    """The properties of a task write, checked and in the form they are kept."""
    out = {}
    if "name" in data:
        out["name"] = check_str(data["name"], "name")
    if "notes" in data:
        out["notes"] = check_str(data["notes"], "notes")
    if "html_notes" in data:
        out["html_notes"], out["notes"] = parse_html(store, check_str(data["html_notes"], "html_notes"),
                                                     "html_notes")
    if "assignee" in data:
        out["assignee"] = store.user_ref(data["assignee"], "assignee")["gid"] if data["assignee"] is not None else None
    if "due_at" in data:
        out["due_at"] = check_datetime(data["due_at"], "due_at")
    if "due_on" in data:
        out["due_on"] = check_date(data["due_on"], "due_on")
    if "start_on" in data:
        out["start_on"] = check_date(data["start_on"], "start_on")
    if "completed" in data:
        out["completed"] = check_bool(data["completed"], "completed")
    if "resource_subtype" in data:
        if data["resource_subtype"] not in SUBTYPES:
            raise invalid(f"resource_subtype: Unknown subtype: {data['resource_subtype']}")
        out["resource_subtype"] = data["resource_subtype"]
    return out


def _day(value: str | None) -> str:
    if not value:
        return "no date"
    d = datetime.strptime(value, "%Y-%m-%d")
    return f"{d.strftime('%b')} {d.day}"


# -- projects and sections -----------------------------------------------------------------

def _placements(store, data: dict) -> list[tuple[str, str | None]]:
    """(project gid, section gid or None) for `projects` and `memberships` of a create."""
    out: list[tuple[str, str | None]] = []
    projects = data.get("projects") or []
    if not isinstance(projects, list):
        projects = [p.strip() for p in str(projects).split(",") if p.strip()]
    for p in projects:
        out.append((store.get("projects", p)["gid"], None))
    for m in data.get("memberships") or []:
        if not isinstance(m, dict) or m.get("project") is None:
            raise invalid("memberships: Each membership needs a project")
        project = store.get("projects", m["project"])
        section = store.get("sections", m["section"]) if m.get("section") else None
        if section is not None and section["project"] != project["gid"]:
            raise invalid(f"memberships: Section {section['gid']} is not in project {project['gid']}")
        out = [(pg, sg) for pg, sg in out if pg != project["gid"]]
        out.append((project["gid"], section["gid"] if section else None))
    return out


def _join(store, task: dict, project: dict, section_gid: str | None, actor: str) -> None:
    if project["gid"] in task["projects"]:
        return
    if project["workspace"] != task["workspace"]:
        raise invalid("projects: The project is in another workspace than the task")
    task["projects"].append(project["gid"])
    section_gid = section_gid or project["sections"][0]
    task["sections"][project["gid"]] = section_gid
    if task["gid"] not in project["tasks"]:
        project["tasks"].append(task["gid"])
    activity.added_to(store, task, actor, ("project", project["gid"]),
                      f"added this task to {project['name']}")
    activity.added_to(store, task, actor, ("section", section_gid))


def move_to_section(store, task: dict, section: dict, actor: str) -> None:
    project = store.projects[section["project"]]
    if project["gid"] not in task["projects"]:
        _join(store, task, project, section["gid"], actor)
        return
    old = task["sections"].get(project["gid"])
    if old == section["gid"]:
        return
    task["sections"][project["gid"]] = section["gid"]
    activity.removed_from(store, task, actor, ("section", old))
    activity.added_to(store, task, actor, ("section", section["gid"]))
    activity.changed(store, task, actor, "memberships", "section_changed",
                     f"moved this task from {store.sections[old]['name']} to {section['name']} in {project['name']}",
                     extra={"old_section": old, "new_section": section["gid"], "project": project["gid"]})


def add_project(req):
    store, data = req.store, req.data
    task = store.get("tasks", req.params["task_gid"])
    check_keys(data, {"project", "section", "insert_before", "insert_after"}, "addProject")
    if data.get("project") is None:
        raise invalid("project: Missing input")
    project = store.get("projects", data["project"])
    section = store.get("sections", data["section"]) if data.get("section") else None
    if section is not None and section["project"] != project["gid"]:
        raise invalid(f"section: Section {section['gid']} is not in project {project['gid']}")
    if project["gid"] in task["projects"]:
        if section is not None:
            move_to_section(store, task, section, req.user)
    else:
        _join(store, task, project, section["gid"] if section else None, req.user)
    return Result({})


def remove_project(req):
    store = req.store
    task = store.get("tasks", req.params["task_gid"])
    if req.data.get("project") is None:
        raise invalid("project: Missing input")
    project = store.get("projects", req.data["project"])
    if project["gid"] in task["projects"]:
        task["projects"].remove(project["gid"])
        task["sections"].pop(project["gid"], None)
        if task["gid"] in project["tasks"]:
            project["tasks"].remove(task["gid"])
        activity.removed_from(store, task, req.user, ("project", project["gid"]),
                              f"removed this task from {project['name']}")
    return Result({})


def set_parent(req):
    """POST /tasks/{gid}/setParent {parent (or null), insert_before|insert_after}."""
    store, data = req.store, req.data
    task = store.get("tasks", req.params["task_gid"])
    if "parent" not in data:
        raise invalid("parent: Missing input")
    new = store.get("tasks", data["parent"]) if data["parent"] is not None else None
    if new is not None:
        p = new
        while p is not None:
            if p["gid"] == task["gid"]:
                raise invalid("parent: A task cannot be its own ancestor")
            p = store.tasks.get(p["parent"]) if p["parent"] else None
    if task["parent"]:
        old = store.tasks[task["parent"]]
        old["subtasks"].remove(task["gid"])
        events.record(store, "task", "removed", ("task", task["gid"]), ("task", old["gid"]), req.user,
                      [task["gid"], old["gid"]])
    task["parent"] = new["gid"] if new else None
    if new is not None:
        order = new["subtasks"]
        anchor = data.get("insert_after") or data.get("insert_before")
        if anchor and anchor in order:
            order.insert(order.index(anchor) + (1 if data.get("insert_after") else 0), task["gid"])
        else:
            order.append(task["gid"])
        events.record(store, "task", "added", ("task", task["gid"]), ("task", new["gid"]), req.user,
                      [task["gid"], new["gid"]])
    activity.touch(task)
    return written(Ref("task", task["gid"]))


# -- lists ---------------------------------------------------------------------------------

def list_(req):
    """GET /tasks?project=|section=|assignee=&workspace=, /projects/{gid}/tasks, /sections/{gid}/tasks."""
    store = req.store
    project = req.params.get("project_gid") or req.q("project")
    section = req.params.get("section_gid") or req.q("section")
    assignee, workspace = req.q("assignee"), req.q("workspace")
    if project is not None:
        p = store.get("projects", project)
        found = [store.tasks[g] for g in reversed(p["tasks"]) if p["gid"] in store.tasks[g]["projects"]]
    elif section is not None:
        s = store.get("sections", section)
        p = store.projects[s["project"]]
        found = [store.tasks[g] for g in reversed(p["tasks"]) if store.tasks[g]["sections"].get(p["gid"]) == s["gid"]]
    elif assignee is not None and workspace is not None:
        uid = store.user_ref(assignee, "assignee")["gid"]
        ws = store.get("workspaces", workspace)["gid"]
        found = [t for t in store.tasks.values() if t["assignee"] == uid and t["workspace"] == ws]
    else:
        raise invalid("Must specify exactly one of project, tag, section, user task list, or assignee + workspace")
    return page(req, [Ref("task", t["gid"]) for t in _filter(req, found)])


def list_subtasks(req):
    store = req.store
    task = store.get("tasks", req.params["task_gid"])
    return page(req, [Ref("task", t["gid"]) for t in _filter(req, [store.tasks[g] for g in task["subtasks"]])])


def _filter(req, tasks: list) -> list:
    completed_since = req.q("completed_since")
    modified_since = req.q("modified_since")
    since_done = parse_time(completed_since, "completed_since") if completed_since else None
    since_mod = parse_time(modified_since, "modified_since") if modified_since else None
    out = []
    for t in tasks:
        if t.get("deleted"):
            continue
        if since_done is not None and t["completed"] and (t["completed_at"] or 0) < since_done:
            continue
        if since_mod is not None and t["modified"] < since_mod:
            continue
        out.append(t)
    return out
