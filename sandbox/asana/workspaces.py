"""Workspaces, users and teams (read-only through the API; the control API adds users)."""

from __future__ import annotations

from .errors import invalid
from .fields import Ref
from .paging import page
from .request import Result


def list_workspaces(req):
    """The workspaces the caller belongs to."""
    return page(req, [Ref("workspace", g) for g in req.store.users[req.user]["workspaces"]])


def get_workspace(req):
    return Result(Ref("workspace", req.store.get("workspaces", req.params["workspace_gid"])["gid"]))


def list_users(req):
    """GET /users?workspace=|team=, GET /workspaces/{gid}/users, GET /teams/{gid}/users."""
    store = req.store
    ws = req.params.get("workspace_gid") or req.q("workspace")
    team = req.params.get("team_gid") or req.q("team")
    if team is not None:  # every member of the workspace is in each of its teams here
        ws = store.get("teams", team)["workspace"]
    spaces = [store.get("workspaces", ws)["gid"]] if ws else store.users[req.user]["workspaces"]
    return page(req, [Ref("user", g) for g, u in store.users.items() if set(spaces) & set(u["workspaces"])])


def get_user(req):
    return Result(Ref("user", req.store.user_ref(req.params["user_gid"])["gid"]))


def me(req):
    return Result(Ref("user", req.user))


def list_teams(req):
    """GET /workspaces/{gid}/teams and GET /users/{gid}/teams?organization=."""
    store = req.store
    if "user_gid" in req.params:
        store.user_ref(req.params["user_gid"])
        ws = req.q("organization")
        if ws is None:
            raise invalid("organization: Missing input")
    else:
        ws = req.params["workspace_gid"]
    ws = store.get("workspaces", ws)["gid"]
    return page(req, [Ref("team", g) for g, t in store.teams.items() if t["workspace"] == ws])


def get_team(req):
    return Result(Ref("team", req.store.get("teams", req.params["team_gid"])["gid"]))


def list_memberships(req):
    """GET /workspaces/{gid}/workspace_memberships: who belongs to the workspace."""
    store = req.store
    ws = store.get("workspaces", req.params["workspace_gid"])["gid"]
    return page(req, [{"gid": "8" + u[1:], "resource_type": "workspace_membership",  # one per user: a gid of its own
                       "user": Ref("user", u), "workspace": Ref("workspace", ws)}
                      for u, user in store.users.items() if ws in user["workspaces"]])
