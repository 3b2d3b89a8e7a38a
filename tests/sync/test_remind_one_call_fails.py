"""One call of a reminder round fails (the tool is down for a moment, or applied a call whose
reply was lost): the round reports it, the other reminders still go, and the next round inside
the window finishes the job without a duplicate. Memory tracker."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from certsync.adapters.tracker import TrackerError
from remind_builders import at, expected_at, memory_rhythm

FRIDAY = date(2026, 11, 20)
DOWN = TrackerError("memory: 503 service unavailable", status=503)


@pytest.fixture
def r(tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    r = memory_rhythm(tmp_path, at(date(2026, 11, 13), 14))
    r.move_to(at(date(2026, 11, 13), 15))
    assert r.round().exit_code == 0  # last Friday's reminders are open
    r.move_to(at(FRIDAY, 15))
    return r


def fail_once(tracker, operation: str, point: str, nth: int = 1) -> None:
    seen = [0]

    def hook(op: str, when: str) -> None:
        if op == operation and when == "before":
            seen[0] += 1
        if op == operation and seen[0] == nth and when == point:
            tracker.on_call = None
            raise DOWN

    tracker.on_call = hook


def one_open_each(r) -> dict:
    """The records holding more than one open reminder of a kind (none, when all is well)."""
    kinds = {e.id: Counter(o.kind for o in r.open_reminders(e.id)) for e in r.program.enrollments}
    return {i: k for i, k in kinds.items() if any(n != 1 for n in k.values())}


@pytest.mark.parametrize("point", ["before", "after"], ids=["refused", "applied, reply lost"])
def test_a_reminder_whose_post_failed_goes_once_with_the_next_round(r, point):
    due = {eid for eid, kind in expected_at(at(FRIDAY, 15), r.program) if kind == "friday-update"}
    fail_once(r.tracker, "post_comment", point, nth=2)
    first = r.round()
    assert first.exit_code == 1 and len(first.failures) == 1
    assert len([s for s in first.sent if s.posted]) == len(due) - 1  # the others still went
    r.move_to(at(FRIDAY, 15, 30))
    again = r.round()
    assert again.exit_code == 0
    texts = [c.text for c in r.tracker.stored_comments]
    assert len(texts) == len(set(texts))
    assert one_open_each(r) == {}
    assert {eid for eid in due if any(o.kind == "friday-update" for o in r.open_reminders(eid))} == due


def test_a_reminder_posted_whose_previous_one_could_not_be_removed_is_reported_as_sent(r):
    r.tracker.failures["remove_comment"] = DOWN
    posts = len(r.tracker.stored_comments)
    report = r.round()
    assert report.sent and len(r.tracker.stored_comments) == posts + len(report.sent)  # each one was posted
    assert not [line for line in report.lines() if "not sent" in line]
    assert report.summary().startswith(f"sent {len(report.sent)} reminders")


def test_a_previous_reminder_that_could_not_be_removed_goes_with_the_next_round(r):
    r.tracker.failures["remove_comment"] = DOWN
    r.round()
    r.tracker.failures.clear()
    r.move_to(at(FRIDAY, 15, 30))
    posts = r.tracker.calls.count("post_comment")
    assert r.round().exit_code == 0
    assert r.tracker.calls.count("post_comment") == posts
    assert one_open_each(r) == {}
