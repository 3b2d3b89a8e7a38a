"""Projects (create in a workspace or team, get, update, delete, list) and their custom field
settings."""

from __future__ import annotations

from ..core.clock import now
from .errors import invalid, missing_input, payment_required
from .fields import Ref
from .paging import page
from .request import Result, created, written
from .validate import check_date, check_keys, check_str

COLORS = {"dark-pink", "dark-green", "dark-blue", "dark-red", "dark-teal", "dark-brown", "dark-orange",
          "dark-purple", "dark-warm-gray", "light-pink", "light-green", "light-blue", "light-red", "light-teal",
          "light-brown", "light-orange", "light-purple", "light-warm-gray", "none"}
WRITABLE = {"name", "notes", "html_notes", "archived", "color", "due_on", "due_date", "start_on", "default_view",
            "privacy_setting", "public", "owner", "icon"}
CREATE_ONLY = {"workspace", "team", "followers", "members", "custom_fields"}


def create(req):
    """POST /projects, /workspaces/{gid}/projects, /teams/{gid}/projects."""
    store, data = req.store, req.data
    check_keys(data, WRITABLE | CREATE_ONLY, "project")
    team_gid = req.params.get("team_gid") or data.get("team")
    ws_gid = req.params.get("workspace_gid") or data.get("workspace")
    team = store.get("teams", team_gid) if team_gid else None
    if ws_gid is None and team is None:
        raise missing_input("workspace")
    ws = store.get("workspaces", ws_gid if ws_gid is not None else team["workspace"])
    if team is None:  # as recorded: the workspace's team, also in a workspace that is no organization
        team = next((t for t in store.teams.values() if t["workspace"] == ws["gid"]), None)
    t = now()
    gid = store.new_gid()
    project = {"gid": gid, "name": "", "notes": "", "workspace": ws["gid"], "team": team["gid"] if team else None,
               "owner": req.user, "archived": False, "color": None, "completed": False, "completed_at": None,
               "completed_by": None, "created": t, "modified": t, "due_on": None, "start_on": None,
               "default_view": "list", "privacy_setting": "private", "members": [req.user], "followers": [req.user],
               "settings": [], "sections": [], "tasks": [], "status_update": None, "icon": "list"}
    _apply(store, project, data)
    store.projects[gid] = project
    from .sections import new_section

    new_section(store, project, ws.get("section_name") or "Untitled section")  # named in the user's language
    return created(Ref("project", gid))


def get(req):
    return Result(Ref("project", req.store.get("projects", req.params["project_gid"])["gid"]))


def update(req):
    store = req.store
    project = store.get("projects", req.params["project_gid"])
    check_keys(req.data, WRITABLE, "project")
    draft = {**project, "members": list(project["members"]), "followers": list(project["followers"])}
    _apply(store, draft, req.data)  # all checked before any is kept
    project.update(draft, modified=now())
    return written(Ref("project", project["gid"]))


def delete(req):
    project = req.store.get("projects", req.params["project_gid"])
    project["deleted"] = True
    for gid in project["tasks"]:
        task = req.store.tasks[gid]
        if gid in task["projects"]:
            task["projects"].remove(gid)
            task["sections"].pop(project["gid"], None)
    return Result({})


def list_(req):
    """GET /projects?workspace=|team=, /workspaces/{gid}/projects, /teams/{gid}/projects."""
    store = req.store
    team = req.params.get("team_gid") or req.q("team")
    ws = req.params.get("workspace_gid") or req.q("workspace")
    if team is not None:
        team = store.get("teams", team)["gid"]
    if ws is not None:
        ws = store.get("workspaces", ws)["gid"]
    archived = req.q("archived")
    spaces = {ws} if ws is not None else set(store.users[req.user]["workspaces"])
    found = [Ref("project", g) for g, p in store.projects.items()
             if not p.get("deleted") and p["workspace"] in spaces and (team is None or p["team"] == team)
             and (archived is None or p["archived"] == (archived == "true"))]
    return page(req, found)


