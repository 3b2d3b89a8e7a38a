"""certsync's Notion tracker: the tracker contract (adapters/tracker.py) over two data sources.

Everything goes through the official `notion-client` (see client.py), pointed at `base_url` when
one is set (the sandbox).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from typing import Any

from notion_client.helpers import iterate_paginated_api

from certsync.adapters import markers
from certsync.adapters.notion import schema as notion_schema
from certsync.adapters.notion import write as notion_write
from certsync.adapters.notion.client import NotionClient
from certsync.adapters.notion.errors import describe, is_gone, tracker_error
from certsync.adapters.notion.read import (
    REQUIRED_CHECK_IN_FIELDS,
    REQUIRED_ENROLLMENT_FIELDS,
    check_in_from_page,
    enrollment_from_page,
    missing_fields,
    number_formats,
    plan_row_from_page,
    session_from_page,
    title_of,
)
from certsync.adapters.notion.reviews import NotionReviews
from certsync.adapters.notion.sources import Sources
from certsync.adapters.records import CORE_OWNED, SUMMARY_OWNED, Owned, Snapshot, same_owned
from certsync.adapters.tracker import (
    Comment, Progress, ReviewPost, SchemaReport, TeamUpdate, TrackerError, in_tool_words,
)
from certsync.config.values import did_you_mean
from certsync.rules.model import Person, Session, StudyPlanRow


class NotionTracker:
    kind = "notion"

    def __init__(self, settings: Any, token: str, *, overlap_minutes: int = 2, attempts: int = 6,
                 timeout_seconds: float = 20.0, reviews_parent: str | None = None) -> None:
        self.settings = settings
        self.fields = settings.fields
        self.check_in_fields = settings.check_in_fields
        self.overlap = timedelta(minutes=overlap_minutes)
        self.client = NotionClient(token, settings.base_url, settings.requests_per_second,
                                   attempts=attempts, timeout_seconds=timeout_seconds)
        self.api = self.client.api
        self.sources = Sources(self.client, settings)
        # Owned properties' types as found on pages (a user may have made Status a `status`), and
        # the number formats of the Enrollments data source (a percent holds a fraction).
        self.owned_types: dict[str, str] = {}
        self.formats: dict[str, str] = {}
        self.check_in_formats: dict[str, str] = {}  # the same of the Check-ins data source
        self.bot_id: str | None = None  # the integration's own user: the author of its comments
        # The Program reviews database: under `[reviews] notion_parent`, else beside Enrollments.
        self.reviews = NotionReviews(self, reviews_parent)
        # The titles of the pages a `Cohort` relation links to (the cohorts' names), read once a
        # full read: a handful of pages, whoever links to them.
        self.cohort_names: dict[str, str | None] = {}

    @property
    def requests(self) -> int:
        return self.client.requests

    @property
    def reference(self) -> str:
        """The tracker as the config names it (no request needed)."""
        return f"notion:{self.settings.base_url}:{self.settings.enrollments}"

    @property
    def key(self) -> str:
        with in_tool_words(self._error):
            return f"notion:{self.settings.base_url}:{self._resolve('enrollments')}"

    @property
    def owned_fields(self) -> tuple[str, ...]:
        """The core owned fields, and the summary fields the Enrollments data source has."""
        return CORE_OWNED + tuple(name for name in SUMMARY_OWNED if name in self.owned_types)

    def _resolve(self, setting: str) -> str:
        return self.sources.resolve(setting)

    def _error(self, error: BaseException, where: str = "") -> TrackerError:
        return tracker_error(error, self.settings.token_env, where, base_url=str(self.settings.base_url))

    def close(self) -> None:
        self.client.close()

    # --- remembered between passes --------------------------------------------------------------

    def remember(self) -> dict[str, Any]:
        return {"sources": dict(self.sources.ids), "owned_types": dict(self.owned_types), "bot_id": self.bot_id,
                "formats": dict(self.formats), "check_in_formats": dict(self.check_in_formats),
                "reviews": {"parent": self.reviews.parent_setting, "source": self.reviews.source}}

    def restore(self, remembered: dict[str, Any]) -> None:
        self.sources.ids.update(remembered.get("sources") or {})
        self.owned_types.update(remembered.get("owned_types") or {})
        self.bot_id = remembered.get("bot_id") or self.bot_id
        self.formats.update(remembered.get("formats") or {})
        self.check_in_formats.update(remembered.get("check_in_formats") or {})
        reviews = remembered.get("reviews") or {}
        if reviews.get("source") and reviews.get("parent") == self.reviews.parent_setting:
            self.reviews.source = reviews["source"]

    # --- reading ------------------------------------------------------------------------------------

    def _mapping(self) -> str:
        """The field mapping the records were read through: another one reads everything anew."""
        return self.settings.model_dump_json(include={"enrollments", "check_ins", "fields", "check_in_fields"})

    def _since(self, cursor: str | None) -> datetime | None:
        """Where an incremental read starts. Notion rounds edit times down to the minute: from
        the minute the last read began, less the overlap."""
        if not cursor:
            return None
        try:
            saved = json.loads(cursor)
            if saved.get("mapping") != self._mapping():
                return None
            at = datetime.fromisoformat(saved["at"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return at.replace(second=0, microsecond=0) - self.overlap

    def _pages(self, setting: str, since: datetime | None) -> Iterator[dict[str, Any]]:
        body: dict[str, Any] = {"page_size": 100}
        if since is not None:
            body["filter"] = {"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since.isoformat()}}
        query = self.api.data_sources.query
        return iterate_paginated_api(lambda **kw: self.sources.call(setting, query, **kw), **body)

    def read(self, cursor: str | None = None, zone: tzinfo | None = None,
             progress: Progress | None = None) -> Snapshot:
        """Every enrollment and check-in, or only those edited since the read that gave `cursor`.
        Dates with a time are taken in `zone`, the program's time zone."""
        with in_tool_words(self._error):
            return self._read(self._since(cursor), zone, progress)

    def _read(self, since: datetime | None, zone: tzinfo | None, progress: Progress | None) -> Snapshot:
        self.client.server_time = None
        if since is None:
            self.cohort_names = {}  # renamed cohorts are seen by the next full read
        enrollments = []
        read_at = None
        missing: list[str] = []  # fields the data sources lack: every one is named, then the read stops
        for page in self._pages("enrollments", since):
            if read_at is None:
                read_at = self.client.server_time  # Notion's clock as the read began
                missing += self._missing_properties("enrollments", page)
                if missing:
                    break
                if since is None or not self.formats:
                    self.formats = number_formats(self.schema("enrollments"))
            self._learn_owned_types(page)
            enrollments.append(enrollment_from_page(page, self.fields, zone, formats=self.formats,
                                                    cohorts=self._cohort_name))
        read_at = read_at or self.client.server_time
        check_ins = []
        for page in self._pages("check_ins", since):
            if not check_ins:
                missing += self._missing_properties("check_ins", page)
                if missing:
                    break
                # A score is read with its property's number format (a percent holds a fraction).
                if since is None or not self.check_in_formats:  # looked at again on every full read
                    self.check_in_formats = number_formats(self.schema("check_ins"))
            check_ins.append(check_in_from_page(page, self.check_in_fields, zone, formats=self.check_in_formats))
            if progress and len(check_ins) % 100 == 0:
                progress(len(enrollments) + len(check_ins))
        if missing:
            raise TrackerError("\n".join([*missing, "Nothing was written."]))
        if progress:
            progress(len(enrollments) + len(check_ins))
        at = read_at or self.client.server_time or datetime.now().astimezone()
        return Snapshot(enrollments=tuple(enrollments), check_ins=tuple(check_ins), complete=since is None,
                        cursor=json.dumps({"at": at.isoformat(), "mapping": self._mapping()}))

    def _missing_properties(self, setting: str, page: dict[str, Any]) -> list[str]:
        """Why no one can be judged: a field certsync needs, or one named in the config, is not a
        property of the data source (judged on a missing field, everyone looks behind)."""
        props = page.get("properties", {})
        if setting == "enrollments":
            where, section, fields = "Enrollments", "notion.fields", self.fields
            missing = missing_fields(props, fields, REQUIRED_ENROLLMENT_FIELDS)
            owned = [name for key in CORE_OWNED if (name := getattr(fields, key)) not in props]
        else:
            where, section, fields, owned = "Check-ins", "notion.check_in_fields", self.check_in_fields, []
            missing = missing_fields(props, fields, REQUIRED_CHECK_IN_FIELDS)
        lines = [f"[{section}] {key} = '{name}': the {where} data source has no property of this name"
                 + (f" ({hint})" if (hint := did_you_mean(name, sorted(props))) else "")
                 for key, name in missing]
        if owned:
            lines.append(f"the {where} data source lacks the properties certsync writes: "
                         f"{', '.join(repr(name) for name in owned)} (run `certsync provision`)")
        if lines:
            lines.append(f"the {where} data source's properties: {', '.join(sorted(props))}")
        return lines

    def _learn_owned_types(self, page: dict[str, Any]) -> None:
        props = page.get("properties", {})
        for name in notion_write.OWNED_TYPES:
            prop = props.get(getattr(self.fields, name))
            if prop is not None:
                self.owned_types[name] = prop.get("type", "")
            else:
                self.owned_types.pop(name, None)

    def _cohort_name(self, page_id: str) -> str | None:
        """The title of a page a `Cohort` relation links to: the cohort's name (None when the
        page is not shared with the integration)."""
        from notion_client.errors import HTTPResponseError

        if page_id not in self.cohort_names:
            try:
                self.cohort_names[page_id] = title_of(self.client.read(self.api.pages.retrieve, page_id=page_id)) or None
            except HTTPResponseError as error:
                if error.status not in (403, 404):
                    raise
                self.cohort_names[page_id] = None
        return self.cohort_names[page_id]

    def sessions(self) -> list[Session]:
        """The sessions of `[notion] sessions`, when the program keeps them (read, never written):
        one paginated query; a session with more attendees than a page lists (25) has the rest
        of its relation read on its own. A page without a date is being written: left out."""
        if self.settings.sessions is None:
            return []
        fields = self.settings.sessions_fields
        with in_tool_words(self._error, "[notion] sessions: "):
            found = []
            for n, page in enumerate(self._pages("sessions", None)):
                if n == 0:
                    self._sessions_fields_there(page)
                self._whole_relation(page, fields.attendees)
                session = session_from_page(page, fields, cohorts=self._cohort_name)
                if session is not None:
                    found.append(session)
        return found

    def _sessions_fields_there(self, page: dict[str, Any]) -> None:
        """Stop before anyone is judged when a sessions field is not a property of the data
        source: judged on a misspelt `Attendees`, everyone would have missed every session."""
        props = page.get("properties", {})
        missing = missing_fields(props, self.settings.sessions_fields, ("date", "cohort", "attendees"))
        if missing:
            lines = [f"[notion.sessions_fields] {key} = '{name}': the Sessions data source has no property of this "
                     "name" + (f" ({hint})" if (hint := did_you_mean(name, sorted(props))) else "")
                     for key, name in missing]
            raise TrackerError("\n".join([*lines, f"the Sessions data source's properties: {', '.join(sorted(props))}. "
                                          "Nothing was written."]))

    def _whole_relation(self, page: dict[str, Any], name: str) -> None:
        prop = (page.get("properties") or {}).get(name)
        if not prop or prop.get("type") != "relation" or not prop.get("has_more"):
            return
        items = iterate_paginated_api(lambda **kw: self.client.read(self.api.pages.properties.retrieve, **kw),
                                      page_id=page["id"], property_id=prop["id"])
        prop["relation"] = [{"id": item["relation"]["id"]} for item in items if item.get("type") == "relation"]
        prop["has_more"] = False

    def study_plan(self) -> list[StudyPlanRow]:
        """The rows of `[notion] study_plan`, when the program keeps one (read, never written)."""
        if self.settings.study_plan is None:
            return []
        with in_tool_words(self._error, "[notion] study_plan: "):
            pages = self._pages("study_plan", None)
            rows = [plan_row_from_page(page, self.settings.study_plan_fields) for page in pages]
        return [row for row in rows if row is not None]

    # --- writing ------------------------------------------------------------------------------------

    def canonical(self, owned: Owned) -> Owned:
        """What the page will hold once `owned` is written: text cut to Notion's limits, option
        names without commas."""
        return owned.model_copy(update={
            "flags": tuple(notion_write.option_name(name) for name in owned.flags),
            "flag_details": notion_write.cut(owned.flag_details),
            "sync_problem": notion_write.cut(owned.sync_problem),
            "score_trend": notion_write.cut(owned.score_trend),
        })

    def write(self, record_id: str, changes: dict[str, Any]) -> None:
        """Set exactly these owned fields; the page is read back before a write is repeated."""
        formats = {name: self.formats[getattr(self.fields, name)] for name in changes
                   if getattr(self.fields, name) in self.formats}
        properties = notion_write.owned_properties(changes, self.fields, self.owned_types, formats)
        self.client.write_once(lambda: self.api.pages.update(page_id=record_id, properties=properties),
                               lambda: self._holds(record_id, changes), f"page write to {record_id}")

    def _holds(self, page_id: str, changes: dict[str, Any]) -> bool:
        page = self.client.read(self.api.pages.retrieve, page_id=page_id)
        current = enrollment_from_page(page, self.fields, formats=self.formats, cohorts=self._cohort_name).owned
        return same_owned(current, current.model_copy(update=changes), fields=changes)

    # --- comments -----------------------------------------------------------------------------------

    def _me(self) -> str:
        if self.bot_id is None:
            self.bot_id = self.client.read(self.api.users.me)["id"]
        return self.bot_id

    def comments(self, record_id: str) -> list[Comment]:
        """certsync's own comments on the page: by the integration, carrying a marker."""
        me = self._me()
        found = []
        for item in iterate_paginated_api(lambda **kw: self.client.read(self.api.comments.list, **kw),
                                          block_id=record_id, page_size=100):
            if (item.get("created_by") or {}).get("id") != me:
                continue
            text = "".join(part.get("plain_text", "") for part in item.get("rich_text", []))
            parsed = markers.parse(text)
            if parsed is not None:
                created = item.get("created_time")
                found.append(Comment(id=item["id"], kind=parsed[0], marker=parsed[1],
                                     created=datetime.fromisoformat(created.replace("Z", "+00:00")) if created else None))
        return found

    def post_comment(self, record_id: str, mention: Person | None, text: str, marker: str) -> str:
        """Post once; after a failure that may have been applied, look for it before posting again."""
        if mention is not None and mention.id and mention.id == self._me():
            mention = Person(name=mention.name)  # the integration itself: named, never mentioned
        body = notion_write.comment_body(mention, text, marker)
        posted = self.client.write_once(
            lambda: self.api.comments.create(parent={"page_id": record_id}, rich_text=body),
            lambda: any(c.marker == marker for c in self.comments(record_id)), f"comment on {record_id}")
        if posted is None:
            return next(c.id for c in self.comments(record_id) if c.marker == marker)
        return posted["id"]

    def remove_comment(self, record_id: str, comment_id: str) -> None:
        try:
            self.client.write(self.api.comments.delete, comment_id=comment_id)
        except Exception as error:
            if not is_gone(error):
                raise

    # --- reviews (adapters/notion/reviews.py) ------------------------------------------------------

    def posted_reviews(self) -> list[Comment]:
        """certsync's own complete reviews in the Program reviews database (Notion keeps no team updates)."""
        with in_tool_words(self._error, "reading the Program reviews: "):
            return self.reviews.posted()

    def post_review(self, post: ReviewPost) -> str:
        with in_tool_words(self._error, f"posting the {post.kind} review {post.period}: "):
            return self.reviews.post(post)

    def post_team_update(self, update: TeamUpdate) -> str | None:
        """Notion has no followers' status update: nothing is posted."""
        return None

    # --- errors, schema and access ------------------------------------------------------------------

    def describe(self, error: BaseException) -> str:
        return describe(error, self.settings.token_env, str(self.settings.base_url))

    def is_gone(self, error: BaseException) -> bool:
        return is_gone(error)

    def schema(self, setting: str) -> dict[str, Any]:
        return self.client.read(self.api.data_sources.retrieve, data_source_id=self._resolve(setting))

    def update_schema(self, setting: str, properties: dict[str, Any]) -> dict[str, Any]:
        return self.client.write(self.api.data_sources.update, data_source_id=self._resolve(setting),
                                 properties=properties)

    def check(self) -> list[str]:
        return notion_schema.check(self).problems

    def provision(self, dry_run: bool = False, yes: bool = False) -> SchemaReport:
        """Notion properties belong to this data source alone: `yes` changes nothing here."""
        with in_tool_words(self._error):
            report = notion_schema.provision(self, dry_run=dry_run)
            self.reviews.provision(report, dry_run)
            return report

    def check_access(self) -> list[str]:
        """What the token cannot do that a pass needs: read pages, update them, read and insert
        comments. Each is probed without changing anything: an empty comment and an update of a
        property that does not exist are refused as invalid when the capability is there and as
        restricted when it is not."""
        from notion_client.errors import HTTPResponseError

        problems: list[str] = []
        try:
            first = self.sources.call("enrollments", self.api.data_sources.query, page_size=1).get("results", [])
        except HTTPResponseError as error:
            return [f"cannot read Enrollments pages: {self.describe(error)}"]
        if not first:
            return problems
        page_id = first[0]["id"]
        try:
            self.client.read(self.api.comments.list, block_id=page_id, page_size=1)
        except HTTPResponseError as error:
            problems.append(f"cannot read comments (enable 'Read comments' for the integration): {self.describe(error)}")
        try:
            self.api.comments.create(parent={"page_id": page_id}, rich_text=[{"type": "text", "text": {}}])
        except HTTPResponseError as error:
            if error.status == 403:
                problems.append("cannot insert comments (enable 'Insert comments' for the integration)")
        problem = notion_schema.probe_update(
            lambda properties: self.client.read(self.api.pages.update, page_id=page_id, properties=properties))
        if problem:
            problems.append(problem)
        return problems
