"""Status written even when a comment cannot be: owned fields are written regardless, the alert
is owed, and a later pass sends it once."""

from __future__ import annotations

import pytest

from certsync.adapters.tracker import TrackerError
from pass_builders import RED, MemorySample, alerted_once_each


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


def refuse_comments(sample):
    sample.tracker.failures["post_comment"] = TrackerError(
        "memory: comments are not allowed for this integration", status=403, code="restricted_resource")


def test_red_enrollments_get_status_and_flags_when_their_comment_is_refused(sample):
    refuse_comments(sample)
    sample.sync()
    for ident in RED:
        owned = sample.tracker.enrollments[ident].owned
        assert owned.status == "At risk" and owned.flags, ident
    assert sample.total_alerts() == 0


def test_a_refused_comment_exits_1_and_names_the_owed_alert(sample):
    refuse_comments(sample)
    report = sample.sync()
    assert report.exit_code == 1
    owed = {o.action.page_id: o.comment_error for o in report.failures}
    assert sorted(owed) == sorted(RED)
    assert all(error and "comments are not allowed" in error for error in owed.values())
    assert {f["id"] for f in report.as_json()["failures"]} == set(RED)


def test_owed_alerts_are_sent_once_when_comments_work_again(sample):
    refuse_comments(sample)
    sample.sync()
    sample.tracker.failures.clear()
    report = sample.sync()
    assert report.exit_code == 0 and report.comments == len(RED)
    assert alerted_once_each(sample) == {}
    again = sample.sync()
    assert again.comments == 0 and again.written == 0
    assert alerted_once_each(sample) == {}


def test_owed_alerts_are_sent_once_even_when_the_state_is_lost_meanwhile(sample):
    from pass_builders import delete_state

    refuse_comments(sample)
    sample.sync()
    sample.tracker.failures.clear()
    delete_state(sample.config())
    assert sample.sync().comments == len(RED)
    assert sample.sync().comments == 0
    assert alerted_once_each(sample) == {}
