"""Killed at any moment, a review round is finished by the next one without a duplicate.

Every call a clean round makes is a kill point, before the call reaches the tool and after the
tool applied it (the reply lost); the next round (ten minutes later) keeps the state file or
starts without one. Each review (and team update) is then in the tool exactly once, the same as a
clean round leaves, and a further round posts nothing.

On the memory tracker, whose every call can be stopped; on Notion and Asana, a review post that
takes several requests and is stopped half-way is replaced by the next post (the contract suite,
tests/trackers/test_tracker_reviews.py), and the round is stopped around each of its calls to the
tracker (below).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from pass_builders import POINTS, Killed, delete_state, kill_at
from remind_builders import memory_rhythm
from review_builders import START, ReviewTimeline, at, review_program

ROUNDS = {  # name: (earlier round or None, the round killed)
    "first round": (None, at(date(2026, 12, 4), 16)),
    "friday after monday": (at(date(2026, 11, 30), 9), at(date(2026, 12, 4), 16)),
    "three on one monday": (at(date(2026, 10, 2), 16), at(date(2026, 10, 5), 9)),
}
STATE = pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])


def prepared(folder, name) -> ReviewTimeline:
    earlier, killed = ROUNDS[name]
    t = ReviewTimeline(memory_rhythm(folder, START, review_program()))
    if earlier is not None:
        t.move_to(earlier)
        assert t.round().exit_code == 0
    t.move_to(killed)
    return t


def in_the_tool(t) -> Counter:
    return Counter((p.kind, p.post.marker) for p in t.r.tracker.posts)


def clean(folder, name):
    t = prepared(folder, name)
    before = len(t.r.tracker.calls)
    report = t.round()
    assert report.exit_code == 0 and any(p.posted for p in report.postings)
    return in_the_tool(t), len(t.r.tracker.calls) - before


@pytest.mark.parametrize("name", list(ROUNDS))
@STATE
def test_a_review_round_killed_at_any_call_is_finished_by_the_next_without_a_duplicate(tmp_path, monkeypatch,
                                                                                     name, lose_state):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    reference, calls = clean(tmp_path / "clean", name)
    assert calls >= 3 and max(reference.values()) == 1
    broken = []
    for n in range(1, calls + 1):
        for point in POINTS:
            where = f"kill at call {n} {point}"
            t = prepared(tmp_path / f"{n}-{point}", name)
            kill_at(t.r.tracker, n, point)
            with pytest.raises(Killed):
                t.round()
            if lose_state:
                delete_state(t.r.config())
            t.move_to(t.r.now + timedelta(minutes=10))
            if t.round().exit_code != 0:
                broken.append(f"{where}: the next round failed")
            if in_the_tool(t) != reference:
                broken.append(f"{where}: the tool holds {dict(in_the_tool(t))}, a clean round leaves {dict(reference)}")
            posts = len(t.r.tracker.posts)
            t.round()
            if len(t.r.tracker.posts) != posts:
                broken.append(f"{where}: a further round still posted")
    assert broken == []
