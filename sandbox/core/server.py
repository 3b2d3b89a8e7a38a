"""The HTTP front: one threaded server, requests dispatched by path prefix to an API or to the
control API under /_sandbox."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .api import Call
from .clock import http_date

REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
           402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           409: "Conflict", 412: "Precondition Failed", 424: "Failed Dependency", 429: "Too Many Requests",
           451: "Unavailable For Legal Reasons", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout", 529: "Site Overloaded"}


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
        sb = self.server.sandbox
        url = urlsplit(self.path)
        body = self.read_body()
        if url.path == "/_sandbox" or url.path.startswith("/_sandbox/"):
            from .control import handle

            status, obj = handle(sb, method, url.path, parse_qs(url.query), body)
            self.send(status, json.dumps(obj, ensure_ascii=False).encode())
            return
        api = sb.api_at(url.path)
        if api is None:
            where = ", ".join(f"the {a.name.capitalize()} API under {a.prefix}" for a in sb.apis)
            self.send(404, json.dumps({"error": f"not found: {where}, the control API under /_sandbox"}).encode())
            return
        call = Call(self, method, url.path[len(api.prefix):], url.query, body, self.headers,
                    record=lambda c: sb.record(c.method, api.stats_prefix + c.route, c.status),
                    observe=(lambda c, status, data: sb.observe(c.method, api.stats_prefix + c.route, status, data))
                    if sb.response_hooks else None)
        try:
            api.serve(call)
        finally:
            if call.status is None:  # the API failed before answering
                sb.record(method, api.stats_prefix + call.route, 500)
