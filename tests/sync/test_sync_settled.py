"""A settled pass costs its reads (the sessions' and the records'): the same day, nothing read,
nothing to do; a new day judges everyone again."""

from __future__ import annotations

from datetime import timedelta

from certsync.sync.sample_program import SAMPLE_TODAY

import pytest

from pass_builders import MemorySample


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


def test_a_second_pass_the_same_day_with_nothing_read_does_nothing_and_says_so(sample):
    sample.sync()
    sample.sync()  # reads back its own writes
    settled = sample.sync()
    assert settled.unchanged and settled.requests == 2 and not settled.outcomes  # the sessions' read and the records'
    assert settled.summary().startswith("nothing changed since the last pass today")


def test_a_new_day_judges_everyone_again_even_with_nothing_edited(sample):
    sample.sync()
    sample.sync()
    later = sample.sync(today=SAMPLE_TODAY + timedelta(days=7))  # another week has fallen due
    assert not later.unchanged and later.written > 0


def test_an_edit_the_same_day_is_judged(sample):
    from certsync.rules.model import CheckIn

    sample.sync()
    sample.sync()
    sample.tracker.put_check_in(CheckIn(id="ci-01-late", enrollment_id="enr-01", week_of=SAMPLE_TODAY - timedelta(days=2),
                                        hours=0.5, confidence=1))
    edited = sample.sync()
    assert not edited.unchanged and edited.check_ins_read == 1
