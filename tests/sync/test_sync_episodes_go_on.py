"""An episode lasts while the rules keep raising its flag: a red flag that goes on into the next
week brings no second alert, with the state kept or lost in between."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from certsync.rules.model import CheckIn, Milestones
from certsync.sync.sample_program import SAMPLE_TODAY
from pass_builders import MemorySample, delete_state

NEXT_WEEK = SAMPLE_TODAY + timedelta(days=7)
FRIDAY = date(2026, 11, 27)  # the week of 23 Nov, due by NEXT_WEEK

# A check-in for the week of 23 Nov that keeps each red flag going and raises no other red one.
KEEPS_GOING = {
    "enr-02": dict(hours=3, milestones=Milestones.PARTIAL, confidence=3),  # under half, a third week
    "enr-04": dict(hours=5, milestones=Milestones.YES, confidence=3),  # the score drop is still the latest
    "enr-05": dict(hours=6, milestones=Milestones.YES, confidence=4),  # still postponed twice
    "enr-06": dict(hours=6, milestones=Milestones.NO, confidence=2),  # confidence still low
}


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


@pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
def test_red_flags_that_go_on_into_the_next_week_bring_no_second_alert(sample, lose_state):
    sample.sync()
    for ident, values in KEEPS_GOING.items():
        sample.tracker.put_check_in(CheckIn(id=f"{ident}-next", enrollment_id=ident, week_of=FRIDAY, **values))
    if lose_state:
        delete_state(sample.config())
    sample.sync(today=NEXT_WEEK)  # the others log nothing: new red flags, new alerts, not these
    for ident in KEEPS_GOING:
        assert sample.tracker.enrollments[ident].owned.status == "At risk", ident
        assert len(sample.tracker.alerts_on(ident)) == 1, ident
