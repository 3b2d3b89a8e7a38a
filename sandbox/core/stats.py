"""Request counts by method, route template and status, for every API the sandbox serves."""

from __future__ import annotations

import threading


class RequestStats:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[tuple, int] = {}

    def record(self, method: str, route: str, status: int) -> None:
        key = (method, route, status)
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1

    def rows(self) -> list[dict]:
        with self._lock:
            items = sorted(self._counts.items())
        return [{"method": m, "route": r, "status": s, "count": n} for (m, r, s), n in items]

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()
