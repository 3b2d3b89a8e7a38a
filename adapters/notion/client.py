"""The official `notion-client`, set up the way certsync calls it.

Its own retries are off: retries here follow certsync's rules (adapters/retry.py), and every
request, retries included, waits its turn at one shared rate limiter. Its log lines ("request
fail ...") stay out of the user's terminal: certsync reports each problem once, in its own words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from notion_client import Client

from certsync.adapters.notion.errors import is_transient
from certsync.adapters.ratelimit import RateLimiter
from certsync.adapters.retry import retrying, write_once

quiet_log = logging.getLogger("certsync.notion.client")  # the SDK's own lines: certsync says each problem once
quiet_log.addHandler(logging.NullHandler())
quiet_log.propagate = False


class NotionClient:
    """One SDK client with the limiter, a request count and Notion's clock (the Date header)."""

    def __init__(self, token: str, base_url: str | None, requests_per_second: float, *,
                 attempts: int = 6, timeout_seconds: float = 20.0) -> None:
        self.attempts = attempts
        self.limiter = RateLimiter(requests_per_second)
        self.requests = 0
        self.server_time: datetime | None = None  # from the latest response's Date header
        http = httpx.Client(event_hooks={"request": [self._before_request], "response": [self._after_response]})
        options: dict[str, Any] = {"auth": token, "retry": False, "timeout_ms": int(timeout_seconds * 1000),
                                   "logger": quiet_log}
        if base_url:
            options["base_url"] = str(base_url).rstrip("/")
        self.api = Client(client=http, **options)

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

    def read(self, call: Callable[..., Any], **kwargs: Any) -> Any:
        """A read, retried on every transient failure."""
        for attempt in retrying(self.limiter, self.attempts, transient=is_transient):
            with attempt:
                return call(**kwargs)

    def write(self, call: Callable[..., Any], **kwargs: Any) -> Any:
        """One write, repeated only when Notion says it did nothing (429)."""
        for attempt in retrying(self.limiter, self.attempts, transient=is_transient, only_if_not_applied=True):
            with attempt:
                return call(**kwargs)

    def write_once(self, send: Callable[[], Any], landed: Callable[[], bool], what: str) -> Any:
        """A write sent once (adapters/retry.py): looked for with `landed` before it is sent again."""
        return write_once(self.write, send, landed, attempts=self.attempts, transient=is_transient, what=what)
        return None
