"""Applying a pass's plan to the tracker: owned fields first, then each owed alert, once."""

from __future__ import annotations

from typing import Any

from certsync.adapters import markers
from certsync.adapters.records import EnrollmentRecord, same_owned
from certsync.adapters.tracker import Tracker
from certsync.sync.comment import alert_marker, comment_text
from certsync.sync.plan import Action
from certsync.sync.report import Outcome
from certsync.sync.state import State


def holds_our_values(record: EnrollmentRecord) -> bool:
    """Whether the record holds a value only certsync writes (a team may have counted
    postponements before it came)."""
    o = record.owned
    return bool(o.status or o.flags or o.flag_details or o.last_synced or o.sync_problem)


class Applier:
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
