"""Fault injection, reproducible by seed.

A spec gives a rate per kind: `429=0.1,503=0.05,drop=0.02,slow=0.01`. Kinds:
- 409 (conflict_error), 429, 503, 529: refused before doing anything (a client may repeat
  the request, after re-reading for a 409);
- 500, 502, 504, slow, drop: the request may or may not have been applied before the failure
  (decided by the same seeded generator, half the time each). A write whose response is lost
  really happened, so a client must re-read before repeating it.
- slow: the response comes after `slow_seconds` (default 3 s), past a short client timeout;
- drop: the connection closes without a response.
The generator is drawn once per API request (Notion or another), in arrival order, so one seed
and one request sequence give the same faults.
"""

from __future__ import annotations

import random
import threading

KINDS = ("409", "429", "500", "502", "503", "504", "529", "slow", "drop")
NEVER_APPLIED = ("409", "429", "503", "529")


def parse_faults(spec: str | None) -> dict:
    """Parse `kind=rate,...` into {kind: rate}; ValueError says what is wrong."""
    out: dict[str, float] = {}
    if spec is None or not spec.strip():
        return out
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ValueError(f"fault spec {spec!r}: {part!r} should look like kind=rate, e.g. 503=0.05")
        kind, _, rate = (s.strip() for s in part.partition("="))
        if kind not in KINDS:
            raise ValueError(f"fault spec {spec!r}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        try:
            value = float(rate)
        except ValueError:
            raise ValueError(f"fault spec {spec!r}: rate {rate!r} for {kind} is not a number") from None
        if not 0 <= value <= 1:
            raise ValueError(f"fault spec {spec!r}: rate for {kind} should be between 0 and 1, found {value}")
        if kind in out:
            raise ValueError(f"fault spec {spec!r}: {kind} is given twice")
        out[kind] = value
    if sum(out.values()) > 1 + 1e-9:
        raise ValueError(f"fault spec {spec!r}: rates add up to {sum(out.values()):g}, more than 1")
    return out


class Faults:
    def __init__(self, spec: str = "", seed: int = 0, slow_seconds: float = 3.0):
        self.lock = threading.Lock()
        self.configure(spec, seed, slow_seconds)

    def configure(self, spec: str = "", seed: int = 0, slow_seconds: float | None = None) -> None:
        rates = parse_faults(spec)
        with self.lock:
            self.spec = spec or ""
            self.rates = rates
            self.seed = seed
            self.rng = random.Random(seed)
            if slow_seconds is not None:
                if slow_seconds < 0:
                    raise ValueError(f"slow_seconds should be ≥ 0, found {slow_seconds}")
                self.slow_seconds = float(slow_seconds)

    def describe(self) -> dict:
        return {"spec": self.spec, "rates": dict(self.rates), "seed": self.seed, "slow_seconds": self.slow_seconds}

    def draw(self) -> tuple[str | None, bool]:
        """(kind or None, applied-before-failure) for the next request."""
        if not self.rates:
            return None, False
        with self.lock:
            r = self.rng.random()
            applied = self.rng.random() < 0.5
        acc = 0.0
        for kind in KINDS:
            acc += self.rates.get(kind, 0.0)
            if r < acc:
                return kind, (applied and kind not in NEVER_APPLIED)
        return None, False
