"""Only certsync's own comments count: an alert is owed once per episode of a red flag, and
whether it went out is read from certsync's comments in the tracker, never from a person's."""

from __future__ import annotations

from datetime import timedelta

import pytest

from certsync.adapters.memory import ME
from certsync.sync.sample_program import SAMPLE_TODAY
from pass_builders import RED, MemorySample, alerted_once_each, delete_state

STATE = pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


def alert_texts(tmp_path, monkeypatch) -> dict[str, str]:
    """The alerts certsync posts on the sample, marker included (the same on every tracker
    that holds the same records)."""
    other = MemorySample(tmp_path / "other", monkeypatch)
    other.sync()
    return {i: other.tracker.alerts_on(i)[0].text for i in RED}


def test_a_persons_comment_containing_the_marker_does_not_stop_the_alert(sample, tmp_path, monkeypatch):
    texts = alert_texts(tmp_path, monkeypatch)
    for ident in RED:
        sample.tracker.add_comment_as(ident, "Grace Liu", f"Quoting last week's note:\n{texts[ident]}")
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(sample.folder / "locks"))
    report = sample.sync()
    assert report.comments == len(RED)
    assert alerted_once_each(sample) == {}


def test_a_persons_marker_does_not_stop_the_alert_on_a_record_certsync_marked_before(sample, tmp_path, monkeypatch):
    texts = alert_texts(tmp_path, monkeypatch)
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(sample.folder / "locks"))
    sample.sync(today=SAMPLE_TODAY - timedelta(days=42))  # before anyone but Hannah was red: records marked
    delete_state(sample.config())
    for ident in RED:
        sample.tracker.add_comment_as(ident, "Grace Liu", texts[ident])
    sample.sync()
    assert alerted_once_each(sample) == {}


@STATE
def test_a_manager_clearing_flags_by_hand_brings_no_second_alert(sample, lose_state):
    sample.sync()
    for ident in RED:
        sample.tracker.edit_owned(ident, flags=())
    if lose_state:
        delete_state(sample.config())
    report = sample.sync()
    assert report.comments == 0
    assert all(sample.tracker.enrollments[i].owned.flags for i in RED)  # written back
    assert alerted_once_each(sample) == {}


@STATE
def test_a_manager_clearing_status_and_last_synced_brings_no_second_alert(sample, lose_state):
    sample.sync()
    for ident in RED:
        sample.tracker.edit_owned(ident, flags=(), status=None, last_synced=None)
    if lose_state:
        delete_state(sample.config())
    assert sample.sync().comments == 0
    assert alerted_once_each(sample) == {}


@STATE
def test_a_red_flag_that_stops_and_is_raised_again_in_a_later_week_gets_a_new_alert(sample, lose_state):
    from certsync.rules.model import CheckIn, Milestones

    sample.sync()  # Sofia: no hours in the week of 16 Nov (a first alert)
    assert len(sample.tracker.alerts_on("enr-03")) == 1
    sample.tracker.put_check_in(CheckIn(id="ci-03-late", enrollment_id="enr-03", week_of=SAMPLE_TODAY - timedelta(days=1),
                                        hours=6, milestones=Milestones.YES, confidence=3))
    sample.sync()  # she logged the week after all: the flag stops
    assert "No hours logged" not in sample.tracker.enrollments["enr-03"].owned.flags
    if lose_state:
        delete_state(sample.config())
    sample.sync(today=SAMPLE_TODAY + timedelta(days=7))  # nothing for the week of 23 Nov: raised again
    assert "No hours logged" in sample.tracker.enrollments["enr-03"].owned.flags
    assert len(sample.tracker.alerts_on("enr-03")) == 2
    sample.sync(today=SAMPLE_TODAY + timedelta(days=7))
    assert len(sample.tracker.alerts_on("enr-03")) == 2


def test_certsync_own_user_is_never_mentioned(sample):
    sample.tracker.put_enrollment(sample.tracker.enrollments["enr-03"].enrollment.model_copy(
        update={"manager": sample.tracker.enrollments["enr-03"].enrollment.manager.model_copy(update={"id": ME})}))
    sample.sync()
    assert [c.mention for c in sample.tracker.alerts_on("enr-03")] == [None]


def clear_everything_certsync_wrote(sample):
    """As if certsync's properties were removed and provisioned again: every owned value empty."""
    for ident in sample.tracker.enrollments:
        sample.tracker.edit_owned(ident, status=None, flags=(), flag_details="", last_synced=None, sync_problem="")


@pytest.mark.parametrize("lose_state", [
    False, True],
    ids=["state kept", "state deleted"])
def test_owned_values_cleared_on_every_record_bring_no_second_alert(sample, lose_state):
    sample.sync()
    clear_everything_certsync_wrote(sample)
    if lose_state:
        delete_state(sample.config())
    assert sample.sync().comments == 0
    assert alerted_once_each(sample) == {}
