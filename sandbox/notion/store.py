"""The sandbox's state: users, pages, databases, data sources, comments; saved as JSON if asked."""

from __future__ import annotations

import threading

from .common import new_id, now, text_item
from .errors import not_found

BOT_ID = "5ca1ab1e-0000-4000-8000-000000000b07"
WORKSPACE_ID = "5ca1ab1e-0000-4000-8000-00000000c0de"
ROOT_PAGE_ID = "5ca1ab1e-0000-4000-8000-0000000000f1"
BOT_NAME = "certsync sandbox"
PEOPLE = (
    ("5ca1ab1e-0000-4000-8000-000000000a01", "Ada Lovelace", "ada@example.com"),
    ("5ca1ab1e-0000-4000-8000-000000000a02", "Grace Hopper", "grace@example.com"),
    ("5ca1ab1e-0000-4000-8000-000000000a03", "Alan Turing", "alan@example.com"),
)
COLLECTIONS = ("users", "pages", "databases", "data_sources", "comments")
OPTIONAL = ("blocks",)  # added later: a data file without them is still read


class Store:
    """All objects, guarded by one lock. Handlers hold `store.lock` for the whole request.
    `save` persists the state (the sandbox's data file, if any) and is called after each change."""

    def __init__(self, save=None):
        self.lock = threading.RLock()
        self.render_cache: dict[str, tuple] = {}
        self.write_seq = 0
        self._save = save
        self.wipe()

    # -- lifecycle -------------------------------------------------------------------------
    def wipe(self) -> None:
        """Back to the initial workspace: the bot, a few people and one root page."""
        self.users = {BOT_ID: {"object": "user", "id": BOT_ID, "name": BOT_NAME, "avatar_url": None, "type": "bot",
                               "bot": {"owner": {"type": "workspace", "workspace": True},
                                       "workspace_name": "certsync sandbox", "workspace_id": WORKSPACE_ID,
                                       "workspace_limits": {"max_file_upload_size_in_bytes": 5242880}}}}
        for uid, name, email in PEOPLE:
            self.users[uid] = _person(uid, name, email)
        self.pages, self.databases, self.data_sources, self.comments, self.blocks = {}, {}, {}, {}, {}
        self.seq = 0
        self.ds_pages: dict[str, list[str]] = {}
        self.ds_pos: dict[str, int] = {}
        t = now()
        self.pages[ROOT_PAGE_ID] = {
            "id": ROOT_PAGE_ID, "parent": {"type": "workspace", "workspace": True}, "created": t, "edited": t,
            "created_by": BOT_ID, "edited_by": BOT_ID, "in_trash": False, "icon": None, "cover": None,
            "props": {"title": [text_item("certsync sandbox")]}, "seq": 0, "v": 0,
        }
        self.render_cache.clear()
        self.bump()

    def load(self, data: dict) -> None:
        """Take the state from a data file's Notion section; ValueError if it is not one."""
        if not isinstance(data, dict) or any(not isinstance(data.get(n), dict) for n in COLLECTIONS):
            raise ValueError(f"expected an object with {', '.join(COLLECTIONS)}")
        for name in COLLECTIONS:
            setattr(self, name, data[name])
        for name in OPTIONAL:
            setattr(self, name, data.get(name) if isinstance(data.get(name), dict) else {})
        self.seq = data.get("seq", 0)
        self.ds_pages = {ds_id: [] for ds_id in self.data_sources}
        self.ds_pos = {}
        for page in sorted(self.pages.values(), key=lambda p: p["seq"]):
            if page["parent"]["type"] == "data_source_id":
                self.file_in_data_source(page["parent"]["data_source_id"], page["id"])
        self.render_cache.clear()
        self.bump()

    def dump(self) -> dict:
        data = {name: getattr(self, name) for name in COLLECTIONS + OPTIONAL}
        data["seq"] = self.seq
        return data

    def save(self) -> None:
        """Persist the state, when the sandbox keeps a data file."""
        if self._save is not None:
            self._save()

    # -- helpers ---------------------------------------------------------------------------
    def bump(self) -> None:
        self.write_seq += 1

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def file_in_data_source(self, ds_id: str, page_id: str) -> None:
        """Add a page at the end of its data source's rows (rows are never removed, only trashed)."""
        rows = self.ds_pages.setdefault(ds_id, [])
        self.ds_pos[page_id] = len(rows)
        rows.append(page_id)

    def row_position(self, ds_id: str, page_id: str) -> int | None:
        """Where a page sits in its data source's rows, in constant time; None if not there."""
        pos = self.ds_pos.get(page_id)
        rows = self.ds_pages.get(ds_id, ())
        return pos if pos is not None and pos < len(rows) and rows[pos] == page_id else None

    def touch(self, obj: dict, quiet: bool = False) -> None:
        """Mark an object edited by the integration now."""
        obj["edited"] = now()
        obj["edited_by"] = BOT_ID
        obj["v"] = obj.get("v", 0) + 1
        self.bump()

    def missing(self, kind: str, object_id: str):
        return not_found(kind, object_id, self.users.get(BOT_ID, {}).get("name", BOT_NAME), BOT_ID)

    def get_page(self, pid: str) -> dict:
        page = self.pages.get(pid)
        if page is None:
            raise self.missing("page", pid)
        return page

    def get_data_source(self, dsid: str) -> dict:
        ds = self.data_sources.get(dsid)
        if ds is None:
            raise self.missing("data_source", dsid)
        return ds

    def get_database(self, dbid: str) -> dict:
        db = self.databases.get(dbid)
        if db is None:
            raise self.missing("database", dbid)
        return db

    def add_user(self, name: str, email: str) -> dict:
        uid = new_id()
        self.users[uid] = _person(uid, name, email)
        self.bump()
        self.save()
        return dict(self.users[uid])

    def mention_user(self, uid: str) -> dict:
        from .errors import validation

        u = self.users.get(uid)
        if u is None:
            raise validation(f"Could not find user with ID: {uid}.")
        if u["type"] == "bot":
            return {"object": "user", "id": uid, "name": u["name"], "avatar_url": None, "type": "bot", "bot": {}}
        return {"object": "user", "id": uid, "name": u["name"], "avatar_url": u.get("avatar_url"),
                "type": "person", "person": {"email": u["person"]["email"]}}

    def mention_page(self, pid: str) -> str:
        from .render import page_title

        page = self.pages.get(pid)
        return page_title(self, page) if page else "Untitled"


def _person(uid: str, name: str, email: str) -> dict:
    return {"object": "user", "id": uid, "name": name, "avatar_url": None, "type": "person",
            "person": {"email": email, "email_verified": True}}  # the users endpoints say whether it is verified
