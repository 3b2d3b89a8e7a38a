"""Asana's control routes under /_sandbox/asana (no token), and the `Sandbox` methods behind them:
seed users (with their own tokens) and workspaces, mark a workspace free, restrict a field, and do
what only the Asana app does (formula fields, form submissions, system stories, a person's comment
or section move)."""

from __future__ import annotations

from .fields import Ref, plain
from .render import Renderer

ENDPOINTS = ["GET /_sandbox/asana", "POST /_sandbox/asana/users", "POST /_sandbox/asana/workspaces",
             "PUT /_sandbox/asana/workspaces/{gid}", "PUT /_sandbox/asana/custom_fields/{gid}",
             "POST /_sandbox/asana/formula_fields", "POST /_sandbox/asana/form_submissions",
             "POST /_sandbox/asana/tasks",
             "POST /_sandbox/asana/stories", "POST /_sandbox/asana/comments", "POST /_sandbox/asana/moves",
             "GET|PUT /_sandbox/asana/rate_limit"]


def handle(sb, method: str, path: str, body: dict):
    """(status, obj) for one of Asana's control routes (path relative to /_sandbox/asana), else None."""
    parts = path.strip("/").split("/") if path.strip("/") else []
    route = (method, "/".join(parts[:1]) + ("/{gid}" if len(parts) == 2 else ""))
    gid = parts[1] if len(parts) == 2 else None
    if route == ("GET", ""):
        return 200, sb.asana.info()
    if route == ("POST", "users"):
        return 200, sb.add_asana_user(body.get("name"), body.get("email"), token=body.get("token"),
                                      workspace=body.get("workspace"))
    if route == ("POST", "workspaces"):
        return 200, sb.add_asana_workspace(body.get("name"), free=bool(body.get("free", False)),
                                           is_organization=bool(body.get("is_organization", True)),
                                           team_name=body.get("team_name"), section_name=body.get("section_name"),
                                           email_domains=body.get("email_domains"))
    if route == ("PUT", "workspaces/{gid}"):
        return 200, sb.mark_asana_workspace_free(gid, bool(body.get("free", True)))
    if route == ("PUT", "custom_fields/{gid}"):
        if "formula_value" in body:
            sb.set_asana_formula_value(gid, body["formula_value"])
        return 200, sb.restrict_asana_field(gid, bool(body.get("restricted", True))) if "restricted" in body \
            else sb.asana_field(gid)
    if route == ("POST", "formula_fields"):
        return 200, sb.add_asana_formula_field(body.get("project"), body.get("name"), body.get("type", "number"),
                                               value=body.get("value"), precision=body.get("precision", 0))
    if route == ("POST", "form_submissions"):
        return 200, sb.submit_asana_form(body.get("project"), body.get("name"), body.get("custom_fields"),
                                         notes=body.get("notes", ""), submitter=body.get("submitter"))
    if route == ("POST", "tasks"):
        return 200, {"gids": sb.add_asana_tasks(body.get("project"), body.get("names"), body.get("custom_fields"),
                                                user=body.get("user"))}
    if route == ("POST", "stories"):
        return 200, sb.add_asana_system_story(body.get("task"), body.get("text"),
                                              subtype=body.get("resource_subtype", "system"), user=body.get("user"))
    if route == ("POST", "comments"):
        return 200, sb.add_asana_comment_as(body.get("task"), body.get("user"), body.get("text"))
    if route == ("POST", "moves"):
        return 200, sb.move_asana_task_as(body.get("task"), body.get("section"), body.get("user"))
    if route == ("GET", "rate_limit"):
        return 200, sb.asana.info()["asana"]["rate_limit"]
    if route == ("PUT", "rate_limit"):
        sb.set_asana_rate_limit(float(body.get("per_minute", sb.asana.per_minute)))
        return 200, sb.asana.info()["asana"]["rate_limit"]
    return None


def _need(value, what: str):
    if value is None or value == "":
        raise ValueError(f"give {what}")
    return value


