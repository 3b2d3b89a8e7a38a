"""A route table: method + path template (`/tasks/{task_gid}`) → whatever the API attaches to it."""

from __future__ import annotations

from urllib.parse import unquote


class RouteTable:
    """Routes of one API. Literal segments win over parameters (`users/me` before `users/{id}`)."""

    def __init__(self, routes):
        """`routes`: (method, template, *payload) tuples; `match` returns the payload."""
        self.routes = list(routes)
        self._table: dict[tuple[str, int], list] = {}
        for method, template, *payload in self.routes:
            segs = template.strip("/").split("/")
            self._table.setdefault((method, len(segs)), []).append((segs, template, payload))
        for entries in self._table.values():
            entries.sort(key=lambda e: sum(s.startswith("{") for s in e[0]))

    def match(self, method: str, path: str):
        """Return (template, payload, params) or None."""
        segs = path.strip("/").split("/")
        for tsegs, template, payload in self._table.get((method, len(segs)), ()):
            params = {}
            for t, s in zip(tsegs, segs):
                if t.startswith("{"):
                    if not s:
                        break
                    params[t[1:-1]] = unquote(s)
                elif t != s:
                    break
            else:
                return template, payload, params
        return None

    def knows_path(self, path: str) -> bool:
        """Whether any method serves this path (a wrong method is then 405-like, not 404-like)."""
        return any(self.match(m, path) for m in ("GET", "POST", "PUT", "PATCH", "DELETE"))
