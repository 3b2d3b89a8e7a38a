"""What an Asana handler is given (`Request`) and what it answers (`Result`)."""

from __future__ import annotations

from .fields import Ref, parse_opt_fields


class Request:
    """What an Asana handler is given."""

    __slots__ = ("store", "method", "params", "query", "data", "user", "tree", "path", "base_url", "api")

    def __init__(self, api, method, path, params, query, data, user, base_url):
        self.api, self.store, self.method, self.path = api, api.store, method, path
        self.params, self.query, self.data, self.user = params, query, data, user
        self.tree = parse_opt_fields(query)
        self.base_url = base_url

    def q(self, name: str):
        values = self.query.get(name)
        return values[0] if values else None


class Result:
    """A handler's answer: Refs (or plain dicts) to show, and how."""

    __slots__ = ("value", "status", "full", "next_page", "location", "extra", "written")

    def __init__(self, value, status: int = 200, full: bool = True, next_page=False, location: str | None = None,
                 extra: dict | None = None, written: bool = False):
        self.value, self.status, self.full, self.next_page = value, status, full, next_page
        self.location, self.extra, self.written = location, extra or {}, written


PATHS = {"story": "stories"}  # where each kind lives, for Location; else the kind plus "s"


def created(ref: Ref) -> Result:
    """201 with Location, the record as write answers show it."""
    where = PATHS.get(ref.kind, ref.kind + "s")
    return Result(ref, status=201, location=f"/api/1.0/{where}/{ref.gid}", written=True)


def written(ref: Ref) -> Result:
    """200 with the record as write answers show it."""
    return Result(ref, written=True)
