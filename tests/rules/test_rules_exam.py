"""Exam postponements: the first date seen is the baseline, a move later counts, a move earlier does not."""

from datetime import date

import pytest

from certsync.rules.model import ExamHistory, Status
from rules_builders import assess, weeks

DEC_1, DEC_15, JAN_12 = date(2025, 12, 1), date(2025, 12, 15), date(2026, 1, 12)


def exam(*dates, before=0):
    return ExamHistory(dates_seen=dates, postponements_before=before)


@pytest.mark.parametrize(
    "history, flags, count",
    [
        (exam(), [], 0),
        (exam(DEC_1), [], 0),  # the first date seen is the baseline
        (exam(DEC_1, DEC_1), [], 0),
        (exam(DEC_1, DEC_15), ["postponed"], 1),  # moved later
        (exam(DEC_15, DEC_1), [], 0),  # moved earlier: not a postponement
        (exam(DEC_1, DEC_15, DEC_1), ["postponed"], 1),
        (exam(DEC_1, DEC_15, JAN_12), ["postponed-2x"], 2),  # two postponements
        (exam(DEC_15, DEC_1, JAN_12), ["postponed"], 1),
        (exam(JAN_12, before=2), ["postponed-2x"], 2),  # count read back from the tracker
        (exam(JAN_12, before=1), ["postponed"], 1),
        (exam(DEC_15, JAN_12, before=1), ["postponed-2x"], 2),
    ],
)
def test_postponements_count_moves_later(history, flags, count):
    result = assess(weeks(8, 8, 8), exam_history=history)
    assert [f.code for f in result.flags] == flags
    assert result.postponements == count


def test_the_red_count_comes_from_the_policy():
    from certsync.rules.policy import Policy

    result = assess(weeks(8, 8, 8), exam_history=exam(DEC_1, DEC_15, JAN_12), policy=Policy(postponements_red=3))
    assert [f.code for f in result.flags] == ["postponed"]


def test_a_certified_engineer_is_completed_without_flags_but_keeps_the_count():
    result = assess(weeks(0, 0, 0), certified=True, exam_history=exam(DEC_1, DEC_15, JAN_12))
    assert (result.status, result.flags, result.postponements) == (Status.COMPLETED, (), 2)


def test_before_the_study_start_there_are_no_flags_but_the_count_is_kept():
    result = assess([], study_start=date(2025, 11, 24), exam_history=exam(DEC_1, DEC_15, JAN_12))
    assert (result.status, result.flags, result.postponements) == (Status.ON_TRACK, (), 2)


def test_on_the_study_start_postponements_count_even_before_a_week_is_due():
    # Started Wednesday 12 Nov; on Thursday the first week is not due yet.
    result = assess([], today=date(2025, 11, 13), study_start=date(2025, 11, 12), exam_history=exam(DEC_1, DEC_15))
    assert [f.code for f in result.flags] == ["postponed"]


def test_without_a_study_start_only_postponements_can_fire():
    result = assess(weeks(0, 0, 0), study_start=None, exam_history=exam(DEC_1, DEC_15))
    assert [f.code for f in result.flags] == ["postponed"]
