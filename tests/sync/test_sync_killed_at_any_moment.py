"""Killed at any moment, a pass is finished by the next one: each red enrollment gets exactly
one alert, owned values end as a clean run leaves them, and a further pass does nothing.

Every call a clean pass makes is a kill point, before the call reaches the tool and after the
tool applied it (the reply lost); the rerun keeps the state file or starts without one.
"""

from __future__ import annotations

import pytest

from certsync.sync.sample_program import SAMPLE_TODAY
from pass_builders import POINTS, RED, Killed, MemorySample, alerted_once_each, delete_state

STATE = pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
NEWLY_RED = "enr-01"


def turn_enr_01_red(sample: MemorySample) -> None:
    """Priya logs nothing in the last due week (16 Nov) and gives no reason: no-hours, red."""
    sample.edit_check_in("ci-01-07", hours=0)


def clean(folder, monkeypatch, later: bool) -> tuple[MemorySample, int]:
    """A clean run's end state, and how many calls its (first or later) pass made."""
    sample = MemorySample(folder, monkeypatch)
    if later:
        sample.sync()
        turn_enr_01_red(sample)
    before = len(sample.tracker.calls)
    assert sample.sync().exit_code == 0
    return sample, len(sample.tracker.calls) - before


def killed_then_rerun(folder, monkeypatch, n, point, lose_state, later) -> tuple[MemorySample, list[str]]:
    sample = MemorySample(folder, monkeypatch)
    if later:
        sample.sync()
        turn_enr_01_red(sample)
    sample.kill_at(n, point)
    with pytest.raises(Killed):
        sample.sync()
    config = sample.config()
    if lose_state:
        delete_state(config)
    for _ in range(3):  # rerun passes until one completes
        try:
            sample.sync(config)
            break
        except Killed:  # pragma: no cover - the hook is cleared once it fired
            continue
    return sample, []


def every_kill_point_converges(tmp_path, monkeypatch, lose_state: bool, later: bool) -> list[str]:
    reference, calls = clean(tmp_path / "clean", monkeypatch, later)
    assert calls >= (3 if later else 18)  # read, write, post_comment at least
    red = RED + ((NEWLY_RED,) if later else ())
    broken = []
    for n in range(1, calls + 1):
        for point in POINTS:
            sample, _ = killed_then_rerun(tmp_path / f"{n}-{point}", monkeypatch, n, point, lose_state, later)
            wrong = alerted_once_each(sample, red)
            if wrong:
                broken.append(f"kill at call {n} {point}: alerts {wrong}")
            if sample.owned() != reference.owned():
                broken.append(f"kill at call {n} {point}: owned values differ from a clean run's")
            writes, posts = sample.calls_of("write"), sample.calls_of("post_comment")
            further = sample.sync()
            if sample.calls_of("write") != writes or sample.calls_of("post_comment") != posts or further.comments:
                broken.append(f"kill at call {n} {point}: a further pass still wrote or posted")
    return broken


@STATE
def test_a_first_pass_killed_at_any_call_is_finished_by_the_next_without_a_duplicate(tmp_path, monkeypatch, lose_state):
    assert every_kill_point_converges(tmp_path, monkeypatch, lose_state, later=False) == []


@STATE
def test_a_later_pass_killed_at_any_call_alerts_the_newly_red_enrollment_once(tmp_path, monkeypatch, lose_state):
    assert every_kill_point_converges(tmp_path, monkeypatch, lose_state, later=True) == []


def test_a_clean_first_pass_alerts_each_red_enrollment_once_and_a_second_does_nothing(tmp_path, monkeypatch):
    sample = MemorySample(tmp_path, monkeypatch)
    report = sample.sync()
    assert report.exit_code == 0 and report.comments == len(RED)
    assert alerted_once_each(sample) == {}
    again = sample.sync(today=SAMPLE_TODAY)
    assert again.written == 0 and again.comments == 0
