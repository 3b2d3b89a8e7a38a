"""Replay a recorded Asana cassette against a sandbox set up as the recorder's workspace was,
translating recorded gids and tokens into the sandbox's.

The recorder's workspace (as the cassettes show it): the user "E2E User", member of two
workspaces both named "E2E Workspace" (the second, `${WORKSPACE_GID}`, no organization, with the
team "E2E Team", whose new projects start with the section "無題のセクション", the recorder's
language); in it the projects "pagination-test" (1,500 tasks ptest-0001 … ptest-1500) and
"pagination-test-small" (50 tasks psmall-0001 … psmall-0050). `seed` makes them through the API
(as the recorder's user, with a token of their own) and, for the 1,550 tasks, with
`Sandbox.add_asana_tasks`.

Gids: every response teaches the map (recorded gid → sandbox gid) by walking the recorded and the
sandbox body side by side (`gid` keys, list items by position); the pagination `offset` and events
`sync` tokens are mapped the same way. Before a request is sent, every recorded gid (16 digits)
in its path, query and body, and every recorded token in its query, is replaced.
"""

from __future__ import annotations

import json
import re

import httpx

from asana_cassettes import RECORDED_WORKSPACE
from certsync.sandbox.asana.routes import match

GID = re.compile(r"(?<!\d)\d{16}(?!\d)")
TOKEN_KEYS = ("offset", "sync")  # opaque tokens the server mints; mapped like gids
RECORDER_TOKEN = "e2e-recorder-token"

# the recorder's objects that the cassettes read but never create (their recorded gids)
OTHER_WORKSPACE = "8057901430876657"
RECORDER = "9210444840269866"
TEAM = "2262018960161802"
BIG, SMALL = "8503325469700806", "2750130645330941"

# "The endpoints above" (issue 10): every recorded route the sandbox serves is in scope.
IN_SCOPE = {
    ("GET", "/workspaces"), ("GET", "/workspaces/{workspace_gid}"),
    ("GET", "/workspaces/{workspace_gid}/projects"), ("POST", "/workspaces/{workspace_gid}/projects"),
    ("GET", "/projects/{project_gid}"), ("PUT", "/projects/{project_gid}"), ("DELETE", "/projects/{project_gid}"),
    ("GET", "/tasks"), ("POST", "/tasks"), ("GET", "/tasks/{task_gid}"), ("PUT", "/tasks/{task_gid}"),
    ("DELETE", "/tasks/{task_gid}"), ("GET", "/events"), ("POST", "/batch"),
}


def route_of(method: str, path: str) -> str | None:
    found = match(method, path)
    return found[0] if found else None


def in_scope(it) -> bool:
    return (it.method, route_of(it.method, it.path)) in IN_SCOPE


class IdMap:
    """Recorded gids → sandbox gids, and recorded tokens (offset, sync) → sandbox tokens."""

    def __init__(self):
        self.gids: dict[str, str] = {}
        self.tokens: dict[str, str] = {}

    def add(self, rec, got) -> None:
        if isinstance(rec, str) and isinstance(got, str) and rec not in self.gids:
            self.gids[rec] = got

    def learn(self, rec, got) -> None:
        """Walk recorded and sandbox bodies side by side; pair gids and tokens."""
        if isinstance(rec, dict) and isinstance(got, dict):
            for k, rv in rec.items():
                if k not in got:
                    continue
                if k == "gid":
                    self.add(rv, got[k])
                elif k in TOKEN_KEYS and isinstance(rv, str) and isinstance(got[k], str):
                    self.tokens.setdefault(rv, got[k])
                else:
                    self.learn(rv, got[k])
        elif isinstance(rec, list) and isinstance(got, list):
            for r, g in zip(rec, got):
                self.learn(r, g)

    def sub_str(self, s: str) -> str:
        return GID.sub(lambda m: self.gids.get(m.group(0), m.group(0)), s)

    def sub(self, obj):
        """A copy of a recorded request body with recorded gids replaced."""
        if isinstance(obj, dict):
            return {k: self.sub(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.sub(v) for v in obj]
        if isinstance(obj, str):
            return self.sub_str(obj)
        return obj


class Replayer:
    """Sends one cassette's requests, in order, to a sandbox (wiped before), as the recorder."""

    def __init__(self, sandbox, client: httpx.Client, on_batch=None):
        self.sb, self.client = sandbox, client
        self.on_batch = on_batch  # on_batch(request body, answer): to check each action's answer
        self.ids = IdMap()
        self.token = RECORDER_TOKEN

    def send(self, method, path, query=None, body=None):
        """(status, JSON body or None, headers) of one request, sent as the SDK sends it: JSON
        content type even on GET, non-ASCII text as \\u escapes."""
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
                   "Accept": "application/json; charset=utf-8"}
        content = json.dumps(body).encode() if body is not None else None
        r = self.client.request(method, self.sb.asana_url + path, params=query, content=content, headers=headers)
        try:
            return r.status_code, r.json(), r.headers
        except ValueError:
            return r.status_code, None, r.headers

    # -- the recorder's workspace -------------------------------------------------------------
    def seed(self, items) -> None:
        sb, ids = self.sb, self.ids
        other = sb.add_asana_workspace("E2E Workspace", is_organization=False, team_name="E2E Team",
                                       email_domains=["example.invalid"])
        home = sb.add_asana_workspace("E2E Workspace", free=True, is_organization=False, team_name="E2E Team",
                                      section_name="無題のセクション",  # free: its tasks show no custom_fields
                                      email_domains=["example.invalid"])
        user = sb.add_asana_user("E2E User", "e2e@example.invalid", token=self.token,
                                 workspace=[other["gid"], home["gid"]])
        ids.add(OTHER_WORKSPACE, other["gid"])
        ids.add(RECORDED_WORKSPACE, home["gid"])
        ids.add(RECORDER, user["gid"])
        _, teams, _ = self.send("GET", f"/workspaces/{home['gid']}/teams")
        ids.add(TEAM, teams["data"][0]["gid"])
        named = {m for it in items for m in GID.findall(json.dumps([it.path, it.query, it.body]))}
        for rec, name, prefix, count in ((BIG, "pagination-test", "ptest", 1500),
                                         (SMALL, "pagination-test-small", "psmall", 50)):
            status, project, _ = self.send("POST", f"/workspaces/{home['gid']}/projects", body={"data": {"name": name}})
            assert status == 201, project
            ids.add(rec, project["data"]["gid"])
            if rec in named:  # a cassette that only lists the projects does not need their tasks
                self._tasks(project["data"]["gid"], prefix, count, user["gid"])

    def _tasks(self, project: str, prefix: str, count: int, user: str) -> None:
        """The project's tasks, oldest first, made by the control API's Python method at once
        (1,500 requests would take seconds)."""
        self.sb.add_asana_tasks(project, [f"{prefix}-{i:04d}" for i in range(1, count + 1)], user=user)

    # -- one interaction ---------------------------------------------------------------------
    def replay(self, it):
        """Send one recorded request, translated; return (status, body, headers)."""
        path = self.ids.sub_str(it.path)
        query = {k: [self.ids.tokens.get(v, self.ids.sub_str(v)) for v in vs] for k, vs in it.query.items()}
        body = self.ids.sub(it.body) if it.body is not None else None
        status, got, headers = self.send(it.method, path, query, body)
        if self.on_batch is not None and path == "/batch" and status == 200:
            self.on_batch(body, got)
        if status == it.status and it.response is not None and got is not None:
            self.ids.learn(it.response, got)
        return status, got, headers
