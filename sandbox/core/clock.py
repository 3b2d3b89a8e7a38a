"""The sandbox's clock: real time plus an offset that tests move forward, shared by every API."""

from __future__ import annotations

import time
from email.utils import formatdate
from datetime import UTC


class Clock:
    """Real time plus an offset that tests and benchmarks move forward (`Sandbox.advance_clock`,
    `PUT /_sandbox/clock`) to stand for time passing between passes. One per process: every
    sandbox in it shares the offset."""

    offset = 0.0


def now() -> float:
    return time.time() + Clock.offset


_date_cache = [0, ""]


def http_date() -> str:
    """The Date header every HTTP server sends (clients may use it as the server's clock)."""
    t = int(now())
    if _date_cache[0] != t:
        _date_cache[:] = [t, formatdate(t, usegmt=True)]
    return _date_cache[1]


def iso_millis(ts: float) -> str:
    """A timestamp with milliseconds and `+00:00` (Notion's database times; the clock's own)."""
    from datetime import datetime

    dt = datetime.fromtimestamp(ts, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}+00:00"