def _apply(store, project: dict, data: dict) -> None:
    if "name" in data:
        project["name"] = check_str(data["name"], "name")
    if "notes" in data:
        project["notes"] = check_str(data["notes"], "notes")
        project.pop("html_notes", None)
    if "html_notes" in data:
        from .richtext import parse_html

        project["html_notes"], project["notes"] = parse_html(store, check_str(data["html_notes"], "html_notes"),
                                                             "html_notes")
    if "archived" in data:
        if not isinstance(data["archived"], bool):
            raise invalid("archived: Not a boolean: " + str(data["archived"]))
        project["archived"] = data["archived"]
    if "color" in data:
        if data["color"] is not None and data["color"] not in COLORS:
            raise invalid(f"color: Unknown color: {data['color']}")
        project["color"] = data["color"]
    for key in ("due_on", "due_date"):
        if key in data:
            project["due_on"] = check_date(data[key], key)
    if "start_on" in data:
        project["start_on"] = check_date(data["start_on"], "start_on")
    if "default_view" in data:
        if data["default_view"] not in ("list", "board", "calendar", "timeline"):
            raise invalid(f"default_view: Unknown view: {data['default_view']}")
        project["default_view"] = data["default_view"]
    if "privacy_setting" in data:
        if data["privacy_setting"] not in ("public_to_workspace", "private_to_team", "private"):
            raise invalid(f"privacy_setting: Unknown privacy setting: {data['privacy_setting']}")
        project["privacy_setting"] = data["privacy_setting"]
    if "public" in data:
        project["privacy_setting"] = "public_to_workspace" if data["public"] else "private"
    if "owner" in data:
        project["owner"] = store.user_ref(data["owner"])["gid"] if data["owner"] is not None else None
    if "icon" in data:
        project["icon"] = data["icon"]
    for key in ("members", "followers"):
        if key in data:
            for gid in _users(store, data[key]):
                if gid not in project[key]:
                    project[key].append(gid)


def _users(store, raw) -> list[str]:
    """Users named as Asana takes them: a list, or one string of comma-separated "me", e-mails or gids."""
    items = raw if isinstance(raw, list) else [r.strip() for r in str(raw).split(",") if r.strip()]
    return [store.user_ref(u)["gid"] for u in items]


# -- members -------------------------------------------------------------------------------

def add_members(req):
    """POST /projects/{gid}/addMembers {members}: the users become members (all named users are
    checked before any is added); answers with the project."""
    store = req.store
    project = store.get("projects", req.params["project_gid"])
    check_keys(req.data, {"members"}, "project")
    if not req.data.get("members"):
        raise missing_input("members")
    added = _users(store, req.data["members"])
    for gid in added:
        if project["workspace"] not in store.users[gid]["workspaces"]:
            raise invalid(f"members: User {gid} is not in the project's workspace")
    project["members"] += [gid for gid in dict.fromkeys(added) if gid not in project["members"]]
    project["modified"] = now()
    return written(Ref("project", project["gid"]))


def remove_members(req):
    """POST /projects/{gid}/removeMembers {members}."""
    store = req.store
    project = store.get("projects", req.params["project_gid"])
    check_keys(req.data, {"members"}, "project")
    if not req.data.get("members"):
        raise missing_input("members")
    gone = set(_users(store, req.data["members"]))
    project["members"] = [u for u in project["members"] if u not in gone]
    project["modified"] = now()
    return written(Ref("project", project["gid"]))


# -- custom field settings -----------------------------------------------------------------

def list_settings(req):
    project = req.store.get("projects", req.params["project_gid"])
    return page(req, [Ref("custom_field_setting", s) for s in project["settings"]])


def add_setting(req):
    """POST /projects/{gid}/addCustomFieldSetting {custom_field, is_important, insert_before|after}."""
    store, data = req.store, req.data
    project = store.get("projects", req.params["project_gid"])
    check_keys(data, {"custom_field", "is_important", "insert_before", "insert_after"}, "custom_field_setting")
    if store.workspaces[project["workspace"]]["free"]:
        raise payment_required()
    if data.get("custom_field") is None:
        raise missing_input("custom_field")
    field = store.get("fields", data["custom_field"], "custom_field")
    if field["workspace"] != project["workspace"]:
        raise invalid("custom_field: The custom field is not in the project's workspace")
    if any(store.settings[s]["field"] == field["gid"] for s in project["settings"]):
        raise invalid(f"custom_field: Custom field with ID {field['gid']} is already on the project")
    gid = store.new_gid()
    store.settings[gid] = {"gid": gid, "project": project["gid"], "field": field["gid"],
                           "is_important": bool(data.get("is_important", False))}
    _insert(store, project["settings"], gid, data)
    project["modified"] = now()
    return Result(Ref("custom_field_setting", gid))


def remove_setting(req):
    store = req.store
    project = store.get("projects", req.params["project_gid"])
    if req.data.get("custom_field") is None:
        raise missing_input("custom_field")
    field = store.get("fields", req.data["custom_field"], "custom_field")
    for s in list(project["settings"]):
        if store.settings[s]["field"] == field["gid"]:
            project["settings"].remove(s)
            del store.settings[s]
            project["modified"] = now()
            return Result({})
    raise invalid(f"custom_field: Custom field with ID {field['gid']} is not on the project")


def _insert(store, order: list, gid: str, data: dict) -> None:
    before, after = data.get("insert_before"), data.get("insert_after")
    if before is not None and after is not None:
        raise invalid("insert_before and insert_after cannot both be specified")
    anchor = before if before is not None else after
    if anchor is None:
        order.append(gid)
        return
    if anchor not in order:
        raise invalid(f"{'insert_before' if before is not None else 'insert_after'}: Not a setting of this project: "
                      f"{anchor}")
    order.insert(order.index(anchor) + (0 if before is not None else 1), gid)
