"""Asana's records, full and compact, as the recordings show them (nested objects as Refs)."""

from __future__ import annotations

from .fields import Ref, plain
from .store import iso

COLLECTION = {"workspace": "workspaces", "user": "users", "team": "teams", "project": "projects",
              "section": "sections", "task": "tasks", "custom_field": "fields", "enum_option": "options",
              "custom_field_setting": "settings", "story": "stories", "status_update": "statuses",
              "webhook": "webhooks"}


# fields a default response leaves out (opt_fields still shows them), as the recordings show
HIDDEN_READ = {"task": ("html_notes", "num_subtasks", "created_by", "completed_by"),
               "project": ("html_notes", "custom_field_settings", "completed_by", "icon")}
HIDDEN_WRITTEN = {"task": ("html_notes", "num_subtasks", "created_by", "completed_by"),
                  "project": ("html_notes", "custom_field_settings", "custom_fields")}


class Renderer:
    """Turns Refs into JSON for one request; `written` renders records as write responses do."""

    def __init__(self, store, written: bool = False):
        self.store = store
        self.written = written

    def obj(self, ref: Ref) -> dict:
        return getattr(self.store, COLLECTION[ref.kind])[ref.gid]

    def compact(self, ref: Ref) -> dict:
        o = self.obj(ref)
        kind = ref.kind
        if kind == "task":
            return {"gid": o["gid"], "name": o["name"], "resource_type": "task",
                    "resource_subtype": o.get("subtype", "default_task")}
        if kind == "story":
            return {"gid": o["gid"], "resource_type": "story", "created_at": iso(o["created"]),
                    "created_by": self.compact(Ref("user", o["author"])) if o.get("author") else None,
                    "resource_subtype": o["subtype"], "text": o["text"], "type": o["type"]}
        if kind == "status_update":
            return {"gid": o["gid"], "resource_type": "status_update", "title": o["title"],
                    "resource_subtype": "project_status_update"}
        if kind == "custom_field":
            return {"gid": o["gid"], "resource_type": "custom_field", "name": o["name"],
                    "resource_subtype": o["type"], "type": o["type"]}
        if kind in ("enum_option", "custom_field_setting", "webhook"):
            return plain(self, self.full(ref))
        return {"gid": o["gid"], "resource_type": kind, "name": o["name"]}

    def full(self, ref: Ref) -> dict:
        """Every field opt_fields can ask for."""
        return getattr(self, "full_" + ref.kind)(self.obj(ref))

    def default(self, ref: Ref) -> dict:
        """The record a single-object response shows without opt_fields."""
        out = self.full(ref)
        hidden = HIDDEN_WRITTEN if self.written else HIDDEN_READ
        for key in hidden.get(ref.kind, ()):
            out.pop(key, None)
        return out

    # -- full records ----------------------------------------------------------------------
    def full_workspace(self, w: dict) -> dict:
        return {"gid": w["gid"], "resource_type": "workspace", "name": w["name"],
                "is_organization": w["is_organization"], "email_domains": list(w["email_domains"])}

    def full_user(self, u: dict) -> dict:
        return {"gid": u["gid"], "resource_type": "user", "name": u["name"], "email": u["email"], "photo": None,
                "workspaces": [Ref("workspace", w) for w in u["workspaces"]]}

    def full_team(self, t: dict) -> dict:
        return {"gid": t["gid"], "resource_type": "team", "name": t["name"], "description": t["description"],
                "html_description": f"<body>{t['description']}</body>",
                "organization": Ref("workspace", t["workspace"]),
                "permalink_url": f"https://app.asana.com/0/{t['gid']}/{t['gid']}", "visibility": "request_to_join"}

    def full_project(self, p: dict) -> dict:
        out = {"gid": p["gid"], "resource_type": "project", "name": p["name"], "archived": p["archived"],
               "color": p["color"] if self.written or p["color"] else "none",
               "completed": p["completed"], "completed_at": iso(p["completed_at"]) if p["completed_at"] else None,
               "completed_by": Ref("user", p["completed_by"]) if p["completed_by"] else None,
               "created_at": iso(p["created"]), "modified_at": iso(p["modified"]),
               "current_status": None,
               "current_status_update": Ref("status_update", p["status_update"]) if p.get("status_update") else None,
               "default_access_level": "editor", "default_view": p["default_view"],
               "due_on": p["due_on"], "due_date": p["due_on"], "start_on": p["start_on"],
               "followers": [Ref("user", u) for u in p["followers"]],
               "members": [Ref("user", u) for u in p["members"]],
               "minimum_access_level_for_customization": "editor", "minimum_access_level_for_sharing": "editor",
               "notes": p["notes"], "owner": Ref("user", p["owner"]) if p["owner"] else None,
               "permalink_url": f"https://app.asana.com/1/{p['workspace']}/project/{p['gid']}",
               "privacy_setting": p["privacy_setting"], "public": p["privacy_setting"] == "public_to_workspace",
               "team": Ref("team", p["team"]) if p["team"] else None, "workspace": Ref("workspace", p["workspace"])}
        out["icon"] = p.get("icon", "list")
        out["custom_fields"] = []
        out["custom_field_settings"] = [Ref("custom_field_setting", s) for s in p["settings"]]
        out["html_notes"] = p.get("html_notes") or f"<body>{_escape(p['notes'])}</body>"
        return out

    def full_section(self, s: dict) -> dict:
        return {"gid": s["gid"], "resource_type": "section", "name": s["name"], "created_at": iso(s["created"]),
                "project": Ref("project", s["project"]), "projects": [Ref("project", s["project"])]}

    def full_task(self, t: dict) -> dict:
        from .values import task_values

        store = self.store
        first = t["projects"][0] if t["projects"] else None
        ws = t["workspace"]
        out = {"gid": t["gid"], "resource_type": "task", "name": t["name"], "notes": t["notes"],
               "html_notes": t.get("html_notes") or f"<body>{_escape(t['notes'])}</body>",
               "created_at": iso(t["created"]), "modified_at": iso(t["modified"]),
               "actual_time_minutes": 0 if self.written else None,
               "assignee": Ref("user", t["assignee"]) if t["assignee"] else None,
               "assignee_status": "upcoming",
               "completed": t["completed"], "completed_at": iso(t["completed_at"]) if t["completed_at"] else None,
               "completed_by": Ref("user", t["completed_by"]) if t.get("completed_by") else None,
               "due_on": t["due_on"], "due_at": t["due_at"], "start_on": t["start_on"], "start_at": None,
               "resource_subtype": t.get("subtype", "default_task"),
               "num_hearts": 0, "num_likes": 0, "hearted": False, "liked": False, "hearts": [], "likes": [],
               "tags": [], "workspace": Ref("workspace", ws),
               "parent": Ref("task", t["parent"]) if t["parent"] else None,
               "permalink_url": (f"https://app.asana.com/1/{ws}/project/{first}/task/{t['gid']}" if first
                                 else f"https://app.asana.com/1/{ws}/task/{t['gid']}"),
               "projects": [Ref("project", p) for p in t["projects"]],
               "memberships": [{"project": Ref("project", p), "section": Ref("section", t["sections"][p])}
                               for p in t["projects"] if t["sections"].get(p)],
               "followers": [Ref("user", u) for u in t["followers"]],
               "num_subtasks": sum(1 for s in t["subtasks"] if not store.tasks[s].get("deleted")),
               "created_by": Ref("user", t["created_by"]) if t.get("created_by") else None}
        if not store.workspaces[ws]["free"]:
            out["custom_fields"] = task_values(store, t)
        return out

    def full_custom_field(self, f: dict) -> dict:
        from .custom_fields import definition

        return definition(self.store, f)

    def full_enum_option(self, o: dict) -> dict:
        return {"gid": o["gid"], "resource_type": "enum_option", "name": o["name"], "enabled": o["enabled"],
                "color": o["color"]}

    def full_custom_field_setting(self, s: dict) -> dict:
        return {"gid": s["gid"], "resource_type": "custom_field_setting", "is_important": s["is_important"],
                "project": Ref("project", s["project"]), "parent": Ref("project", s["project"]),
                "custom_field": self.full(Ref("custom_field", s["field"]))}

    def full_story(self, s: dict) -> dict:
        from .stories import render_story

        return render_story(self.store, s)

    def full_status_update(self, u: dict) -> dict:
        return {"gid": u["gid"], "resource_type": "status_update", "resource_subtype": "project_status_update",
                "title": u["title"], "text": u["text"], "html_text": u["html_text"], "status_type": u["status_type"],
                "author": Ref("user", u["author"]), "created_by": Ref("user", u["author"]),
                "created_at": iso(u["created"]), "modified_at": iso(u["created"]),
                "hearted": False, "hearts": [], "liked": False, "likes": [], "num_hearts": 0, "num_likes": 0,
                "reaction_summary": [], "parent": Ref("project", u["parent"])}

    def full_webhook(self, w: dict) -> dict:
        from .webhooks import render_webhook

        return render_webhook(self.store, w)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
