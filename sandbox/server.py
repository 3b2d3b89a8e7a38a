"""HTTP front: auth, Notion-Version, rate limit, faults, capabilities, stats, then the handler."""

from __future__ import annotations

import json
import socket
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import errors
from .common import now as clock_now
from .errors import NotionError, new_request_id
from .pages import Raw
from .routes import match

VERSIONS = ("2025-09-03", "2026-03-11")
REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout", 529: "Site Overloaded"}
BAD_GATEWAY = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
               b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n")


_date_cache = [0, ""]


def http_date() -> str:
    """The Date header every HTTP server sends (clients may use it as the server's clock)."""
    now = int(clock_now())
    if _date_cache[0] != now:
        _date_cache[:] = [now, formatdate(now, usegmt=True)]
    return _date_cache[1]


class Request:
    __slots__ = ("store", "method", "params", "query", "body", "version")

    def __init__(self, store, method, params, query, body, version):
        self.store, self.method, self.params = store, method, params
        self.query, self.body, self.version = query, body, version

    def query_one(self) -> dict:
        return {k: v[0] for k, v in self.query.items()}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, sandbox):
        self.sandbox = sandbox
        self.conns: set = set()
        self.conns_lock = threading.Lock()
        super().__init__(addr, Handler)

    def close_connections(self) -> None:
        with self.conns_lock:
            conns = list(self.conns)
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.conns_lock:
            self.server.conns.add(self.connection)

    def finish(self):
        with self.server.conns_lock:
            self.server.conns.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format, *args):  # quiet: secrets never reach logs, and tests stay readable
        pass

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    # -- plumbing ----------------------------------------------------------------------------
    def read_body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send(self, status: int, data: bytes, headers: dict | None = None, ctype="application/json; charset=utf-8"):
        head = [f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}", f"Date: {http_date()}",
                f"Content-Type: {ctype}", f"Content-Length: {len(data)}"]
        for k, v in (headers or {}).items():
            head.append(f"{k}: {v}")
        if self.close_connection:
            head.append("Connection: close")
        try:
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    def dispatch(self, method: str):
        url = urlsplit(self.path)
        body = self.read_body()
        if url.path.startswith("/notion/"):
            self.notion(method, url.path[len("/notion"):], url.query, body)
        elif url.path == "/_sandbox" or url.path.startswith("/_sandbox/"):
            from .control import handle

            status, obj = handle(self.server.sandbox, method, url.path, parse_qs(url.query), body)
            self.send(status, json.dumps(obj, ensure_ascii=False).encode())
        else:
            self.send(404, b'{"error":"not found: the Notion API is under /notion, the control API under /_sandbox"}')

    def notion(self, method, path, query, raw_body):
        sb = self.server.sandbox
        rid = new_request_id()
        route = "(invalid)"
        status = 500
        try:
            try:
                found = match(method, path)
                if found is not None:
                    route = found[0]
                auth = self.headers.get("Authorization", "")
                if auth != sb.auth_header:
                    raise errors.unauthorized()
                version = self.headers.get("Notion-Version")
                if version is None:
                    raise NotionError(400, "missing_version", "Notion-Version header failed validation: "
                                      "Notion-Version header should be defined, instead was `undefined`.")
                if version not in VERSIONS:
                    raise errors.validation(f"Notion-Version header failed validation: the sandbox speaks "
                                            f"{' and '.join(VERSIONS)}, instead was `{version}`.")
                wait = sb.limiter.take(sb.token)
                if wait:
                    raise errors.rate_limited(wait)
                if found is None:
                    raise errors.invalid_url()
                _, handler, cap, params = found
                kind, applied = sb.faults.draw()
                if kind is not None and not applied:
                    status = self.fault(kind, rid)
                    return
                if cap and not sb.capabilities[cap]:
                    raise errors.restricted()
                body = {}
                if raw_body and method in ("POST", "PATCH"):
                    try:
                        body = json.loads(raw_body)
                    except ValueError:
                        raise errors.invalid_json() from None
                    if not isinstance(body, dict):
                        raise errors.body_invalid("body", "an object", body)
                req = Request(sb.store, method, params, parse_qs(query), body, version)
                with sb.store.lock:
                    result = handler(req)
                    if method != "GET":
                        sb.store.save()
                if kind is not None:  # applied, then the response is lost
                    status = self.fault(kind, rid, result)
                    return
                if isinstance(result, Raw):
                    data = bytes(result[:-1]) + b',"request_id":"' + rid.encode() + b'"}'
                else:
                    result["request_id"] = rid
                    data = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
                status = 200
                self.send(200, data, {"x-notion-request-id": rid})
            except NotionError as e:
                status = e.status
                self.send(e.status, json.dumps(e.body(rid), ensure_ascii=False).encode(),
                          {"x-notion-request-id": rid, **e.headers})
        finally:
            sb.record(method, route, status)

    def fault(self, kind: str, rid: str, result=None) -> int:
        sb = self.server.sandbox
        if kind == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return 0
        if kind == "slow":
            sb.stopping.wait(sb.faults.slow_seconds)
            if result is None:
                kind = "504"
            else:
                data = bytes(result[:-1]) + b',"request_id":"' + rid.encode() + b'"}' if isinstance(result, Raw) \
                    else json.dumps({**result, "request_id": rid}).encode()
                self.send(200, data, {"x-notion-request-id": rid})
                return 200
        status = int(kind)
        if status == 502:
            self.send(502, BAD_GATEWAY, ctype="text/html")
            return 502
        err = errors.rate_limited(1) if status == 429 else errors.conflict() if status == 409 else errors.server_error(status)
        self.send(status, json.dumps(err.body(rid)).encode(), {"x-notion-request-id": rid, **err.headers})
        return status
