"""One pass over one tracker: lock, read, evaluate, plan, apply, record.

Speaks only the tracker contract (adapters/tracker.py). Safe to interrupt at any time: state is
recorded only after the write it describes succeeded, and an alert is announced in the state
before anything is done for it, so a pass that dies anywhere is finished by the next one without
a duplicate (see `_Applier`).
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, UTC
from typing import Any

from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Snapshot, same_owned
from certsync.adapters.registry import open_tracker, open_trackers, sections
from certsync.adapters.tracker import Tracker
from certsync.sync.comment import alert_marker, comment_text
from certsync.adapters import markers
from certsync.sync.lock import TrackerLock
from certsync.sync.plan import Action, plan
from certsync.sync.report import Outcome, PassReport
from certsync.sync.state import State

Progress = Callable[[str, int, "int | None"], None]  # (what: "reading" or "writing", done, total if known)


def _holds_our_values(record: EnrollmentRecord) -> bool:
    """Whether the record holds a value only certsync writes (a team may have counted
    postponements before it came)."""
    o = record.owned
    return bool(o.status or o.flags or o.flag_details or o.last_synced or o.sync_problem)


def run_passes(config: Any, **options: Any) -> list[PassReport]:
    """One pass per tracker the config names, one after the other."""
    return [run_pass(config, tracker=tracker, **options) for tracker in open_trackers(config)]


def run_pass(config: Any, *, today: date | None = None, dry_run: bool = False, full: bool = False,
             progress: Progress | None = None, tracker: Tracker | None = None) -> PassReport:
    """Run one pass on `tracker` (default: the config's first). Raises `lock.Busy` when another
    pass holds the tracker, `TrackerError` when the tracker cannot be read."""
    tracker = tracker or open_tracker(config, sections(config)[0])
    today = today or datetime.now(config.program.zone).date()
    return locked(config, tracker, lambda state, key: _run(config, tracker, state, key, today, dry_run, full, progress))


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

    def finish(self, state: State, tracker: Tracker) -> None:
        """Record where the next read starts, once everything the read led to is done."""
        complete = self.snapshot.complete
        state.finish_pass(self.snapshot.cursor, self.began if complete else None, {"remembered": tracker.remember()})


def read_records(config: Any, tracker: Tracker, state: State, *, full: bool = False, dry_run: bool = False,
                 progress: Progress | None = None) -> Records:
    """Read everything, or what changed since the last read (a full read daily), over the cache."""
    tracker.restore(state.get("remembered", {}))
    began = datetime.now(UTC)
    last_full = state.last_full()
    full = (full or not state.is_warm or last_full is None
            or began - last_full >= timedelta(hours=config.sync.full_sweep_hours))
    snapshot = tracker.read(None if full else state.cursor(), config.program.zone,
                            progress=(lambda done: progress("reading", done, None)) if progress else None)
    complete = snapshot.complete
    enrollments: dict[str, EnrollmentRecord] = {} if complete else state.enrollments()
    check_ins: dict[str, CheckInRecord] = {} if complete else state.check_ins()
    enrollments.update((r.enrollment.id, r) for r in snapshot.enrollments)
    check_ins.update((r.id, r) for r in snapshot.check_ins)
    if not dry_run:
        state.cache(list(snapshot.enrollments), list(snapshot.check_ins), replace=complete)
    return Records(snapshot, enrollments, check_ins, began)


def _run(config: Any, tracker: Tracker, state: State, key: str, today: date,
         dry_run: bool, full: bool, progress: Progress | None) -> PassReport:
    records = read_records(config, tracker, state, full=full, dry_run=dry_run, progress=progress)
    snapshot, enrollments, check_ins = records.snapshot, records.enrollments, records.check_ins
    complete = snapshot.complete

    actions = plan(enrollments.values(), check_ins.values(), histories=state.exam_histories(),
                   written=state.all_written(), today=today, policy=config.policy,
                   canonical=tracker.canonical, alerted=state.alert_tokens(), owned_fields=tracker.owned_fields)
    report = PassReport(tracker=key, today=today, dry_run=dry_run, full=complete,
                        enrollments_read=len(snapshot.enrollments), check_ins_read=len(snapshot.check_ins),
                        orphans=[p for r in check_ins.values() for p in r.problems if not p.enrollment_id])
    if dry_run:
        report.outcomes = [Outcome(action) for action in actions]
        return report

    applier = _Applier(tracker, state, pristine=not any(map(_holds_our_values, enrollments.values())))
    busy = [a for a in actions if a.changes or a.alert or a.history_changed]
    report.outcomes = [Outcome(a) for a in actions if not (a.changes or a.alert or a.history_changed)]
    for done, action in enumerate(busy, 1):
        report.outcomes.append(applier.apply(action))
        if progress:
            progress("writing", done, len(busy))
    records.finish(state, tracker)
    return report


class _Applier:
    """Applies one action: the record's owned fields first, whatever happens to its alert; then
    the alert, once.

    The alert protocol, which holds for a kill at any point, with the state kept or lost, and
    with other state files on the same tracker:
    - its keys are recorded as `intent` before anything is done for it, `posted` once posted;
    - an alert is only ever posted after its record holds certsync's values (the write comes
      first), so on a tracker where no record holds any owned value there is no alert to find,
      unless those values were emptied since: the first record is looked at to tell;
    - otherwise certsync's own comments on the record are looked at before posting, unless this
      state wrote exactly what the record holds and announced nothing for it: then no other pass
      can have posted it, since another pass would have changed the record first.
    """

    def __init__(self, tracker: Tracker, state: State, pristine: bool) -> None:
        self.tracker = tracker
        self.state = state
        self.pristine = pristine  # no record of the tracker held any owned value when it was read
        self.probed = False

    def apply(self, action: Action) -> Outcome:
        outcome = Outcome(action)
        record = action.record
        intended = self.state.token_states(action.page_id)
        written_before = self.state.written(action.page_id)
        try:
            if action.alert is not None:
                self.state.record_tokens(action.page_id, action.alert.keys, "intent")
            if action.changes:
                self.tracker.write(action.page_id, action.changes)
                self.state.record_written(record, action.desired, action.history)
                outcome.written = True
            elif action.history_changed:
                self.state.record_exam(action.page_id, action.history)
        except Exception as error:  # reported per record; the other records still sync
            self._failed(outcome, error)
            return outcome
        if action.alert is not None:
            try:
                outcome.commented = self._alert(action, intended, written_before)
            except Exception as error:
                if self.tracker.is_gone(error):
                    self._failed(outcome, error)
                else:
                    outcome.comment_error = self.tracker.describe(error)
        return outcome

    def _failed(self, outcome: Outcome, error: Exception) -> None:
        if self.tracker.is_gone(error):
            # Deleted or trashed since it was read: forget it; a full read confirms.
            self.state.forget(outcome.action.page_id)
            outcome.gone = True
        else:
            outcome.error = self.tracker.describe(error)

    def _alert(self, action: Action, intended: dict[str, str], written: Any) -> bool:
        draft = action.alert
        assert draft is not None
        record, page_id = action.record, action.page_id
        ours = written is not None and same_owned(record.owned, written)
        look = any(k in intended for k in draft.keys) or not (ours or self.pristine)
        # On a tracker that looks pristine, the first record is looked at all the same: its owned
        # properties may have been emptied (provisioned again) with the state lost.
        probe = not (look or ours or self.probed)
        if look or probe:
            mine = self.tracker.comments(page_id)
            if probe:
                self.probed = True
                self.pristine = not mine  # certsync has been here before: look everywhere
            seen = set().union(*(markers.tokens(c.marker) for c in mine if c.kind == "alert"))
            self.state.record_tokens(page_id, draft.only(seen).keys, "posted")
            draft = draft.only(t for t in draft.tokens if t not in seen)
            if not draft.tokens:
                return False
        enrollment = record.enrollment.model_copy(update={"exam_history": action.history})
        self.tracker.post_comment(page_id, record.enrollment.manager, comment_text(enrollment, list(draft.flags)),
                                  alert_marker(list(draft.tokens)))
        self.state.record_tokens(page_id, draft.keys, "posted")
        return True
