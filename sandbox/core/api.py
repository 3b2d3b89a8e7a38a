"""What an API plugs into the core with, and the one exchange the core hands it per request.

An `Api` owns everything that is its own: the path prefix it is served under, its auth check
and error envelope, its route table, its rate limits, its control routes (under its control
prefix), its state and its part of reset, info and persistence. The core owns the socket, the
clock, the fault generator, the stats and the data file.
"""

from __future__ import annotations

import socket


class Call:
    """One request to an API: what came in, and how to answer it (once)."""

    __slots__ = ("handler", "method", "path", "query", "body", "headers", "route", "status", "record", "observe")

    def __init__(self, handler, method: str, path: str, query: str, body: bytes, headers, record=None,
                 observe=None):
        self.handler = handler
        self.method, self.path, self.query, self.body, self.headers = method, path, query, body, headers
        self.route = "(invalid)"  # the route template, for the stats
        self.status = None  # what the client was answered; 0 for a dropped connection
        self.record = record  # counts the answer in the stats, before the client can see it
        self.observe = observe  # observe(call, status, data): the answer, before the client sees it

    def _count(self, status: int) -> None:
        self.status = status
        if self.record is not None:
            self.record(self)

    def send(self, status: int, data: bytes, headers: dict | None = None,
             ctype: str = "application/json; charset=utf-8") -> None:
        self._count(status)
        if self.observe is not None:
            self.observe(self, status, data)
        self.handler.send(status, data, headers, ctype)

    def drop(self) -> None:
        """Close the connection without an answer (the `drop` fault)."""
        self._count(0)
        self.handler.close_connection = True
        try:
            self.handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Api:
    """Base of an API served by the sandbox. Subclasses set the class attributes, `lock` (held
    while their state changes; reset takes it) and `serve`."""

    name = ""  # the data file section, the info key
    prefix = ""  # served under this path, e.g. /notion
    stats_prefix = ""  # put before route templates in the stats
    control_prefix = "/_sandbox"  # its control routes live under this path

    def __init__(self, sandbox):
        self.sandbox = sandbox

    def serve(self, call: Call) -> None:
        raise NotImplementedError

    def control(self, method: str, path: str, query: dict, body: dict):
        """Answer a control request under `control_prefix` (path relative to it): (status, obj),
        or None when it is not one of this API's control routes."""
        return None

    def control_endpoints(self) -> list[str]:
        return []

    def info(self) -> dict:
        return {}

    # -- state -------------------------------------------------------------------------------
    def state(self) -> dict:
        """Everything to persist, as JSON-able data."""
        raise NotImplementedError

    def restore(self, section: dict) -> None:
        """Take the state back from a data file's section (ValueError when it is not one)."""
        raise NotImplementedError

    def wipe(self) -> None:
        """Back to the initial state."""
        raise NotImplementedError

    def save(self) -> None:
        """Persist this API's section now, if the sandbox keeps a data file (call with the API's
        own lock held)."""
        if self.sandbox.data_file is not None:
            self.sandbox.save_section(self.name, self.state())
