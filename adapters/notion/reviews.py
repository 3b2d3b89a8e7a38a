"""Reviews in Notion: one page per review in the `Program reviews` database, kept in a page only
the program's managers read (`[reviews] notion_parent`, else the Enrollments database's page).

The database is found without config: a `child_database` titled `Program reviews` among its page's
children (remembered between passes). A review page carries its kind, period and counts per status
as properties and the review as its content: the first blocks in the create call, the rest
appended in batches. Its marker goes into `Ref` last, so a page an interruption left half-written
has an empty `Ref`: it is not listed, and the next post of that kind and period trashes it first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from notion_client.helpers import iterate_paginated_api

from certsync.adapters import markers
from certsync.adapters.notion import review_blocks
from certsync.adapters.notion.errors import is_gone
from certsync.adapters.tracker import Comment, ReviewPost, SchemaReport, TrackerError

if TYPE_CHECKING:
    from certsync.adapters.notion.tracker import NotionTracker

DATABASE = "Program reviews"
KINDS = {"weekly": "Weekly", "biweekly": "Biweekly", "monthly": "Monthly", "quarterly": "Quarterly"}
KIND_COLORS = {"Weekly": "blue", "Biweekly": "purple", "Monthly": "green", "Quarterly": "orange"}
COUNTS = ("On track", "Slightly behind", "At risk", "Completed", "Not in yet")


def schema() -> dict[str, Any]:
    """The `Program reviews` data source's properties."""
    return {"Name": {"title": {}},
            "Kind": {"select": {"options": [{"name": k, "color": KIND_COLORS[k]} for k in KINDS.values()]}},
            "Period": {"rich_text": {}},
            **{name: {"number": {"format": "number"}} for name in COUNTS},
            "Ref": {"rich_text": {}}}


def _plain(rich: list[dict[str, Any]] | None) -> str:
    return "".join(part.get("plain_text", "") for part in rich or [])


def ref_of(page: dict[str, Any]) -> str:
    return _plain((page.get("properties", {}).get("Ref") or {}).get("rich_text"))


