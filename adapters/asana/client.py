"""The official `asana` SDK (5.x, unmodified), set up the way certsync calls it.

`Configuration.host` is `[asana] base_url` (the sandbox, or Asana). The SDK's own urllib3 retries
are off (`retry_strategy = False`): retries follow certsync's rules (adapters/retry.py), so nothing
is retried twice and no POST is repeated blindly. Every request, retries included, waits its turn
at one limiter at `requests_per_minute`, and the latest `Date` header is kept as Asana's clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import asana
from asana.rest import ApiException

from certsync.adapters.asana.errors import is_expired_offset, is_transient, log
from certsync.adapters.ratelimit import RateLimiter
from certsync.adapters.retry import retrying, write_once

PAGE = 100  # Asana's largest page


class _CountingClient(asana.ApiClient):
    """The SDK's ApiClient, with every HTTP request passed through `before` and `after`."""

    def __init__(self, configuration: asana.Configuration, before: Callable[[], None],
                 after: Callable[[Any], None], timeout: float) -> None:
        super().__init__(configuration)
        self._before, self._after, self._timeout = before, after, timeout

    def request(self, method, url, *args, **kwargs):  # type: ignore[override]
        self._before()
        kwargs["_request_timeout"] = kwargs.get("_request_timeout") or self._timeout
        try:
            response = super().request(method, url, *args, **kwargs)
        except ApiException as error:
            self._after(error.headers)
            raise
        self._after(response.getheaders())
        return response


class AsanaClient:
    """The SDK's API classes on one ApiClient, with the limiter, a request count and Asana's clock."""

    def __init__(self, token: str, base_url: str, requests_per_minute: float, *, attempts: int = 6,
                 timeout_seconds: float = 20.0) -> None:
        self.attempts = attempts
        self.limiter = RateLimiter(requests_per_minute / 60.0, burst=max(1, min(int(requests_per_minute // 60), 25)))
        self.requests = 0
        self.server_time: datetime | None = None
        cfg = asana.Configuration()
        cfg.host = str(base_url).rstrip("/")
        cfg.access_token = token
        cfg.retry_strategy = False  # certsync retries, once, by its own rules
        self.api_client = _CountingClient(cfg, self._before, self._after, timeout_seconds)
        self.tasks = asana.TasksApi(self.api_client)
        self.stories = asana.StoriesApi(self.api_client)
        self.projects = asana.ProjectsApi(self.api_client)
        self.custom_fields = asana.CustomFieldsApi(self.api_client)
        self.settings = asana.CustomFieldSettingsApi(self.api_client)
        self.users = asana.UsersApi(self.api_client)
        self.status_updates = asana.StatusUpdatesApi(self.api_client)

    def _before(self) -> None:
        self.limiter.acquire()
        self.requests += 1

    def _after(self, headers: Any) -> None:
        stamp = headers.get("date") if headers is not None else None
        if stamp:
            try:
                self.server_time = parsedate_to_datetime(stamp)
            except (TypeError, ValueError):
                pass

    def close(self) -> None:
        """Release the connections (the SDK's ApiClient has no close of its own)."""
        pool = getattr(self.api_client.rest_client, "pool_manager", None)
        if pool is not None:
            pool.clear()

    # --- calls --------------------------------------------------------------------------------

    def read(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A read, retried on every transient failure."""
        for attempt in retrying(self.limiter, self.attempts, transient=is_transient):
            with attempt:
                return call(*args, **kwargs)

    def write(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """One write, repeated only when Asana says it did nothing (429)."""
        for attempt in retrying(self.limiter, self.attempts, transient=is_transient, only_if_not_applied=True):
            with attempt:
                return call(*args, **kwargs)

    def write_once(self, send: Callable[[], Any], landed: Callable[[], bool], what: str) -> Any:
        """A write sent once (adapters/retry.py): looked for with `landed` before it is sent again."""
        return write_once(self.write, send, landed, attempts=self.attempts, transient=is_transient, what=what)
        return None

    def pages(self, call: Callable[..., Any], *args: Any, opts: dict[str, Any], restarts: int = 2) -> Iterator[dict]:
        """Every item of a list, a page of `limit=100` at a time, each page retried on its own. An
        offset that has expired mid-read (Asana's last 15 minutes or so) starts the list again;
        items already given are not given twice."""
        given: set[str] = set()
        for restart in range(restarts + 1):
            offset = None
            try:
                while True:
                    query = {**opts, "limit": PAGE}
                    if offset:
                        query["offset"] = offset
                    page = self.read(call, *args, query, full_payload=True)
                    for item in page.get("data") or []:
                        gid = item.get("gid")
                        if gid not in given:
                            given.add(gid)
                            yield item
                    offset = (page.get("next_page") or {}).get("offset")
                    if not offset:
                        return
            except ApiException as error:
                if not is_expired_offset(error) or restart == restarts:
                    raise
                log.info("a pagination offset expired mid-read; reading the list again from its start")
