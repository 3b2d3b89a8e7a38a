"""Any one call failing, before it reached the tool or after the tool applied it (a 502 whose
change went through), is finished by the next pass: one alert per red enrollment, the owned
values of a clean run, and a pass after that does nothing."""

from __future__ import annotations

import pytest

from certsync.adapters.tracker import TrackerError
from pass_builders import POINTS, RED, MemorySample, alerted_once_each, delete_state


def test_a_comment_refused_after_it_was_posted_is_not_posted_again(tmp_path, monkeypatch):
    sample = MemorySample(tmp_path, monkeypatch)

    def lost_reply(operation, when):
        if operation == "post_comment" and when == "after":
            raise TrackerError("memory: 502 bad gateway", status=502)

    sample.tracker.on_call = lost_reply
    report = sample.sync()
    assert report.exit_code == 1 and len(report.failures) == len(RED)
    sample.tracker.on_call = None
    assert sample.sync().comments == 0
    assert alerted_once_each(sample) == {}


@pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
def test_a_first_pass_with_any_one_call_failing_is_finished_by_the_next(tmp_path, monkeypatch, lose_state):
    reference = MemorySample(tmp_path / "clean", monkeypatch)
    reference.sync()
    calls = len(reference.tracker.calls)
    broken = []
    for n in range(1, calls + 1):
        for point in POINTS:
            sample = MemorySample(tmp_path / f"{n}-{point}", monkeypatch)
            sample.kill_at(n, point, TrackerError(f"memory: 502 at call {n} {point}", status=502))
            try:
                sample.sync()
            except TrackerError:
                pass  # the read itself failed: the pass stops before writing anything
            if lose_state:
                delete_state(sample.config())
            sample.sync()
            if alerted_once_each(sample):
                broken.append(f"call {n} {point}: alerts {alerted_once_each(sample)}")
            if sample.owned() != reference.owned():
                broken.append(f"call {n} {point}: owned values differ from a clean run's")
            before = len(sample.tracker.calls)
            further = sample.sync()
            if further.written or further.comments or set(sample.tracker.calls[before:]) - {"sessions", "read", "comments"}:
                broken.append(f"call {n} {point}: a further pass still wrote or posted")
    assert broken == []
