"""The Notion API as the core serves it: under /notion, Bearer token, Notion-Version, Notion's
rate limit and error envelope, capabilities, faults in Notion's words."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from ..core.api import Api, Call
from ..core.ratelimit import TokenBuckets
from . import errors
from .errors import NotionError, new_request_id
from .pages import Raw
from .routes import CAPABILITIES, match
from .store import BOT_ID, ROOT_PAGE_ID, Store

VERSIONS = ("2025-09-03", "2026-03-11")
BAD_GATEWAY = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
               b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n")


class Request:
    """What a Notion handler is given."""

    __slots__ = ("store", "method", "params", "query", "body", "version")

    def __init__(self, store, method, params, query, body, version):
        self.store, self.method, self.params = store, method, params
        self.query, self.body, self.version = query, body, version

    def query_one(self) -> dict:
        return {k: v[0] for k, v in self.query.items()}


class NotionApi(Api):
    name = "notion"
    prefix = "/notion"
    stats_prefix = ""  # Notion's routes are named as Notion documents them: /v1/pages/{page_id}
    control_prefix = "/_sandbox"

    def __init__(self, sandbox, rate_limit: float = 3.0, burst: int = 10):
        super().__init__(sandbox)
        self.limiter = TokenBuckets(rate_limit, burst)
        self.capabilities = {c: True for c in CAPABILITIES}
        self.store = Store(save=self.save)
        self.lock = self.store.lock

    # -- state -------------------------------------------------------------------------------
    def state(self) -> dict:
        return self.store.dump()

    def restore(self, section: dict) -> None:
        self.store.load(section)

    def wipe(self) -> None:
        self.store.wipe()

    def info(self) -> dict:
        started = self.sandbox._server is not None
        return {"notion_url": self.sandbox.url + self.prefix if started else None, "root_page_id": ROOT_PAGE_ID,
                "bot_user_id": BOT_ID, "notion_versions": list(VERSIONS),
                "rate_limit": {"rate": self.limiter.rate, "burst": self.limiter.burst},
                "capabilities": dict(self.capabilities)}

    def control(self, method, path, query, body):
        from .control import handle

        return handle(self.sandbox, method, path, body)

    def control_endpoints(self) -> list[str]:
        from .control import ENDPOINTS

        return ENDPOINTS

    # -- requests ----------------------------------------------------------------------------
    def serve(self, call: Call) -> None:
        sb = self.sandbox
        rid = new_request_id()
        try:
            found = match(call.method, call.path)
            if found is not None:
                call.route = found[0]
            if call.headers.get("Authorization", "") != sb.auth_header:
                raise errors.unauthorized()
            version = call.headers.get("Notion-Version")
            if version is None:
                raise NotionError(400, "missing_version", "Notion-Version header failed validation: "
                                  "Notion-Version header should be defined, instead was `undefined`.")
            if version not in VERSIONS:
                raise errors.validation(f"Notion-Version header failed validation: the sandbox speaks "
                                        f"{' and '.join(VERSIONS)}, instead was `{version}`.")
            wait = self.limiter.take(sb.token)
            if wait:
                raise errors.rate_limited(wait)
            if found is None:
                raise errors.invalid_url()
            _, handler, cap, params = found
            kind, applied = sb.faults.draw()
            if kind is not None and not applied:
                self.fault(call, kind, rid)
                return
            if cap and not self.capabilities[cap]:
                raise errors.restricted()
            body = {}
            if call.body and call.method in ("POST", "PATCH"):
                try:
                    body = json.loads(call.body)
                except ValueError:
                    raise errors.invalid_json() from None
                if not isinstance(body, dict):
                    raise errors.body_invalid("body", "an object", body)
            req = Request(self.store, call.method, params, parse_qs(call.query), body, version)
            with self.store.lock:
                result = handler(req)
                if call.method != "GET":
                    self.store.save()
            if kind is not None:  # applied, then the response is lost
                self.fault(call, kind, rid, result)
                return
            call.send(200, _with_request_id(result, rid), {"x-notion-request-id": rid})
        except NotionError as e:
            call.send(e.status, json.dumps(e.body(rid), ensure_ascii=False).encode(),
                      {"x-notion-request-id": rid, **e.headers})

    def fault(self, call: Call, kind: str, rid: str, result=None) -> None:
        if kind == "drop":
            call.drop()
            return
        if kind == "slow":
            self.sandbox.stopping.wait(self.sandbox.faults.slow_seconds)
            if result is not None:
                call.send(200, _with_request_id(result, rid), {"x-notion-request-id": rid})
                return
            kind = "504"
        status = int(kind)
        if status == 502:
            call.send(502, BAD_GATEWAY, ctype="text/html")
            return
        err = errors.rate_limited(1) if status == 429 else errors.conflict() if status == 409 \
            else errors.server_error(status)
        call.send(status, json.dumps(err.body(rid)).encode(), {"x-notion-request-id": rid, **err.headers})


def _with_request_id(result, rid: str) -> bytes:
    if isinstance(result, Raw):
        return bytes(result[:-1]) + b',"request_id":"' + rid.encode() + b'"}'
    result["request_id"] = rid
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
