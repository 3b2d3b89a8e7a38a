"""What a pass and a reminder round share: the tracker's lock, its state, and the records read.

`locked` takes the tracker's lock (resolving its key first, once per state file) and opens its
view of the state; `read_records` reads everything, or what changed since the last read, over the
cached records; `read_sessions` reads the cohorts' sessions (whole: there are few).
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Snapshot
from certsync.adapters.tracker import Tracker
from certsync.rules.model import Session
from certsync.sync.lock import TrackerLock
from certsync.sync.state import State

Progress = Callable[[str, int, "int | None"], None]  # (what: "reading" or "writing", done, total if known)


def locked(config: Any, tracker: Tracker, work: Callable[[State, str], Any]) -> Any:
    """`work(state, key)` under the tracker's lock, with its state; its report gets the requests
    made and the time taken."""
    started, requests_before = time.monotonic(), tracker.requests
    state = State(config.state_path)
    try:
        key = _key(tracker, state)
        with TrackerLock(key), paused_gc():
            state.bind(key)
            report = work(state, key)
    finally:
        state.close()
    report.requests = tracker.requests - requests_before
    report.seconds = time.monotonic() - started
    return report


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection during a pass: a pass builds hundreds of thousands of small
    objects (the cached records) and no cycles, and each collection would scan them all again.
    What is left afterwards is frozen out of later collections; reference counting frees it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _key(tracker: Tracker, state: State) -> str:
    """The tracker's stable key; resolving it may cost a request, once per state file."""
    reference = getattr(tracker, "reference", None)
    known = state.alias(reference) if reference else None
    if known is not None:
        state.bind(known)
        tracker.restore(state.get("remembered", {}))
        return known
    key = tracker.key
    if reference:
        state.remember_alias(reference, key)
    return key


@dataclass
class Records:
    """The tracker as a pass or a reminder round works on it: what was read, over the cache."""

    snapshot: Snapshot
    enrollments: dict[str, EnrollmentRecord]
    check_ins: dict[str, CheckInRecord]
    began: datetime
    unchanged: bool = False  # nothing was read and the cache was left unloaded

    def finish(self, state: State, tracker: Tracker) -> None:
        """Record where the next read starts, once everything the read led to is done."""
        complete = self.snapshot.complete
        state.finish_pass(self.snapshot.cursor, self.began if complete else None, {"remembered": tracker.remember()})


def read_records(config: Any, tracker: Tracker, state: State, *, full: bool = False, dry_run: bool = False,
                 progress: Progress | None = None, unless_unchanged: bool = False) -> Records:
    """Read everything, or what changed since the last read (a full read daily), over the cache.
    `unless_unchanged`: when the read found nothing changed, the cache is not loaded at all
    (`Records.unchanged`); the caller knows whether it needs it."""
    tracker.restore(state.get("remembered", {}))
    began = datetime.now(UTC)
    last_full = state.last_full()
    full = (full or not state.is_warm or last_full is None
            or began - last_full >= timedelta(hours=config.sync.full_sweep_hours))
    snapshot = tracker.read(None if full else state.cursor(), config.program.zone,
                            progress=(lambda done: progress("reading", done, None)) if progress else None)
    complete = snapshot.complete
    if unless_unchanged and not complete and not snapshot.enrollments and not snapshot.check_ins:
        return Records(snapshot, {}, {}, began, unchanged=True)
    enrollments: dict[str, EnrollmentRecord] = {} if complete else state.enrollments()
    check_ins: dict[str, CheckInRecord] = {} if complete else state.check_ins()
    enrollments.update((r.enrollment.id, r) for r in snapshot.enrollments)
    check_ins.update((r.id, r) for r in snapshot.check_ins)
    if not dry_run:
        state.cache(list(snapshot.enrollments), list(snapshot.check_ins), replace=complete)
    return Records(snapshot, enrollments, check_ins, began)


def read_sessions(tracker: Tracker) -> tuple[Session, ...]:
    """The cohorts' sessions, read whole once per pass (none when the tracker keeps none)."""
    return tuple(tracker.sessions())


def sessions_digest(sessions: tuple[Session, ...]) -> str:
    """A short digest of the sessions, in no particular order: what a settled pass compares."""
    rows = sorted(f"{s.id}|{s.day.isoformat()}|{s.cohort}|{s.topic}|{','.join(sorted(s.attendees))}"
                  for s in sessions)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
