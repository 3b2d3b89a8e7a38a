"""`POST /batch`: up to 10 actions, each answered as if it had been sent alone."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from .errors import AsanaError, invalid, no_route
from .request import Result
from .routes import match

MAX_ACTIONS = 10


def run(req):
    actions = req.data.get("actions")
    if not isinstance(actions, list):
        raise invalid("actions: Missing input")
    if not actions:
        raise invalid("Batch requests must contain at least one action")
    if len(actions) > MAX_ACTIONS:
        raise invalid(f"Batch requests must contain no more than {MAX_ACTIONS} actions")
    return Result([_action(req, i, a) for i, a in enumerate(actions)], full=False)


def _action(req, index: int, action) -> dict:
    try:
        if not isinstance(action, dict) or not isinstance(action.get("relative_path"), str):
            raise invalid(f"actions[{index}].relative_path: Missing input")
        method = str(action.get("method", "")).upper()
        if method not in ("GET", "POST", "PUT", "DELETE"):
            raise invalid(f"actions[{index}].method: Must be one of get, post, put, delete")
        url = urlsplit(action["relative_path"])
        if url.path.rstrip("/") == "/batch":
            raise invalid(f"actions[{index}]: A batch cannot contain a batch")
        found = match(method, url.path)
        if found is None:
            raise no_route()
        query = parse_qs(url.query)
        options = action.get("options") or {}
        if options.get("fields"):
            query["opt_fields"] = [",".join(options["fields"])]
        for key in ("limit", "offset"):
            if options.get(key) is not None:
                query[key] = [str(options[key])]
        data = action.get("data") or {}
        if not isinstance(data, dict):
            raise invalid(f"actions[{index}].data: Value must be a JSON object")
        status, body, headers = req.api.run(method, url.path, found, query, data, req.user)
        return {"body": json.loads(body), "status_code": status, "headers": _headers(headers)}
    except AsanaError as e:
        return {"body": e.body(), "status_code": e.status, "headers": _headers(e.headers)}


def _headers(headers: dict) -> dict:
    """The response headers as Asana's batch shows them (a Java-flavoured multimap)."""
    pairs = [(k.lower(), v) for k, v in headers.items()]
    return {"headers": [{"key": k, "value": v} for k, v in pairs], "keys": [k for k, _ in pairs],
            "as_tuples": [[k, v] for k, v in pairs], "empty": not pairs}
