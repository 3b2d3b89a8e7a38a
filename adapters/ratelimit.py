"""A client-side limiter: every request to a tracker waits its turn here.

A token bucket at the API's documented average rate. `pause()` holds every caller back when the
server says so (a 429's `Retry-After`), so one rate-limited call slows the whole pass, not just
itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        per_second: float,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_second < 0:
            raise ValueError(f"requests per second must be 0 (off) or more, not {per_second}")
        self.per_second = per_second
        self.burst = max(1, burst)
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(self.burst)
        self._updated = clock()
        self._paused_until = 0.0
        self._lock = threading.Lock()
        self.waited = 0.0

    def acquire(self) -> None:
        """Block until one request may be sent."""
        if self.per_second == 0 and self._paused_until <= self._clock():
            return
        with self._lock:
            now = self._clock()
            delay = max(0.0, self._paused_until - now)
            if self.per_second:
                self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.per_second)
                self._updated = now
                self._tokens -= 1
                if self._tokens < 0:
                    delay = max(delay, -self._tokens / self.per_second)
            if delay > 0:
                self.waited += delay
                self._sleep(delay)

    def pause(self, seconds: float) -> None:
        """Hold every caller back for `seconds` from now (the server asked us to)."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)