class NotionReviews:
    """The `Program reviews` database of one Notion tracker."""

    def __init__(self, tracker: NotionTracker, parent: str | None) -> None:
        self.tracker = tracker
        self.client = tracker.client
        self.api = tracker.api
        self.parent_setting = parent
        self.source: str | None = None  # the database's data source id, once found
        self.checked = False  # whether `source` was seen to exist by this tracker (not only remembered)

    # --- where the database is ------------------------------------------------------------------

    def parent(self) -> str:
        """The page that holds the database: `[reviews] notion_parent`, else the Enrollments'."""
        if self.parent_setting:
            from certsync.config.values import notion_id

            return notion_id(self.parent_setting)
        holder = self.tracker.schema("enrollments").get("database_parent") or {}
        if holder.get("type") != "page_id":
            raise TrackerError("the Enrollments database is not in a page: set [reviews] notion_parent to the page "
                               f"(shared with the program's managers only) that should hold '{DATABASE}'")
        return holder["page_id"]

    def find(self) -> str | None:
        """The data source of the `Program reviews` database under its page, or None. One
        remembered from an earlier pass is looked at once: a manager may have deleted it."""
        if self.source is not None and not self.checked:
            try:
                there = self.client.read(self.api.data_sources.retrieve, data_source_id=self.source)
                gone = bool(there.get("in_trash") or there.get("archived"))
            except Exception as error:
                if not is_gone(error):
                    raise
                gone = True
            if gone:
                self.source = None
        self.checked = True
        if self.source is None:
            parent = self.parent()
            for block in iterate_paginated_api(lambda **kw: self.client.read(self.api.blocks.children.list, **kw),
                                               block_id=parent, page_size=100):
                if block.get("type") == "child_database" and block["child_database"].get("title") == DATABASE:
                    database = self.client.read(self.api.databases.retrieve, database_id=block["id"])
                    self.source = (database.get("data_sources") or [{}])[0].get("id")
                    break
        return self.source

    def required(self) -> str:
        source = self.find()
        if source is None:
            raise TrackerError(f"Notion has no '{DATABASE}' database under page {self.parent()} yet "
                               "(run `certsync provision`)")
        return source

    def provision(self, report: SchemaReport, dry_run: bool) -> None:
        """Create the database when missing; add the properties it lacks when not."""
        source = self.find()
        if source is not None:
            have = self.client.read(self.api.data_sources.retrieve, data_source_id=source).get("properties", {})
            missing = {name: prop for name, prop in schema().items() if name not in have and name != "Name"}
            if missing:
                report.changes.append(f"{DATABASE}: add {', '.join(repr(name) for name in missing)}")
                if not dry_run:
                    self.client.write(self.api.data_sources.update, data_source_id=source, properties=missing)
            return
        parent = self.parent()
        report.changes.append(f"create the '{DATABASE}' database under page {parent} (keep that page shared "
                              "with the program's managers only)")
        if dry_run:
            return
        made = self.client.write_once(
            lambda: self.api.databases.create(parent={"type": "page_id", "page_id": parent},
                                              title=review_blocks.rich_text(DATABASE),
                                              initial_data_source={"properties": schema()}),
            lambda: self.find() is not None, f"the {DATABASE} database")
        if made is not None:
            self.source = made["data_sources"][0]["id"]

    # --- the pages --------------------------------------------------------------------------------

    def _pages(self, source: str, where: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        body: dict[str, Any] = {"data_source_id": source, "page_size": 100, **({"filter": where} if where else {})}
        return iterate_paginated_api(lambda **kw: self.client.read(self.api.data_sources.query, **kw), **body)

    def _mine(self, page: dict[str, Any]) -> bool:
        return (page.get("created_by") or {}).get("id") == self.tracker._me()

    def posted(self) -> list[Comment]:
        """certsync's own complete reviews: pages it created whose `Ref` holds a marker."""
        source = self.find()
        if source is None:
            return []
        found = []
        for page in self._pages(source, {"property": "Ref", "rich_text": {"is_not_empty": True}}):
            parsed = markers.parse(ref_of(page)) if self._mine(page) else None
            if parsed is not None:
                created = page.get("created_time")
                found.append(Comment(id=page["id"], kind="review", marker=parsed[1],
                                     created=datetime.fromisoformat(created.replace("Z", "+00:00")) if created else None))
        return found

    def _same_period(self, source: str, post: ReviewPost) -> list[dict[str, Any]]:
        where = {"and": [{"property": "Kind", "select": {"equals": KINDS.get(post.kind, post.kind.title())}},
                         {"property": "Period", "rich_text": {"equals": post.period}}]}
        return [page for page in self._pages(source, where) if self._mine(page)]

    def _half(self, source: str, post: ReviewPost) -> dict[str, Any] | None:
        return next((page for page in self._same_period(source, post) if not ref_of(page)), None)

    def _properties(self, post: ReviewPost) -> dict[str, Any]:
        return {"Name": {"title": review_blocks.rich_text(post.title)[:100]},
                "Kind": {"select": {"name": KINDS.get(post.kind, post.kind.title())}},
                "Period": {"rich_text": review_blocks.rich_text(post.period)},
                **{name: {"number": post.counts.get(name)} for name in COUNTS}}

    def _trash(self, page_id: str) -> None:
        try:
            self.client.write_once(lambda: self.api.pages.update(page_id=page_id, in_trash=True),
                                   lambda: bool(self.client.read(self.api.pages.retrieve, page_id=page_id)["in_trash"]),
                                   f"trashing the half-written review {page_id}")
        except Exception as error:
            if not is_gone(error):
                raise

    def begin(self, post: ReviewPost, same: list[dict[str, Any]] | None = None) -> tuple[str, int, list[list[dict[str, Any]]]]:
        """Trash what an interrupted post of this kind and period left, then create the page with
        its first blocks; returns its id, how many blocks it holds and the batches still to append. (Alone, it is what an
        interruption after the create call leaves.)"""
        source = self.required()
        for page in self._same_period(source, post) if same is None else same:
            if not ref_of(page):
                self._trash(page["id"])
        first, *rest = review_blocks.batches(review_blocks.blocks(post.document)) or [[]]
        made = self.client.write_once(
            lambda: self.api.pages.create(parent={"type": "data_source_id", "data_source_id": source},
                                          properties=self._properties(post), children=first),
            lambda: self._half(source, post) is not None, f"the review page of {post.period}")
        page_id = made["id"] if made is not None else self._half(source, post)["id"]
        return page_id, len(first), rest

    def _count(self, page_id: str) -> int:
        return sum(1 for _ in iterate_paginated_api(
            lambda **kw: self.client.read(self.api.blocks.children.list, **kw), block_id=page_id, page_size=100))

    def post(self, post: ReviewPost) -> str:
        """Post a review once: a complete one of the same marker is returned as it is."""
        same = self._same_period(self.required(), post)
        done = next((p for p in same if markers.parse(ref_of(p)) is not None
                     and markers.parse(ref_of(p))[1] == post.marker), None)
        if done is not None:
            return done["id"]
        page_id, sent, rest = self.begin(post, same)
        for batch in rest:
            sent += len(batch)
            self.client.write_once(lambda batch=batch: self.api.blocks.children.append(block_id=page_id, children=batch),
                                   lambda sent=sent: self._count(page_id) >= sent, f"the review content of {post.period}")
        ref = {"Ref": {"rich_text": review_blocks.rich_text(post.marker)}}
        self.client.write_once(lambda: self.api.pages.update(page_id=page_id, properties=ref),
                               lambda: ref_of(self.client.read(self.api.pages.retrieve, page_id=page_id)) == post.marker,
                               f"the marker of the review {page_id}")
        return page_id
