"""The Asana sandbox's state: every object as a JSON-able dict in one collection per kind, the
tokens and who they belong to, and the event log. Guarded by one lock, held for a whole request."""

from __future__ import annotations

import threading
import time

from ..core.clock import now
from .errors import not_a_long, not_recognized

WORKSPACE_GID = "1200000000000001"
TEAM_GID = "1200000000000002"
ME_GID = "1200000000000010"  # the sandbox token's user: certsync runs as a dedicated member
ME_NAME = "certsync"
PEOPLE = (
    ("1200000000000011", "Ada Lovelace", "ada@example.com"),
    ("1200000000000012", "Grace Hopper", "grace@example.com"),
    ("1200000000000013", "Alan Turing", "alan@example.com"),
)
FIRST_GID = 1200000000001000
COLLECTIONS = ("workspaces", "users", "teams", "projects", "sections", "tasks", "fields", "options",
               "settings", "stories", "statuses", "webhooks", "syncs", "tokens")

# the resource_type of each collection's objects, as named in "Not a recognized ID" messages
KINDS = {"workspaces": "workspace", "users": "user", "teams": "team", "projects": "project",
         "sections": "section", "tasks": "task", "fields": "custom_field", "options": "enum_option",
         "settings": "custom_field_setting", "stories": "story", "statuses": "status_update",
         "webhooks": "webhook"}


def iso(ts: float) -> str:
    """Asana's timestamps: UTC with milliseconds and `Z`."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"


class AsanaStore:
    def __init__(self, token: str, save=None):
        self.lock = threading.RLock()
        self.token = token
        self._save = save
        self.wipe()

    # -- lifecycle -------------------------------------------------------------------------
    def wipe(self) -> None:
        """One organization with a team, the token's user and three people."""
        for name in COLLECTIONS:
            setattr(self, name, {})
        self.events: list[dict] = []
        self.outbox: list = []  # webhook deliveries of the current request (see webhooks.py)
        self.generation = getattr(self, "generation", 0) + 1  # what lists rendered from may still show
        self.next_gid = FIRST_GID
        t = now()
        self.workspaces[WORKSPACE_GID] = {"gid": WORKSPACE_GID, "name": "certsync sandbox", "is_organization": True,
                                          "email_domains": ["example.com"], "free": False}
        self.teams[TEAM_GID] = {"gid": TEAM_GID, "name": "Engineering", "workspace": WORKSPACE_GID,
                                "description": "", "created": t}
        self.add_user(ME_NAME, "certsync@example.com", gid=ME_GID, token=self.token)
        for gid, name, email in PEOPLE:
            self.add_user(name, email, gid=gid)

    def dump(self) -> dict:
        data = {name: getattr(self, name) for name in COLLECTIONS}
        data["events"] = self.events
        data["next_gid"] = self.next_gid
        return data

    def load(self, data: dict) -> None:
        if any(not isinstance(data.get(name), dict) for name in COLLECTIONS):
            raise ValueError(f"expected an object with {', '.join(COLLECTIONS)}")
        for name in COLLECTIONS:
            setattr(self, name, data[name])
        self.events = list(data.get("events") or [])
        self.outbox = []
        self.generation = getattr(self, "generation", 0) + 1
        self.next_gid = int(data.get("next_gid", FIRST_GID))
        # the sandbox's token is the one it was started with, not the one the file was written with
        self.tokens = {t: u for t, u in self.tokens.items() if u != ME_GID}
        self.tokens[self.token] = ME_GID

    def save(self) -> None:
        self.generation += 1
        if self._save is not None:
            self._save()

    # -- helpers ---------------------------------------------------------------------------
    def new_gid(self) -> str:
        self.next_gid += 1
        return str(self.next_gid)

    def get(self, collection: str, raw, kind: str | None = None) -> dict:
        """The object with this gid, or Asana's 400 (not a number) / 404 (not there)."""
        kind = kind or KINDS[collection]
        gid = parse_gid(raw, kind)
        obj = getattr(self, collection).get(gid)
        if obj is None or obj.get("deleted"):
            raise not_recognized(kind, gid)
        return obj

    def user_ref(self, raw, kind: str = "user") -> dict:
        """A user named by gid, "me" or e-mail, as clients may."""
        if raw == "me":
            return self.users[self.me]
        if isinstance(raw, str) and "@" in raw:
            for user in self.users.values():
                if user["email"].lower() == raw.lower():
                    return user
            raise not_recognized(kind, raw)
        return self.get("users", raw, kind)

    def add_user(self, name: str, email: str, gid: str | None = None, token: str | None = None,
                 workspace: str = WORKSPACE_GID) -> dict:
        gid = gid or self.new_gid()
        self.users[gid] = {"gid": gid, "name": name, "email": email, "workspaces": [workspace]}
        if token:
            self.tokens[token] = gid
        return self.users[gid]

    me = ME_GID  # replaced per request by the caller's user (see api.py)


def parse_gid(raw, kind: str) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str) or not raw.isdigit():
        raise not_a_long(kind, raw)
    return raw
