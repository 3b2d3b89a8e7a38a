"""Notion's control routes under /_sandbox (no token): users, pages, blocks, comments and
properties made in the app, capabilities, rate limit; and the `Sandbox` methods behind them."""

from __future__ import annotations

from .common import parse_id, text_item
from .errors import validation

ENDPOINTS = ["PUT /_sandbox/integration", "POST /_sandbox/users", "POST /_sandbox/pages", "POST /_sandbox/comments",
             "POST /_sandbox/properties", "POST /_sandbox/blocks", "POST /_sandbox/rows", "GET|PUT /_sandbox/capabilities",
             "GET|PUT /_sandbox/rate_limit"]


def handle(sb, method: str, path: str, body: dict):
    """(status, obj) for one of Notion's control routes (path relative to /_sandbox), else None."""
    route = (method, path)
    if route == ("PUT", "/integration"):
        return 200, sb.name_integration(body.get("name"), body.get("workspace_name"))
    if route == ("POST", "/users"):
        name, email = body.get("name"), body.get("email")
        if not isinstance(name, str) or not name or not isinstance(email, str) or "@" not in email:
            return 400, {"error": 'give {"name": "...", "email": "...@..."}'}
        return 200, sb.add_user(name, email)
    if route == ("POST", "/pages"):
        title = body.get("title", "Untitled")
        if not isinstance(title, str):
            return 400, {"error": "title should be a string"}
        return 200, sb.add_root_page(title)
    if route == ("POST", "/properties"):
        return 200, sb.add_app_property(body.get("data_source_id"), body.get("name"), body.get("type"))
    if route == ("POST", "/comments"):
        return 200, sb.add_comment_as(body.get("page_id"), body.get("user_id"), body.get("text"),
                                      body.get("block_id"))
    if route == ("POST", "/blocks"):
        return 200, sb.add_block(body.get("page_id"), body.get("type", "paragraph"), body.get("text", ""))
    if route == ("POST", "/rows"):
        return 200, sb.add_page_as(body.get("data_source_id"), body.get("user_id"), body.get("properties"))
    if route == ("GET", "/capabilities"):
        return 200, dict(sb.capabilities)
    if route == ("PUT", "/capabilities"):
        return 200, sb.set_capabilities(**body)
    if route == ("GET", "/rate_limit"):
        return 200, {"rate": sb.limiter.rate, "burst": sb.limiter.burst}
    if route == ("PUT", "/rate_limit"):
        sb.set_rate_limit(body.get("rate", sb.limiter.rate), body.get("burst", sb.limiter.burst))
        return 200, {"rate": sb.limiter.rate, "burst": sb.limiter.burst}
    return None


