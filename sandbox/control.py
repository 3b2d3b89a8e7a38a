"""The control API under /_sandbox (no token): stats, reset, users, pages, blocks, comments and properties
made in the app, faults, capabilities, rate limit, clock."""

from __future__ import annotations

import json

from .errors import NotionError


def handle(sb, method: str, path: str, query: dict, raw: bytes):
    """Return (status, JSON object) for one control request."""
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        return 400, {"error": "body is not valid JSON"}
    if not isinstance(body, dict):
        return 400, {"error": "body should be a JSON object"}
    route = (method, path.rstrip("/"))
    try:
        if route == ("GET", "/_sandbox"):
            return 200, sb.info()
        if route == ("GET", "/_sandbox/stats"):
            return 200, sb.stats()
        if route == ("POST", "/_sandbox/reset"):
            wipe = query.get("data", ["0"])[0] not in ("0", "", "false") or bool(body.get("data"))
            sb.reset(data=wipe)
            return 200, {"reset": True, "data": wipe}
        if route == ("POST", "/_sandbox/users"):
            name, email = body.get("name"), body.get("email")
            if not isinstance(name, str) or not name or not isinstance(email, str) or "@" not in email:
                return 400, {"error": 'give {"name": "...", "email": "...@..."}'}
            return 200, sb.add_user(name, email)
        if route == ("POST", "/_sandbox/pages"):
            title = body.get("title", "Untitled")
            if not isinstance(title, str):
                return 400, {"error": "title should be a string"}
            return 200, sb.add_root_page(title)
        if route == ("POST", "/_sandbox/properties"):
            return 200, sb.add_app_property(body.get("data_source_id"), body.get("name"), body.get("type"))
        if route == ("POST", "/_sandbox/comments"):
            return 200, sb.add_comment_as(body.get("page_id"), body.get("user_id"), body.get("text"),
                                          body.get("block_id"))
        if route == ("POST", "/_sandbox/blocks"):
            return 200, sb.add_block(body.get("page_id"), body.get("type", "paragraph"), body.get("text", ""))
        if route == ("GET", "/_sandbox/faults"):
            return 200, sb.faults.describe()
        if route == ("PUT", "/_sandbox/faults"):
            sb.set_faults(body.get("spec", ""), seed=body.get("seed", 0), slow_seconds=body.get("slow_seconds"))
            return 200, sb.faults.describe()
        if route == ("GET", "/_sandbox/capabilities"):
            return 200, dict(sb.capabilities)
        if route == ("PUT", "/_sandbox/capabilities"):
            return 200, sb.set_capabilities(**body)
        if route == ("GET", "/_sandbox/clock"):
            return 200, sb.clock()
        if route == ("PUT", "/_sandbox/clock"):
            return 200, sb.advance_clock(float(body.get("advance_seconds", 0)))
        if route == ("GET", "/_sandbox/rate_limit"):
            return 200, {"rate": sb.limiter.rate, "burst": sb.limiter.burst}
        if route == ("PUT", "/_sandbox/rate_limit"):
            sb.set_rate_limit(body.get("rate", sb.limiter.rate), body.get("burst", sb.limiter.burst))
            return 200, {"rate": sb.limiter.rate, "burst": sb.limiter.burst}
    except (ValueError, TypeError) as e:
        return 400, {"error": str(e)}
    except NotionError as e:
        return e.status, {"error": e.message}
    return 404, {"error": f"no control endpoint {method} {path}",
                 "endpoints": ["GET /_sandbox", "GET /_sandbox/stats", "POST /_sandbox/reset[?data=1]",
                               "POST /_sandbox/users", "POST /_sandbox/pages", "POST /_sandbox/comments",
                               "POST /_sandbox/properties", "POST /_sandbox/blocks",
                               "GET|PUT /_sandbox/faults", "GET|PUT /_sandbox/capabilities",
                               "GET|PUT /_sandbox/rate_limit", "GET|PUT /_sandbox/clock"]}
