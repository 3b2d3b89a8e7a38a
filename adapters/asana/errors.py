"""Asana's failures in Asana's words, and which of them are worth another try."""

from __future__ import annotations

import json
import logging
from typing import Any

import urllib3
from asana.rest import ApiException

from certsync.adapters.tracker import TrackerError

log = logging.getLogger("certsync.asana")

TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504, 529})


def status_of(error: BaseException) -> int | None:
    if isinstance(error, (ApiException, TrackerError)):
        return getattr(error, "status", None) or None
    return None


def is_transient(error: BaseException) -> bool:
    """A failure that may pass on its own: rate limits, 5xx, timeouts, dropped connections."""
    if isinstance(error, urllib3.exceptions.HTTPError):
        return True
    return status_of(error) in TRANSIENT_STATUSES


def _errors(error: BaseException) -> list[dict[str, Any]]:
    body = getattr(error, "body", None)
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if not isinstance(body, str) or not body.strip().startswith("{"):
        return []
    try:
        found = json.loads(body).get("errors") or []
    except (ValueError, AttributeError):
        return []
    return [e for e in found if isinstance(e, dict)]


def message_of(error: BaseException) -> str:
    """Asana's own message(s) (`errors[].message`), else the HTTP reason."""
    messages = [e.get("message", "") for e in _errors(error) if e.get("message")]
    return "; ".join(messages) or str(getattr(error, "reason", "") or "").strip() or type(error).__name__


def request_id(error: BaseException) -> str | None:
    """What identifies the request to Asana's support: a request id header when one is sent, or
    the `phrase` Asana gives a 500 ("6 sad squid snuggle softly")."""
    headers = getattr(error, "headers", None)
    if headers is not None:
        for name in ("X-Request-Id", "x-request-id", "X-Asana-Request-Id"):
            if headers.get(name):
                return str(headers.get(name))
    phrases = [e.get("phrase") for e in _errors(error) if e.get("phrase")]
    return phrases[0] if phrases else None


def is_gone(error: BaseException) -> bool:
    """The task was deleted since it was read (Asana: 404 "Not a recognized ID")."""
    return status_of(error) == 404


def is_expired_offset(error: BaseException) -> bool:
    """A pagination offset Asana no longer accepts (they expire): start the list again."""
    return status_of(error) == 400 and "offset" in message_of(error).lower() and (
        "expired" in message_of(error).lower() or "invalid" in message_of(error).lower())


def describe(error: BaseException, token_env: str = "ASANA_ACCESS_TOKEN", base_url: str = "") -> str:
    """What Asana answered (status, message, request), or what went wrong on the way."""
    if isinstance(error, TrackerError):
        return str(error)
    if isinstance(error, ApiException):
        status = error.status
        text = f"Asana answered {status}: {message_of(error)}"
        if status == 401:
            text += f" (check that ${token_env} holds a valid Asana personal access token)"
        if status == 402:
            text += " (custom fields need a paid Asana plan)"
        rid = request_id(error)
        return text + (f" (request {rid})" if rid else "")
    if isinstance(error, (urllib3.exceptions.TimeoutError, TimeoutError)):
        return "Asana did not answer in time (timeout)"
    if isinstance(error, urllib3.exceptions.HTTPError):
        where = f" at {base_url}" if base_url else ""
        return f"cannot reach Asana{where}: {type(error).__name__}: {error}"
    return f"{type(error).__name__}: {error}"


def tracker_error(error: BaseException, token_env: str, where: str = "", record: str | None = None,
                  base_url: str = "") -> TrackerError:
    """A neutral TrackerError carrying Asana's status and request id."""
    if isinstance(error, TrackerError):
        return error
    return TrackerError(f"{where}{describe(error, token_env, base_url)}", status=status_of(error),
                        request_id=request_id(error), record=record)
