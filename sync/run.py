"""One pass over one tracker: lock, read, evaluate, plan, apply, record.

The cohorts' sessions are read once per pass, whole, and judged with every enrollment.

Speaks only the tracker contract (adapters/tracker.py). Safe to interrupt at any time: state is
recorded only after the write it describes succeeded, and an alert is announced in the state
before anything is done for it, so a pass that dies anywhere is finished by the next one without
a duplicate (see sync/apply.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from certsync.adapters.registry import open_tracker, open_trackers, sections
from certsync.adapters.tracker import Tracker
from certsync.rules.model import Session
from certsync.sync.apply import Applier, holds_our_values
from certsync.sync.plan import plan
from certsync.sync.report import Outcome, PassReport
from certsync.sync.session import Progress, locked, read_records, read_sessions, sessions_digest
from certsync.sync.state import State


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


SETTLED = "settled"  # the day, policy, fields and sessions of the last pass that left nothing to do


def _settled_key(config: Any, tracker: Tracker, today: date, sessions: tuple[Session, ...] = ()) -> str:
    """What a pass's plan depends on besides the records: the day (weeks fall due by date), the
    policy, the fields the tracker has and the cohorts' sessions (a session or its attendance
    changes flags without any record being edited)."""
    return (f"{today.isoformat()}|{config.policy.model_dump_json()}|{','.join(tracker.owned_fields)}"
            f"|{sessions_digest(sessions)}")


def _run(config: Any, tracker: Tracker, state: State, key: str, today: date,
         dry_run: bool, full: bool, progress: Progress | None) -> PassReport:
    # The same day, policy, fields and sessions as a pass that left nothing to do, and nothing read
    # since: the plan would be the same, so the cache is not even loaded (a settled pass costs its
    # reads: the sessions' and the records').
    sessions = read_sessions(tracker)
    settled = _settled_key(config, tracker, today, sessions)
    records = read_records(config, tracker, state, full=full, dry_run=dry_run, progress=progress,
                           unless_unchanged=not dry_run and state.get(SETTLED) == settled)
    snapshot, enrollments, check_ins = records.snapshot, records.enrollments, records.check_ins
    complete = snapshot.complete
    if records.unchanged:
        records.finish(state, tracker)
        return PassReport(tracker=key, today=today, unchanged=True)

    actions = plan(enrollments.values(), check_ins.values(), histories=state.exam_histories(),
                   written=state.all_written(), today=today, policy=config.policy,
                   canonical=tracker.canonical, alerted=state.alert_tokens(), owned_fields=tracker.owned_fields,
                   sessions=sessions)
    report = PassReport(tracker=key, today=today, dry_run=dry_run, full=complete,
                        enrollments_read=len(snapshot.enrollments), check_ins_read=len(snapshot.check_ins),
                        orphans=[p for r in check_ins.values() for p in r.problems if not p.enrollment_id])
    if dry_run:
        report.outcomes = [Outcome(action) for action in actions]
        return report

    applier = Applier(tracker, state, pristine=not any(map(holds_our_values, enrollments.values())))
    busy = [a for a in actions if a.changes or a.alert or a.history_changed]
    report.outcomes = [Outcome(a) for a in actions if not (a.changes or a.alert or a.history_changed)]
    for done, action in enumerate(busy, 1):
        report.outcomes.append(applier.apply(action))
        if progress:
            progress("writing", done, len(busy))
    records.finish(state, tracker)
    state.finish_pass(state.cursor(), None, {SETTLED: None if report.failures else settled})
    return report
