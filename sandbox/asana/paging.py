"""Asana's pagination: `limit` 1–100, `next_page {offset, path, uri}` with offset tokens that
expire after 15 minutes of the sandbox clock, and "The result is too large" for a big list asked
for without a limit."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from urllib.parse import quote

from ..core.clock import now
from .errors import invalid
from .request import Result

MAX_UNPAGED = 1000  # Asana refuses to return more without pagination
OFFSET_LIFETIME = 15 * 60
_SECRET = b"certsync-sandbox-offsets"
TOO_LARGE = "The result is too large. You should use pagination (may require specifying a workspace)!"


def limit_of(req) -> int | None:
    raw = req.q("limit")
    if raw is None:
        return None
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise invalid(f"limit: Not an Integer: {raw}") from None
    if not 1 <= limit <= 100:
        raise invalid(f"limit: Must be between 1 and 100, inclusive, got {limit}")
    return limit


def page(req, items: list):
    """One page of `items` (a list built in a stable order) as a Result with `next_page`."""
    limit = limit_of(req)
    offset = req.q("offset")
    if limit is None and offset is None:
        if len(items) > MAX_UNPAGED:
            raise invalid(TOO_LARGE)
        return Result(items, full=False)
    start = _start(req, offset) if offset else 0
    limit = limit or 100
    chunk = items[start:start + limit]
    nxt = None
    if start + limit < len(items):
        token = _token(req, start + limit)
        kept = [(k, v) for k, vs in req.query.items() if k != "offset" for v in vs]
        query = "&".join(f"{k}={quote(str(v), safe=',.:')}" for k, v in kept)
        path = f"{req.path}?{query}&offset={token}" if query else f"{req.path}?offset={token}"
        nxt = {"offset": token, "path": path, "uri": req.base_url + path}
    return Result(chunk, full=False, next_page=nxt)


def _key(req) -> str:
    kept = sorted((k, v) for k, vs in req.query.items() if k not in ("offset", "limit", "opt_fields") for v in vs)
    return hashlib.sha1(json.dumps([req.path, kept]).encode()).hexdigest()[:12]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _token(req, position: int) -> str:
    """A JWT-shaped token naming where the next page starts, the list it belongs to and when it was made."""
    head = _b64(b'{"typ":"JWT","alg":"HS256"}')
    body = _b64(json.dumps({"pos": position, "key": _key(req), "iat": int(now())}).encode())
    sig = _b64(hmac.new(_SECRET, f"{head}.{body}".encode(), hashlib.sha256).digest()[:16])
    return f"{head}.{body}.{sig}"


def _start(req, token: str) -> int:
    try:
        head, body, sig = token.split(".")
        good = _b64(hmac.new(_SECRET, f"{head}.{body}".encode(), hashlib.sha256).digest()[:16])
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        if not hmac.compare_digest(sig, good) or claims["key"] != _key(req):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise invalid("offset: Your pagination token is invalid. Only pass an offset returned by a "
                      "previous request for the same list.") from None
    if now() - claims["iat"] > OFFSET_LIFETIME:
        raise invalid("offset: Your pagination token has expired. Start again from the first page.")
    return int(claims["pos"])
