"""The pass at its edges on the in-memory tracker: a record deleted mid-pass, a dry run, and a
second red flag on a record already alerted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from certsync.sync.sample_program import SAMPLE_TODAY
from pass_builders import RED, MemorySample, alerted_once_each


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


def test_a_record_deleted_during_a_pass_is_reported_gone_and_the_others_still_sync(sample):
    writes = [0]

    def delete_before_the_third_write(operation, when):
        if operation == "write" and when == "before":
            writes[0] += 1
            if writes[0] == 3:
                victim = sorted(sample.tracker.enrollments, key=lambda i: sample.tracker.enrollments[i].enrollment.name)[2]
                sample.tracker.delete(victim)

    sample.tracker.on_call = delete_before_the_third_write
    report = sample.sync()
    sample.tracker.on_call = None
    gone = [o.action.page_id for o in report.outcomes if o.gone]
    assert len(gone) == 1
    assert report.written == 11
    assert all(r.owned.status for r in sample.tracker.enrollments.values())
    assert alerted_once_each(sample, tuple(i for i in RED if i not in gone)) == {}
    again = sample.sync()
    assert again.exit_code == 0 and again.comments == 0 and again.written == 0


def test_a_dry_run_writes_nothing_and_posts_nothing(sample):
    report = sample.sync(dry_run=True)
    assert set(sample.tracker.calls) == {"read", "sessions"}  # reads only
    assert sum(bool(o.action.changes) for o in report.outcomes) == 12
    assert sum(bool(o.action.alert) for o in report.outcomes) == len(RED)
    assert sample.sync().comments == len(RED)


def test_a_dry_run_after_a_pass_plans_nothing(sample):
    sample.sync()
    report = sample.sync(dry_run=True)
    assert not any(o.action.changes or o.action.alert for o in report.outcomes)


def test_a_second_red_flag_on_an_alerted_record_gets_its_own_alert_naming_only_it(sample):
    sample.sync()  # Daniel (enr-04): practice score dropped
    assert len(sample.tracker.alerts_on("enr-04")) == 1
    # The next week he logs nothing and gives no reason: no-hours, while the score drop goes on.
    sample.sync(today=SAMPLE_TODAY + timedelta(days=7))
    alerts = sample.tracker.alerts_on("enr-04")
    assert len(alerts) == 2
    assert "No hours logged" in alerts[1].text and "Practice score dropped" not in alerts[1].text
    assert sample.sync(today=SAMPLE_TODAY + timedelta(days=7)).comments == 0


def test_one_state_file_keeps_two_trackers_apart(sample):
    from certsync.adapters.memory import MemoryTracker
    from certsync.sync.run import run_pass
    from certsync.sync.sample_program import sample_program

    first = sample.sync()
    other = MemoryTracker("another program")
    other.add_program(sample_program())
    config = sample.config()
    report = run_pass(config, tracker=other, today=SAMPLE_TODAY)
    assert report.comments == len(RED) and len(report.outcomes) == 12
    assert sum(len(other.alerts_on(i)) for i in other.enrollments) == len(RED)
    assert first.tracker != report.tracker
    assert sample.sync().comments == 0 and run_pass(config, tracker=other, today=SAMPLE_TODAY).comments == 0
