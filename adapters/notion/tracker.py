"""certsync's Notion tracker: read a program, write owned fields, post comments.

Everything goes through the official `notion-client`, pointed at `base_url` when one is set
(the sandbox), with its own retries off: retries here follow certsync's rules (see retry.py),
and every request, retries included, waits its turn at one shared rate limiter.
"""

from __future__ import annotations

import logging
import re
from email.utils import parsedate_to_datetime
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from typing import Any

import httpx
from notion_client import Client
from notion_client.errors import HTTPResponseError
from notion_client.helpers import iterate_paginated_api

from certsync.adapters.notion import write as notion_write
from certsync.adapters.notion.read import (
    REQUIRED_CHECK_IN_FIELDS,
    REQUIRED_ENROLLMENT_FIELDS,
    check_in_from_page,
    enrollment_from_page,
    missing_fields,
)
from certsync.adapters.ratelimit import RateLimiter
from certsync.adapters.records import Owned, Snapshot, same_owned
from certsync.adapters.retry import is_transient, retrying
from certsync.rules.model import Person

log = logging.getLogger("certsync.notion")

_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.I)


class TrackerError(Exception):
    """The tracker cannot be used as configured: says which setting and what Notion answered."""


def notion_id(ref: str) -> str:
    """The id in a data source id, a database id or a Notion URL (the last id in its path)."""
    path = ref.split("?", 1)[0].split("#", 1)[0]
    found = _UUID.findall(path)
    if not found:
        raise TrackerError(f"'{ref}' is not a Notion id or URL: expected 32 hexadecimal characters")
    raw = found[-1].replace("-", "").lower()
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def describe_error(error: Exception) -> str:
    """What Notion answered (status and code), or what went wrong on the way."""
    status = getattr(error, "status", None)
    code = getattr(error, "code", None)
    code = getattr(code, "value", code)
    return f"Notion answered {status} {code}: {error}" if status else f"{type(error).__name__}: {error}"


def is_gone(error: Exception) -> bool:
    """The page was deleted, or moved to the trash, since it was read."""
    status = getattr(error, "status", None)
    return status == 404 or (status == 400 and "archived" in str(error).lower())


