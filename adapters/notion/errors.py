"""Notion's failures in Notion's words, and which of them are worth another try."""

from __future__ import annotations

import logging

import httpx
from notion_client.errors import HTTPResponseError, RequestTimeoutError

from certsync.adapters.tracker import TrackerError

log = logging.getLogger("certsync.notion")

TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504, 529})


def status_of(error: BaseException) -> int | None:
    return getattr(error, "status", None) if isinstance(error, (HTTPResponseError, TrackerError)) else None


def is_transient(error: BaseException) -> bool:
    """A failure that may pass on its own: rate limits, 5xx, timeouts, dropped connections."""
    if isinstance(error, (RequestTimeoutError, httpx.TransportError)):
        return True
    return status_of(error) in TRANSIENT_STATUSES


def is_gone(error: BaseException) -> bool:
    """The page was deleted, or moved to the trash, since it was read."""
    status = status_of(error)
    return status == 404 or (status == 400 and "archived" in str(error).lower())


def _request_id(error: BaseException) -> str | None:
    body = getattr(error, "body", None)
    if isinstance(body, str) and '"request_id"' in body:
        import json

        try:
            return json.loads(body).get("request_id")
        except ValueError:
            return None
    return getattr(error, "request_id", None)


def describe(error: BaseException, token_env: str = "NOTION_TOKEN", base_url: str = "") -> str:
    """What Notion answered (status, code, request id), or what went wrong on the way."""
    if isinstance(error, TrackerError):
        return str(error)
    if isinstance(error, HTTPResponseError):
        code = getattr(error.code, "value", error.code)
        text = f"Notion answered {error.status} {code}: {error}"
        if error.status == 401:
            text += f" (check that ${token_env} holds the integration's token)"
        rid = _request_id(error)
        return text + (f" (request {rid})" if rid else "")
    if isinstance(error, (RequestTimeoutError, httpx.TimeoutException)):
        return "Notion did not answer in time (timeout)"
    if isinstance(error, httpx.TransportError):
        where = f" at {base_url}" if base_url else ""
        return f"cannot reach Notion{where}: {type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"


def tracker_error(error: BaseException, token_env: str, where: str = "", record: str | None = None,
                  base_url: str = "") -> TrackerError:
    """A neutral TrackerError carrying Notion's status, code and request id."""
    if isinstance(error, TrackerError):
        return error
    code = getattr(getattr(error, "code", None), "value", getattr(error, "code", None))
    return TrackerError(f"{where}{describe(error, token_env, base_url)}", status=status_of(error),
                        code=str(code) if code else None, request_id=_request_id(error), record=record)
