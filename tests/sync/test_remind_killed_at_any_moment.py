"""Killed at any moment, a reminder round is finished by the next one without a duplicate.

Every call a clean round makes is a kill point, before the call reaches the tool and after the
tool applied it (the reply lost); the next round (half an hour later, still inside every window)
keeps the state file or starts without one. Each reminder of the round is then posted exactly
once, the previous one of its kind is gone (one open reminder per kind on each record, the same
as a clean run leaves), and a further round posts and removes nothing.

Three rounds on the memory tracker: the first round of a state file (nothing posted before), a
Friday round with the previous Friday's reminders open, and a Monday round with the previous
Monday's goals open and Priya's practice exam due as well.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pass_builders import POINTS, Killed, delete_state, kill_at
from remind_builders import at, memory_rhythm

ROUNDS = {  # name: (earlier round or None, the round killed)
    "first round": (None, at(date(2026, 11, 20), 15)),
    "friday after friday": (at(date(2026, 11, 13), 15), at(date(2026, 11, 20), 15)),
    "monday after monday": (at(date(2026, 11, 16), 9), at(date(2026, 11, 23), 9)),
}
STATE = pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
ROUND = pytest.mark.parametrize("name", list(ROUNDS))


def logged(r):
    """Every comment ever posted on the tracker, as (record, marker), removed ones included."""
    tracker, log, post = r.tracker, [], r.tracker.post_comment

    def posting(record_id, mention, text, marker):
        before = len(tracker.stored_comments)
        try:
            return post(record_id, mention, text, marker)
        finally:
            if len(tracker.stored_comments) > before:
                log.append((record_id, marker))

    tracker.post_comment = posting
    return log


def prepared(folder, name):
    earlier, killed = ROUNDS[name]
    r = memory_rhythm(folder, (earlier or killed) - timedelta(hours=1))
    log = logged(r)
    if earlier is not None:
        r.move_to(earlier)
        assert r.round().exit_code == 0
    r.move_to(killed)
    return r, log


def open_now(r) -> dict[str, list[tuple[str, str]]]:
    return {e.id: sorted((o.kind, o.marker) for o in r.open_reminders(e.id)) for e in r.program.enrollments}


def clean(folder, name):
    r, log = prepared(folder, name)
    before = len(r.tracker.calls)
    report = r.round()
    assert report.exit_code == 0 and any(s.posted for s in report.sent)
    if ROUNDS[name][0] is not None:
        assert any(s.removed for s in report.sent)  # the previous one of its kind goes
    return open_now(r), len(r.tracker.calls) - before


def every_kill_point_converges(tmp_path, monkeypatch, name: str, lose_state: bool) -> list[str]:
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    reference, calls = clean(tmp_path / "clean", name)
    assert calls >= 6
    broken = []
    for n in range(1, calls + 1):
        for point in POINTS:
            where = f"kill at call {n} {point}"
            r, log = prepared(tmp_path / f"{n}-{point}", name)
            kill_at(r.tracker, n, point)
            with pytest.raises(Killed):
                r.round()
            if lose_state:
                delete_state(r.config())
            r.move_to(r.now + timedelta(minutes=30))
            if r.round().exit_code != 0:
                broken.append(f"{where}: the next round failed")
            twice = [m for m in set(log) if log.count(m) > 1]
            if twice:
                broken.append(f"{where}: posted twice {twice}")
            if open_now(r) != reference:
                broken.append(f"{where}: open reminders differ from a clean run's: "
                              f"{ {i: v for i, v in open_now(r).items() if v != reference[i]} }")
            posts, removals = r.tracker.calls.count("post_comment"), r.tracker.calls.count("remove_comment")
            r.round()
            if r.tracker.calls.count("post_comment") != posts or r.tracker.calls.count("remove_comment") != removals:
                broken.append(f"{where}: a further round still posted or removed")
    return broken


@ROUND
@STATE
def test_a_reminder_round_killed_at_any_call_is_finished_by_the_next_without_a_duplicate(tmp_path, monkeypatch,
                                                                                       name, lose_state):
    assert every_kill_point_converges(tmp_path, monkeypatch, name, lose_state) == []


def test_a_round_run_twice_at_one_moment_sends_nothing_the_second_time(tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    r, log = prepared(tmp_path, "friday after friday")
    first = r.round()
    assert sum(s.posted for s in first.sent) >= 3
    again = r.round()
    assert [s for s in again.sent if s.posted] == [] and len(log) == len(set(log))
