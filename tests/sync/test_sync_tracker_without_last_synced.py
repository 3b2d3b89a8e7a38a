"""A tracker whose owned fields lack `Last synced` (the contract lets a tracker keep a subset):
alerts still go out once per episode, with the state kept or lost, and passes end well."""

from __future__ import annotations

import pytest

from certsync.adapters.memory import MemoryTracker
from certsync.adapters.records import OWNED_FIELDS
from certsync.sync.sample_program import sample_program
from pass_builders import RED, MemorySample, alerted_once_each, delete_state

@pytest.fixture
def sample(tmp_path, monkeypatch):
    sample = MemorySample(tmp_path, monkeypatch)
    sample.tracker = MemoryTracker(owned_fields=tuple(f for f in OWNED_FIELDS if f != "last_synced"))
    sample.tracker.add_program(sample_program())
    return sample


def test_without_last_synced_a_first_pass_alerts_each_red_enrollment_once(sample):
    report = sample.sync()
    assert report.exit_code == 0 and report.comments == len(RED)
    assert sample.sync().comments == 0
    assert alerted_once_each(sample) == {}


def test_without_last_synced_a_lost_state_brings_no_failure_and_no_duplicate(sample):
    sample.sync()
    delete_state(sample.config())
    report = sample.sync()
    assert report.exit_code == 0, [o.comment_error for o in report.failures]
    assert alerted_once_each(sample) == {}
