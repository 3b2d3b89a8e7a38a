"""Killed around any call to the tool (Notion, Asana, memory), a weekly review round is finished by
the next one: the review (and its team update, where the tool keeps one) is in the tool once.

The tracker is stopped before each of the round's calls reaches the tool, and after the tool
applied it (the reply lost), one kill point per Friday of the 13-week program; the state file is
kept, or deleted before the next round. (Inside one call: a Notion review that takes several
requests and is stopped half-way is replaced by the next post; see the contract suite.)
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from pass_builders import POINTS, Killed, delete_state
from remind_builders import rhythm  # noqa: F401 (the fixture)
from review_builders import START, ReviewTimeline, at, marker_of, review_program

CALLS = ("read", "sessions", "posted_reviews", "post_review", "post_team_update")
FRIDAYS = [date(2026, 9, 11) + timedelta(weeks=n) for n in range(17)]


class Stopping:
    """The tracker, stopped at one point of one of its calls (as a killed process would be)."""

    def __init__(self, tracker, n: int, point: str, calls: list[str]) -> None:
        self._tracker, self._n, self._point, self._calls = tracker, n, point, calls

    def __getattr__(self, name):
        found = getattr(self._tracker, name)
        if name not in CALLS:
            return found

        def call(*args, **kwargs):
            self._calls.append(name)
            if len(self._calls) == self._n and self._point == "before":
                raise Killed(f"{name} before")
            result = found(*args, **kwargs)
            if len(self._calls) == self._n and self._point == "after":
                raise Killed(f"{name} after")
            return result

        return call


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
def test_a_weekly_review_round_killed_around_any_call_is_finished_without_a_duplicate(rhythm, lose_state):  # noqa: F811
    t = ReviewTimeline(rhythm(START, review_program()))
    t.move_to(at(FRIDAYS[0], 16))
    calls: list[str] = []
    clean = t.round(kinds=("weekly",), tracker=Stopping(t.r.open_tracker(), 0, "never", calls))
    assert clean.exit_code == 0 and clean.postings[0].posted
    points = [(n, point) for n in range(1, len(calls) + 1) for point in POINTS]
    assert 4 <= len(points) <= len(FRIDAYS) - 1, calls
    broken = []
    for friday, (n, point) in zip(FRIDAYS[1:], points):
        t.move_to(at(friday, 16))
        with pytest.raises(Killed):
            t.round(kinds=("weekly",), tracker=Stopping(t.r.open_tracker(), n, point, []))
        if lose_state:
            delete_state(t.r.config())
        t.move_to(at(friday, 16) + timedelta(minutes=10))
        if t.round(kinds=("weekly",)).exit_code != 0:
            broken.append(f"{calls[n - 1]} {point}: the next round failed")
        t.round(kinds=("weekly",))  # and a further one posts nothing
        in_tool = Counter((p.kind, p.marker) for p in t.posted())
        wanted = {("review", marker_of("weekly", week_of(friday)))}
        if t.r.kind != "notion":  # Notion keeps no team updates
            wanted.add(("team-update", marker_of("weekly", week_of(friday), "team-update")))
        for each in wanted:
            if in_tool[each] != 1:
                broken.append(f"{calls[n - 1]} {point} ({friday}): {each[0]} in the tool {in_tool[each]} times")
        if max(in_tool.values()) > 1:
            broken.append(f"{calls[n - 1]} {point} ({friday}): duplicates {[k for k, v in in_tool.items() if v > 1]}")
    assert broken == []
