"""The control API frame under /_sandbox (no token): what the core owns (info, stats, reset,
faults, clock), then each API's own control routes under its control prefix."""

from __future__ import annotations

import json

from .errors import ApiError

CORE_ENDPOINTS = ["GET /_sandbox", "GET /_sandbox/stats", "POST /_sandbox/reset[?data=1]",
                  "GET|PUT /_sandbox/faults", "GET|PUT /_sandbox/clock"]


def handle(sb, method: str, path: str, query: dict, raw: bytes):
    """Return (status, JSON object) for one control request."""
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        return 400, {"error": "body is not valid JSON"}
    if not isinstance(body, dict):
        return 400, {"error": "body should be a JSON object"}
    path = path.rstrip("/")
    try:
        found = _core(sb, method, path, query, body)
        if found is not None:
            return found
        for api in sorted(sb.apis, key=lambda a: -len(a.control_prefix)):
            if path == api.control_prefix or path.startswith(api.control_prefix + "/"):
                found = api.control(method, path[len(api.control_prefix):], query, body)
                if found is not None:
                    return found
    except (ValueError, TypeError) as e:
        return 400, {"error": str(e)}
    except ApiError as e:
        return e.status, {"error": e.message}
    endpoints = CORE_ENDPOINTS + [e for api in sb.apis for e in api.control_endpoints()]
    return 404, {"error": f"no control endpoint {method} {path}", "endpoints": endpoints}


def _core(sb, method, path, query, body):
    route = (method, path)
    if route == ("GET", "/_sandbox"):
        return 200, sb.info()
    if route == ("GET", "/_sandbox/stats"):
        return 200, sb.stats()
    if route == ("POST", "/_sandbox/reset"):
        wipe = query.get("data", ["0"])[0] not in ("0", "", "false") or bool(body.get("data"))
        sb.reset(data=wipe)
        return 200, {"reset": True, "data": wipe}
    if route == ("GET", "/_sandbox/faults"):
        return 200, sb.faults.describe()
    if route == ("PUT", "/_sandbox/faults"):
        sb.set_faults(body.get("spec", ""), seed=body.get("seed", 0), slow_seconds=body.get("slow_seconds"))
        return 200, sb.faults.describe()
    if route == ("GET", "/_sandbox/clock"):
        return 200, sb.clock()
    if route == ("PUT", "/_sandbox/clock"):
        return 200, sb.advance_clock(float(body.get("advance_seconds", 0)))
    return None