class NotionControls:
    """The Notion half of `Sandbox`: what tests and the demo do to the Notion workspace directly.
    Expects `self.notion`, a `NotionApi`."""

    @property
    def notion_url(self) -> str:
        return self.url + self.notion.prefix

    @property
    def store(self):
        return self.notion.store

    @property
    def limiter(self):
        return self.notion.limiter

    @property
    def capabilities(self) -> dict:
        return self.notion.capabilities

    @property
    def root_page_id(self) -> str:
        from .store import ROOT_PAGE_ID

        return ROOT_PAGE_ID

    @property
    def bot_user_id(self) -> str:
        from .store import BOT_ID

        return BOT_ID

    def set_capabilities(self, **flags: bool) -> dict:
        from .routes import CAPABILITIES

        unknown = sorted(set(flags) - set(CAPABILITIES))
        if unknown:
            raise ValueError(f"unknown capabilities {unknown}; expected some of {list(CAPABILITIES)}")
        for name, value in flags.items():
            if not isinstance(value, bool):
                raise ValueError(f"capability {name} should be true or false, found {value!r}")
        self.capabilities.update(flags)
        return dict(self.capabilities)

    def set_rate_limit(self, rate: float, burst: int = 10) -> None:
        """Notion's token bucket: `rate` requests/second on average, bursts of `burst`."""
        self.limiter.configure(rate, burst)

    def name_integration(self, name=None, workspace_name=None) -> dict:
        """Name the integration (the bot) and its workspace, as their owner does in Notion's
        settings: the bot user shows them, and "…shared with your integration "NAME"" errors
        name it. Returns the bot user."""
        for what, v in (("name", name), ("workspace_name", workspace_name)):
            if v is not None and (not isinstance(v, str) or not v.strip()):
                raise ValueError(f'give {{"name": "...", "workspace_name": "..."}}: {what} should be a non-empty string')
        from .store import BOT_ID

        with self.store.lock:
            bot = self.store.users[BOT_ID]
            if name is not None:
                bot["name"] = name
            if workspace_name is not None:
                bot["bot"]["workspace_name"] = workspace_name
            self.store.bump()
            self.store.save()
            return dict(bot)

    def add_user(self, name: str, email: str) -> dict:
        with self.store.lock:
            return self.store.add_user(name, email)

    def add_root_page(self, title: str) -> dict:
        """A workspace-level page shared with the integration; returns the Notion page object."""
        from .pages import new_root_page
        from .render import render_page

        with self.store.lock:
            page = new_root_page(self.store, title)
            self.store.save()
            return render_page(self.store, page, "2025-09-03")

    def add_app_property(self, data_source_id, name, kind) -> dict:
        """A property only the Notion app can make (a button, a place) on a data source; returns
        the data source's property object. The API itself refuses to create these types."""
        from .data_sources import render_data_source
        from .schema import add_app_only

        dsid = parse_id(data_source_id)
        if dsid is None:
            raise ValueError('give {"data_source_id": ..., "name": ..., "type": "button" | "place"}')
        with self.store.lock:
            ds = self.store.get_data_source(dsid)
            pid = add_app_only(ds, name, kind)
            self.store.touch(ds)
            self.store.save()
            return render_data_source(self.store, ds, "2025-09-03")["properties"][name] | {"id": pid}

    def add_block(self, page_id, kind, text) -> dict:
        """A content block (paragraph, heading, quote) at the end of a page, as made in the app."""
        from . import blocks

        pid = parse_id(page_id)
        if pid is None:
            raise ValueError('give {"page_id": ..., "type": "paragraph", "text": ...}')
        with self.store.lock:
            block = blocks.add(self.store, pid, kind, text)
            self.store.save()
            return blocks.render(self.store, block, "2025-09-03")

    def add_page_as(self, data_source_id, user_id, properties) -> dict:
        """A row (a page) of a data source written by a person in the app, not by the integration:
        `properties` as the API takes them. Returns the Notion page object."""
        import json
        from types import SimpleNamespace

        from . import pages
        from .render import render_page

        dsid, uid = parse_id(data_source_id), parse_id(user_id)
        if dsid is None or uid is None or not isinstance(properties, dict):
            raise ValueError('give {"data_source_id": ..., "user_id": ..., "properties": {...}}')
        with self.store.lock:
            if uid not in self.store.users:
                raise validation(f"no user with id {uid}")
            body = {"parent": {"data_source_id": dsid}, "properties": properties}
            made = json.loads(pages.create(SimpleNamespace(store=self.store, body=body, version="2025-09-03")))
            page = self.store.pages[made["id"]]
            page["created_by"] = page["edited_by"] = uid
            page["v"] += 1
            self.store.bump()
            self.store.save()
            return render_page(self.store, page, "2025-09-03")

    def add_comment_as(self, page_id, user_id, text, block_id=None) -> dict:
        """A comment written by a person (not the integration) on a page or on one of its content
        blocks, as made in the app: for tests of comment ownership and of block discussions."""
        from . import comments

        pid, uid, bid = parse_id(page_id), parse_id(user_id), parse_id(block_id) if block_id else None
        if (pid is None and bid is None) or uid is None or not isinstance(text, str):
            raise ValueError('give {"page_id" or "block_id": ..., "user_id": ..., "text": ...}')
        with self.store.lock:
            if bid is not None and bid not in self.store.blocks:
                raise self.store.missing("block", bid)
            if bid is None and pid not in self.store.pages:
                raise self.store.missing("page", pid)
            if uid not in self.store.users:
                raise validation(f"no user with id {uid}")
            c = comments.add(self.store, pid, [text_item(text)], author=uid, block_id=bid)
            self.store.save()
            return comments.render(self.store, c)