class NotionTracker:
    kind = "notion"

    def __init__(self, settings: Any, token: str, *, attempts: int = 6, timeout_seconds: float = 20.0) -> None:
        self.settings = settings
        self.fields = settings.fields
        self.check_in_fields = settings.check_in_fields
        self.attempts = attempts
        self.limiter = RateLimiter(settings.requests_per_second)
        self.requests = 0
        self.server_time: datetime | None = None  # from the latest response's Date header
        http = httpx.Client(event_hooks={"request": [self._before_request], "response": [self._after_response]})
        options: dict[str, Any] = {
            "auth": token,
            "retry": False,
            "timeout_ms": int(timeout_seconds * 1000),
            "logger": logging.getLogger("certsync.notion.client"),
        }
        if settings.base_url:
            options["base_url"] = str(settings.base_url).rstrip("/")
        self.api = Client(client=http, **options)
        # Owned properties' types as found on pages (a user may have made Status a `status`).
        self.owned_types: dict[str, str] = {}
        # Data source ids the configured references resolved to.
        self.sources: dict[str, str] = {}

    def _before_request(self, request: httpx.Request) -> None:
        self.limiter.acquire()
        self.requests += 1

    def _after_response(self, response: httpx.Response) -> None:
        stamp = response.headers.get("date")
        if stamp:
            try:
                self.server_time = parsedate_to_datetime(stamp)
            except (TypeError, ValueError):
                pass

    def close(self) -> None:
        self.api.close()

    # --- calling the API ---------------------------------------------------------------------

    def _read(self, call: Callable[..., Any], **kwargs: Any) -> Any:
        for attempt in retrying(self.limiter, self.attempts):
            with attempt:
                return call(**kwargs)

    def _write(self, call: Callable[..., Any], **kwargs: Any) -> Any:
        """One write, repeated only when the server says it did nothing (429)."""
        for attempt in retrying(self.limiter, self.attempts, only_if_not_applied=True):
            with attempt:
                return call(**kwargs)

    # --- reading -----------------------------------------------------------------------------

    def data_source(self, setting: str) -> str:
        """The data source behind `[notion] <setting>`: given as its id, its database's id or a URL."""
        if setting in self.sources:
            return self.sources[setting]
        ref = getattr(self.settings, setting)
        ident = notion_id(ref)
        try:
            self._read(self.api.data_sources.retrieve, data_source_id=ident)
            self.sources[setting] = ident
        except HTTPResponseError as error:
            if error.status not in (400, 404):
                raise TrackerError(f"[notion] {setting} = '{ref}': {describe_error(error)}") from error
            self.sources[setting] = self._source_of_database(setting, ref, ident)
        return self.sources[setting]

    def _source_of_database(self, setting: str, ref: str, ident: str) -> str:
        try:
            database = self._read(self.api.databases.retrieve, database_id=ident)
        except HTTPResponseError as error:
            raise TrackerError(
                f"[notion] {setting} = '{ref}': no data source or database with this id is shared "
                f"with the integration ({describe_error(error)})"
            ) from error
        sources = database.get("data_sources") or []
        if len(sources) != 1:
            raise TrackerError(
                f"[notion] {setting} = '{ref}': this database has {len(sources)} data sources; "
                "set the data source id instead"
            )
        return sources[0]["id"]

    def _query(self, setting: str, since: datetime | None) -> Iterator[dict[str, Any]]:
        body: dict[str, Any] = {"page_size": 100}
        if since is not None:
            body["filter"] = {"timestamp": "last_edited_time",
                              "last_edited_time": {"on_or_after": since.isoformat()}}
        while True:
            response = self._query_page(setting, body)
            yield from response.get("results", [])
            if not response.get("has_more") or not response.get("next_cursor"):
                return
            body["start_cursor"] = response["next_cursor"]

    def _query_page(self, setting: str, body: dict[str, Any]) -> dict[str, Any]:
        """One page of results. A reference not yet resolved is tried as a data source first, so
        that a configured data source id costs no extra request; else as a database."""
        query = self.api.data_sources.query
        if setting in self.sources:
            return self._read(query, data_source_id=self.sources[setting], **body)
        ref = getattr(self.settings, setting)
        ident = notion_id(ref)
        try:
            response = self._read(query, data_source_id=ident, **body)
        except HTTPResponseError as error:
            if error.status not in (400, 404):
                raise TrackerError(f"[notion] {setting} = '{ref}': {describe_error(error)}") from error
            ident = self._source_of_database(setting, ref, ident)
            response = self._read(query, data_source_id=ident, **body)
        self.sources[setting] = ident
        return response

    def read(self, since: datetime | None = None, zone: tzinfo | None = None,
             progress: Callable[[int], None] | None = None) -> Snapshot:
        """Every enrollment and check-in, or only those edited since `since` (incremental).
        Dates with a time are taken in `zone`, the program's time zone. `progress` is told how
        many pages have been read, after each page of results."""
        self.server_time = None
        pages = self._query("enrollments", since)
        enrollments = []
        first = next(pages, None)
        read_at = self.server_time  # Notion's clock as the read began
        if first is not None:
            self._require_properties("enrollments", first)
        for page in ([first] if first is not None else []) + list(pages):
            self._learn_owned_types(page)
            enrollments.append(enrollment_from_page(page, self.fields, zone))
        check_ins = []
        for page in self._query("check_ins", since):
            if not check_ins:
                self._require_properties("check_ins", page)
            check_ins.append(check_in_from_page(page, self.check_in_fields, zone))
            if progress and len(check_ins) % 100 == 0:
                progress(len(enrollments) + len(check_ins))
        if progress:
            progress(len(enrollments) + len(check_ins))
        return Snapshot(enrollments=tuple(enrollments), check_ins=tuple(check_ins), since=since,
                        read_at=read_at or self.server_time)

    def _require_properties(self, setting: str, page: dict[str, Any]) -> None:
        """Stop before judging anyone when a field certsync needs, or one named in the config,
        is not a property of the data source (judged on a missing field, everyone looks behind)."""
        props = page.get("properties", {})
        if setting == "enrollments":
            where, section, fields = "Enrollments", "notion.fields", self.fields
            missing = missing_fields(props, fields, REQUIRED_ENROLLMENT_FIELDS)
            owned = [name for key in notion_write.OWNED_TYPES if (name := getattr(fields, key)) not in props]
        else:
            where, section, fields, owned = "Check-ins", "notion.check_in_fields", self.check_in_fields, []
            missing = missing_fields(props, fields, REQUIRED_CHECK_IN_FIELDS)
        lines = [f"[{section}] {key} = '{name}': the {where} data source has no property of this name"
                 for key, name in missing]
        if owned:
            lines.append(f"the {where} data source lacks the properties certsync writes: "
                         f"{', '.join(repr(name) for name in owned)} (run `certsync provision`)")
        if lines:
            lines.append(f"its properties: {', '.join(sorted(props))}. Nothing was written.")
            raise TrackerError("\n".join(lines))

    def _learn_owned_types(self, page: dict[str, Any]) -> None:
        props = page.get("properties", {})
        for name in notion_write.OWNED_TYPES:
            prop = props.get(getattr(self.fields, name))
            if prop is not None:
                self.owned_types[name] = prop.get("type", "")

    # --- writing -----------------------------------------------------------------------------

    def canonical(self, owned: Owned) -> Owned:
        """What the page will hold once `owned` is written: text cut to Notion's limits, option
        names without commas."""
        return owned.model_copy(update={
            "flags": tuple(notion_write.option_name(name) for name in owned.flags),
            "flag_details": notion_write.cut(owned.flag_details),
            "sync_problem": notion_write.cut(owned.sync_problem),
        })

    def _write_once(self, send: Callable[[], Any], landed: Callable[[], bool], what: str) -> None:
        """Send a write so that it happens once: after a failure that may have been applied (5xx,
        timeout, dropped connection), ask `landed` before sending it again."""
        for attempt in range(1, self.attempts + 1):
            try:
                self._write(send)
                return
            except Exception as error:
                if not is_transient(error) or attempt == self.attempts:
                    raise
                log.info("%s failed (%s); checking whether it landed", what, describe_error(error))
                if landed():
                    return

    def write(self, page_id: str, changes: dict[str, Any]) -> None:
        """Set exactly these owned fields; the page is read back before a write is repeated."""
        properties = notion_write.owned_properties(changes, self.fields, self.owned_types)
        self._write_once(lambda: self.api.pages.update(page_id=page_id, properties=properties),
                         lambda: self._holds(page_id, changes), f"page write to {page_id}")

    def _holds(self, page_id: str, changes: dict[str, Any]) -> bool:
        page = self._read(self.api.pages.retrieve, page_id=page_id)
        current = enrollment_from_page(page, self.fields).owned
        return same_owned(current, current.model_copy(update=changes), fields=changes)

    def has_comment(self, page_id: str, marker: str) -> bool:
        """Whether a comment carrying `marker` is already on the page."""
        pages = iterate_paginated_api(lambda **kw: self._read(self.api.comments.list, **kw),
                                      block_id=page_id, page_size=100)
        return any(marker in "".join(part.get("plain_text", "") for part in comment.get("rich_text", []))
                   for comment in pages)

    def post_comment(self, page_id: str, manager: Person | None, text: str, marker: str) -> None:
        """Post once; after a failure that may have been applied, look for it before posting again."""
        body = notion_write.comment_body(manager, text, marker)
        self._write_once(lambda: self.api.comments.create(parent={"page_id": page_id}, rich_text=body),
                         lambda: self.has_comment(page_id, marker), f"comment on {page_id}")

    # --- schema and access -------------------------------------------------------------------

    def schema(self, setting: str) -> dict[str, Any]:
        return self._read(self.api.data_sources.retrieve, data_source_id=self.data_source(setting))

    def update_schema(self, setting: str, properties: dict[str, Any]) -> dict[str, Any]:
        return self._write(self.api.data_sources.update, data_source_id=self.data_source(setting),
                           properties=properties)

    def check_access(self) -> list[str]:
        """What the token cannot do that a pass needs: read pages, read and insert comments.
        Inserting is probed with an empty comment, which Notion rejects as invalid when the
        capability is there and as restricted when it is not, so nothing is posted."""
        problems: list[str] = []
        try:
            first = self._read(self.api.data_sources.query, data_source_id=self.data_source("enrollments"),
                               page_size=1).get("results", [])
        except HTTPResponseError as error:
            return [f"cannot read Enrollments pages: {describe_error(error)}"]
        if not first:
            return problems
        page_id = first[0]["id"]
        try:
            self._read(self.api.comments.list, block_id=page_id, page_size=1)
        except HTTPResponseError as error:
            problems.append(f"cannot read comments (enable 'Read comments' for the integration): {describe_error(error)}")
        try:
            self.api.comments.create(parent={"page_id": page_id}, rich_text=[{"type": "text", "text": {}}])
        except HTTPResponseError as error:
            if error.status == 403:
                problems.append("cannot insert comments (enable 'Insert comments' for the integration)")
        return problems