class AsanaControls:
    """The Asana half of `Sandbox`. Expects `self.asana`, an `AsanaApi`."""

    @property
    def asana_url(self) -> str:
        """The SDK's host: `asana.Configuration().host = sandbox.asana_url`."""
        return self.url + self.asana.prefix

    @property
    def asana_workspace_gid(self) -> str:
        from .store import WORKSPACE_GID

        return WORKSPACE_GID

    @property
    def asana_team_gid(self) -> str:
        from .store import TEAM_GID

        return TEAM_GID

    @property
    def asana_user_gid(self) -> str:
        """The user the sandbox token belongs to (`GET /users/me`)."""
        from .store import ME_GID

        return ME_GID

    def _asana_render(self, kind: str, gid: str) -> dict:
        store = self.asana.store
        store.me = self.asana_user_gid
        return plain(Renderer(store), Renderer(store).default(Ref(kind, gid)))

    def _asana_write(self, fn):
        store = self.asana.store
        with store.lock:
            out = fn(store)
            store.generation += 1
            self.asana.save()
            self.asana.courier.flush(store)
            return out

    def set_asana_rate_limit(self, per_minute: float) -> None:
        """Requests a minute per token (150 at most in a free workspace); 0 turns the Asana limits off."""
        self.asana.set_rate_limit(per_minute)

    def add_asana_user(self, name: str, email: str, token: str | None = None, workspace=None) -> dict:
        """A person in the workspace (or the workspaces, a gid or a list of gids); with `token`,
        requests sending that token act as them."""
        _need(name, '{"name": ..., "email": ...}')
        if not isinstance(email, str) or "@" not in email:
            raise ValueError('give {"name": ..., "email": "...@..."}')
        if token is not None and (not isinstance(token, str) or not token or token in self.asana.store.tokens):
            raise ValueError("token should be a new, non-empty string")

        def add(store):
            given = workspace if isinstance(workspace, list) else [workspace or self.asana_workspace_gid]
            spaces = [store.get("workspaces", w)["gid"] for w in given]
            user = store.add_user(name, email, token=token, workspace=spaces[0])
            user["workspaces"] = spaces
            return user["gid"]

        gid = self._asana_write(add)
        return self._asana_render("user", gid)

    def add_asana_workspace(self, name: str, free: bool = False, is_organization: bool = True,
                            team_name: str | None = None, section_name: str | None = None,
                            email_domains: list[str] | None = None) -> dict:
        """Another workspace with a team (`team_name`, else "<name> team"), which the sandbox
        token's user belongs to. `section_name` names the section every new project starts with
        (Asana names it in its creator's language: "Untitled section", "無題のセクション")."""
        _need(name, '{"name": ...}')

        def add(store):
            from ..core.clock import now

            gid = store.new_gid()
            store.workspaces[gid] = {"gid": gid, "name": name, "is_organization": is_organization,
                                     "email_domains": list(email_domains or ["example.com"]), "free": free,
                                     "section_name": section_name}
            team = store.new_gid()
            store.teams[team] = {"gid": team, "name": team_name or f"{name} team", "workspace": gid, "description": "",
                                 "created": now()}
            store.users[self.asana_user_gid]["workspaces"].append(gid)
            return gid

        return self._asana_render("workspace", self._asana_write(add))

    def mark_asana_workspace_free(self, workspace_gid: str, free: bool = True) -> dict:
        """A free workspace: custom fields answer 402 and its users' tokens get 150 requests a minute."""

        def mark(store):
            store.get("workspaces", workspace_gid)["free"] = free
            return workspace_gid

        self._asana_write(mark)
        return self._asana_render("workspace", workspace_gid) | {"free": free}

    def asana_field(self, field_gid: str) -> dict:
        with self.asana.store.lock:
            self.asana.store.get("fields", field_gid, "custom_field")
            return self._asana_render("custom_field", field_gid)

    def restrict_asana_field(self, field_gid: str, restricted: bool = True) -> dict:
        """A field whose edits are restricted: writing its value answers 403."""

        def mark(store):
            store.get("fields", field_gid, "custom_field")["restricted"] = restricted

        self._asana_write(mark)
        return self.asana_field(field_gid) | {"restricted": restricted}

    def add_asana_formula_field(self, project_gid: str, name: str, kind: str = "number", value=None,
                                precision: int = 0) -> dict:
        """A formula field (only the Asana app makes them) on a project: read-only, showing `value`
        on every task (set it later with `set_asana_formula_value`)."""
        from ..core.clock import now
        from .custom_fields import new_field

        _need(project_gid, '{"project": ..., "name": ...}')
        _need(name, '{"project": ..., "name": ...}')
        if kind not in ("number", "text"):
            raise ValueError("a formula field is a number or a text")

        def add(store):
            project = store.get("projects", project_gid)
            field = new_field(store, project["workspace"], name, kind, self.asana_user_gid,
                              {"precision": precision} if kind == "number" else {})
            field["formula"] = True
            field["formula_value"] = value
            setting = store.new_gid()
            store.settings[setting] = {"gid": setting, "project": project["gid"], "field": field["gid"],
                                       "is_important": False}
            project["settings"].append(setting)
            project["modified"] = now()
            return field["gid"]

        return self.asana_field(self._asana_write(add))

    def set_asana_formula_value(self, field_gid: str, value) -> None:
        def put(store):
            field = store.get("fields", field_gid, "custom_field")
            if not field.get("formula"):
                raise ValueError(f"custom field {field_gid} is not a formula field")
            field["formula_value"] = value

        self._asana_write(put)

    def submit_asana_form(self, project_gid: str, name: str, custom_fields: dict | None = None, notes: str = "",
                          submitter: str | None = None) -> dict:
        """A task created in a project as an Asana form submission does: at the top of the project's
        first section, unassigned, with the answers as custom field values, and a story saying so."""
        from . import activity
        from .request import Request
        from .tasks import create

        _need(project_gid, '{"project": ..., "name": ...}')

        def submit(store):
            author = store.user_ref(submitter)["gid"] if submitter else None
            data = {"name": name or "Form submission", "notes": notes, "projects": [project_gid]}
            if custom_fields:
                data["custom_fields"] = custom_fields
            req = Request(self.asana, "POST", "/tasks", {}, {}, data, author or self.asana_user_gid, "")
            store.me = req.user
            gid = create(req).value.gid
            task = store.tasks[gid]
            task["created_by"] = author
            task["followers"] = [author] if author else []
            who = store.users[author]["name"] if author else "Someone"
            activity.system_story(store, task, author, "form_submitted", f"{who} submitted a form")
            return gid

        return self._asana_render("task", self._asana_write(submit))

    def add_asana_tasks(self, project_gid: str, names: list[str], custom_fields: dict | None = None,
                        user: str | None = None) -> list[str]:
        """Many tasks at once in a project, each made as `POST /tasks` makes it (for big lists,
        benchmarks and replays); returns their gids, newest last."""
        from .request import Request
        from .tasks import create

        _need(project_gid, '{"project": ..., "names": [...]}')
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError('give {"project": ..., "names": ["...", ...]}')

        def add(store):
            actor = store.user_ref(user)["gid"] if user else self.asana_user_gid
            store.me = actor
            data = {"projects": [project_gid], **({"custom_fields": custom_fields} if custom_fields else {})}
            return [create(Request(self.asana, "POST", "/tasks", {}, {}, {**data, "name": name}, actor, "")).value.gid
                    for name in names]

        return self._asana_write(add)

    def add_asana_system_story(self, task_gid: str, text: str, subtype: str = "system",
                               user: str | None = None) -> dict:
        """A system story on a task, as Asana writes for a change made in the app."""
        from . import activity

        _need(task_gid, '{"task": ..., "text": ...}')
        _need(text, '{"task": ..., "text": ...}')

        def add(store):
            task = store.get("tasks", task_gid)
            author = store.user_ref(user)["gid"] if user else None
            return activity.system_story(store, task, author, subtype, text)["gid"]

        return self._asana_render("story", self._asana_write(add))

    def add_asana_comment_as(self, task_gid: str, user_gid: str, text: str) -> dict:
        """A comment written by a person (not the token's user) on a task."""
        from .richtext import html_of_text
        from .stories import add_story

        _need(task_gid, '{"task": ..., "user": ..., "text": ...}')
        if not isinstance(text, str):
            raise ValueError('give {"task": ..., "user": ..., "text": ...}')

        def add(store):
            task = store.get("tasks", task_gid)
            author = store.user_ref(_need(user_gid, '{"task": ..., "user": ..., "text": ...}'))["gid"]
            return add_story(store, task, author, "comment", "comment_added", text, html_of_text(text))["gid"]

        return self._asana_render("story", self._asana_write(add))

    def move_asana_task_as(self, task_gid: str, section_gid: str, user_gid: str | None = None) -> dict:
        """Move a task to another section of its project as a person does in the app."""
        from .tasks import move_to_section

        _need(task_gid, '{"task": ..., "section": ..., "user": ...}')
        _need(section_gid, '{"task": ..., "section": ..., "user": ...}')

        def move(store):
            task = store.get("tasks", task_gid)
            section = store.get("sections", section_gid)
            actor = store.user_ref(user_gid)["gid"] if user_gid else self.asana_user_gid
            move_to_section(store, task, section, actor)
            return task["gid"]

        return self._asana_render("task", self._asana_write(move))

