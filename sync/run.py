"""One pass over one tracker: lock, read, evaluate, plan, apply, record.

Safe to interrupt at any time: state is recorded only after the write it describes succeeded,
and a comment is announced in the state before it is posted, so a pass that dies anywhere is
finished by the next one without a duplicate.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from certsync.adapters.notion.tracker import NotionTracker, TrackerError, describe_error, is_gone, notion_id
from certsync.adapters.records import CheckInRecord, EnrollmentRecord
from certsync.sync.lock import TrackerLock
from certsync.sync.plan import Action, plan
from certsync.sync.report import Outcome, PassReport
from certsync.sync.state import State

Progress = Callable[[str, int, "int | None"], None]  # (what: "reading" or "writing", done, total if known)


def _notion(config: Any) -> Any:
    if config.notion is None:
        raise TrackerError("certsync syncs Notion trackers so far: add a [notion] section "
                           "(the Asana adapter is not built yet)")
    return config.notion


def tracker_key(config: Any) -> str:
    return f"notion:{notion_id(_notion(config).enrollments)}"


def open_tracker(config: Any) -> NotionTracker:
    return NotionTracker(_notion(config), _notion(config).token())


def run_pass(config: Any, *, today: date | None = None, dry_run: bool = False, full: bool = False,
             progress: Progress | None = None, tracker: NotionTracker | None = None) -> PassReport:
    """Run one pass. Raises `lock.Busy` when another pass holds the tracker."""
    tracker = tracker or open_tracker(config)
    key = tracker_key(config)
    today = today or datetime.now(config.program.zone).date()
    started = time.monotonic()
    with TrackerLock(config.state_path, key):
        state = State(config.state_path, key)
        try:
            report = _run(config, tracker, state, key, today, dry_run, full, progress)
        finally:
            state.close()
    report.requests = tracker.requests
    report.seconds = time.monotonic() - started
    return report


def _run(config: Any, tracker: NotionTracker, state: State, key: str, today: date,
         dry_run: bool, full: bool, progress: Progress | None) -> PassReport:
    tracker.sources.update(state.get("sources", {}))
    tracker.owned_types.update(state.get("owned_types", {}))
    began = datetime.now(timezone.utc)
    cursor, last_full = state.cursor(), state.last_full()
    # The cached records were read through the field mapping; another mapping reads them anew.
    mapping = _notion(config).model_dump_json(include={"enrollments", "check_ins", "fields", "check_in_fields"})
    full = (full or cursor is None or last_full is None or state.get("mapping") != mapping
            or began - last_full >= timedelta(hours=config.sync.full_sweep_hours))
    # Notion rounds edit times down to the minute: start from the minute, less the overlap.
    since = None if full else cursor.replace(second=0, microsecond=0) - timedelta(minutes=config.sync.overlap_minutes)

    snapshot = tracker.read(since, config.program.zone,
                            progress=(lambda done: progress("reading", done, None)) if progress else None)
    enrollments: dict[str, EnrollmentRecord] = {} if full else state.enrollments()
    check_ins: dict[str, CheckInRecord] = {} if full else state.check_ins()
    enrollments.update((r.enrollment.id, r) for r in snapshot.enrollments)
    check_ins.update((r.id, r) for r in snapshot.check_ins)
    if not dry_run:
        state.cache(list(snapshot.enrollments), list(snapshot.check_ins), replace=full)

    actions = plan(enrollments.values(), check_ins.values(), histories=state.exam_histories(),
                   written=state.all_written(), today=today, policy=config.policy,
                   canonical=tracker.canonical)
    report = PassReport(tracker=key, today=today, dry_run=dry_run, full=full,
                        enrollments_read=len(snapshot.enrollments), check_ins_read=len(snapshot.check_ins),
                        orphans=[p for r in check_ins.values() for p in r.problems if not p.enrollment_id])
    if dry_run:
        report.outcomes = [Outcome(action) for action in actions]
        return report

    applier = _Applier(tracker, state, pristine=not state.is_warm and not any(
        r.owned.last_synced for r in enrollments.values()))
    # Writes that post no comment go first: once one page holds certsync's values the tracker is
    # no longer pristine, which is what lets a later pass trust an empty state (see _Applier).
    ordered = sorted(actions, key=lambda a: a.comment is not None)
    for done, action in enumerate(ordered, 1):
        report.outcomes.append(applier.apply(action))
        if progress:
            progress("writing", done, len(ordered))
    state.finish_pass(snapshot.read_at or began, began if full else None,
                      {"sources": tracker.sources, "owned_types": tracker.owned_types, "mapping": mapping})
    return report


class _Applier:
    """Applies one action: comment (announced, then posted), then the page write, then state.

    Whether to look for an existing comment before posting: with a warm state, only when the
    state holds an unfinished intent for it. With a cold state (first pass, or the file was
    lost) a comment could exist only if an earlier pass posted it, and no pass posts a comment
    before some page holds certsync's mark (`Last synced`): on a pristine tracker, the first
    comment of a pass waits until a page write has succeeded, and if none has, its own page gets
    the mark first. So on a pristine tracker nothing needs a look, and otherwise (cold state)
    every new comment is looked for first.
    """

    def __init__(self, tracker: NotionTracker, state: State, pristine: bool) -> None:
        self.tracker = tracker
        self.state = state
        self.cold = not state.is_warm
        self.pristine = pristine
        self.wrote_a_page = False

    def apply(self, action: Action) -> Outcome:
        outcome = Outcome(action)
        try:
            if action.comment is not None:
                outcome.commented = self._comment(action)
            if action.changes:
                self.tracker.write(action.page_id, action.changes)
                self.state.record_written(action.record, action.desired, action.history)
                self.wrote_a_page = True
                outcome.written = True
            else:
                self.state.record_exam(action.page_id, action.history)
        except Exception as error:  # reported per record; the other records still sync
            if is_gone(error):
                # Deleted or trashed since it was read: forget it; a full read confirms.
                self.state.forget(action.page_id)
                outcome.gone = True
            else:
                outcome.error = describe_error(error)
        return outcome

    def _comment(self, action: Action) -> bool:
        draft = action.comment
        assert draft is not None
        known = self.state.comment_state(action.page_id, draft.marker)
        if known == "posted":
            return False
        look_first = known == "intent" or (self.cold and not self.pristine)
        if self.pristine and not self.wrote_a_page:
            self.tracker.write(action.page_id, {"last_synced": action.desired.last_synced})
            self.wrote_a_page = True
        self.state.record_comment(action.page_id, draft.marker, "intent")
        if look_first and self.tracker.has_comment(action.page_id, draft.marker):
            self.state.record_comment(action.page_id, draft.marker, "posted")
            return False
        manager = action.record.enrollment.manager
        self.tracker.post_comment(action.page_id, manager, draft.text, draft.marker)
        self.state.record_comment(action.page_id, draft.marker, "posted")
        return True
