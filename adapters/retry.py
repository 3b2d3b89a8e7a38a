"""Which failures are worth another try, and how long to wait before it; any tool.

Reads are retried for every transient failure (the adapter says which are). A write is retried
by itself only when the server says it was not applied (429); after any other failure the caller
looks before writing again, so nothing is ever done twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from certsync.adapters.ratelimit import RateLimiter

log = logging.getLogger("certsync.retry")

NOT_APPLIED_STATUSES = frozenset({429})


def was_not_applied(error: BaseException) -> bool:
    """The server guarantees the request did nothing, so repeating it cannot duplicate it."""
    return getattr(error, "status", None) in NOT_APPLIED_STATUSES


def retry_after(error: BaseException) -> float | None:
    """Seconds from a `Retry-After` header, when the server sent one."""
    headers = getattr(error, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


class WaitRetryAfter:
    """Wait what the server asked for; otherwise back off exponentially with jitter."""

    def __init__(self, limiter: RateLimiter, max_seconds: float = 30.0) -> None:
        self.limiter = limiter
        self.fallback = wait_random_exponential(multiplier=0.25, max=max_seconds)

    def __call__(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = retry_after(error) if error is not None else None
        if asked is not None:
            # Everyone waits, not only this call: the limit is per token.
            self.limiter.pause(asked)
            return 0.0
        return self.fallback(state)


def retrying(limiter: RateLimiter, attempts: int, *, transient: Callable[[BaseException], bool],
             only_if_not_applied: bool = False) -> Retrying:
    """A tenacity policy for reads (every `transient` failure) or writes (only what did nothing)."""
    predicate = was_not_applied if only_if_not_applied else transient
    return Retrying(
        retry=retry_if_exception(predicate),
        wait=WaitRetryAfter(limiter),
        stop=stop_after_attempt(attempts),
        reraise=True,
    )


def write_once(write: Callable[[Callable[[], Any]], Any], send: Callable[[], Any], landed: Callable[[], bool], *,
               attempts: int, transient: Callable[[BaseException], bool], what: str) -> Any:
    """Send a write so that it happens once: `write(send)` retries only what did nothing (429);
    after a failure that may have been applied (5xx, timeout, dropped connection), `landed()` is
    asked before it is sent again. Returns what the write returned, or None when it had landed."""
    for attempt in range(1, attempts + 1):
        try:
            return write(send)
        except Exception as error:
            if not transient(error) or attempt == attempts:
                raise
            log.info("%s failed (%s); checking whether it landed", what, type(error).__name__)
            if landed():
                return None
    return None
