"""Rate limits as a token bucket per token (Notion's uses it as is).

Default: 3 requests/second on average with a burst of 10 (Notion documents "an average of
three requests per second" and allows some bursts). rate=0 turns limiting off. A refused
request gets 429 with an integer Retry-After: the seconds until a token is available, at least 1.
"""

from __future__ import annotations

import math
import threading
import time


class TokenBuckets:
    def __init__(self, rate: float = 3.0, burst: int = 10, clock=time.monotonic):
        self.lock = threading.Lock()
        self.clock = clock
        self.configure(rate, burst)

    def configure(self, rate: float, burst: int) -> None:
        if rate < 0 or burst < 0:
            raise ValueError(f"rate limit and burst must be ≥ 0, got rate={rate}, burst={burst}")
        with self.lock:
            self.rate = float(rate)
            self.burst = max(1, int(burst)) if rate > 0 else int(burst)
            self.buckets: dict[str, list[float]] = {}

    def take(self, key: str) -> int:
        """Spend one token for `key`; return 0 if allowed, else the Retry-After in seconds."""
        if self.rate <= 0:
            return 0
        with self.lock:
            t = self.clock()
            bucket = self.buckets.get(key)
            if bucket is None:
                bucket = self.buckets[key] = [float(self.burst), t]
            tokens = min(self.burst, bucket[0] + (t - bucket[1]) * self.rate)
            bucket[1] = t
            if tokens >= 1:
                bucket[0] = tokens - 1
                return 0
            bucket[0] = tokens
            return max(1, math.ceil((1 - tokens) / self.rate))


class ConcurrencyLimit:
    """At most `limit` requests in flight per key (0: no limit). `enter` says whether one may
    start; every successful `enter` is followed by one `leave`."""

    def __init__(self, limit: int = 0):
        self.lock = threading.Lock()
        self.limit = int(limit)
        self.in_flight: dict[str, int] = {}

    def enter(self, key: str) -> bool:
        with self.lock:
            n = self.in_flight.get(key, 0)
            if self.limit and n >= self.limit:
                return False
            self.in_flight[key] = n + 1
            return True

    def leave(self, key: str) -> None:
        with self.lock:
            self.in_flight[key] -= 1
