"""Weekly values: low-confidence (after four due weeks) and the milestones of the last due week."""

from datetime import date

import pytest

from certsync.rules.model import Milestones
from rules_builders import NOV_3, NOV_10, OCT_27, check_in, codes

OCT_20 = date(2025, 10, 20)
WEEKLY_RULES = {"low-confidence", "milestones-partial", "milestones-missed"}


def weekly_codes(check_ins, **fields):
    return [c for c in codes(check_ins, **fields) if c in WEEKLY_RULES]


def confidences(*values, start=OCT_20):
    weeks = [start + (OCT_27 - OCT_20) * i for i in range(len(values))]
    return [check_in(week, 8, confidence=v) for week, v in zip(weeks, values) if v is not None]


@pytest.mark.parametrize(
    "values, study_start, expected",
    [
        ((3, 2, 1, 2), OCT_20, ["low-confidence"]),  # exactly four due weeks
        ((2, 1, 2), OCT_27, []),  # three due weeks: too early to judge
        ((3, 2, 3, 2), OCT_20, []),
        ((2, 2, 2, 3), OCT_20, []),  # the latest is 3
        ((1, 2, None, 2), OCT_20, ["low-confidence"]),  # the last three values reported, not weeks
        ((5, None, 2, 2), OCT_20, []),  # only two values among the last weeks after a 5
        ((None, None, 2, 2), OCT_20, []),  # only two values at all
    ],
)
def test_low_confidence_after_four_due_weeks_and_three_low_values(values, study_start, expected):
    check_ins = confidences(*values, start=OCT_20 if study_start == OCT_20 else OCT_27)
    assert weekly_codes(check_ins, study_start=study_start) == expected


def test_a_weeks_confidence_is_that_of_its_latest_check_in_reporting_one():
    base = confidences(2, 2, 2)
    later_in_week = [check_in(date(2025, 11, 10), 0, confidence=4), check_in(date(2025, 11, 13), 8, confidence=2)]
    earlier_in_week = [check_in(date(2025, 11, 10), 0, confidence=2), check_in(date(2025, 11, 13), 8, confidence=4)]
    silent_later = [check_in(date(2025, 11, 10), 0, confidence=2), check_in(date(2025, 11, 13), 8)]
    assert weekly_codes(base + later_in_week, study_start=OCT_20) == ["low-confidence"]
    assert weekly_codes(base + earlier_in_week, study_start=OCT_20) == []
    assert weekly_codes(base + silent_later, study_start=OCT_20) == ["low-confidence"]


@pytest.mark.parametrize(
    "last_week, expected",
    [
        ([check_in(NOV_10, 8, milestones=Milestones.PARTIAL)], ["milestones-partial"]),
        ([check_in(NOV_10, 8, milestones=Milestones.NO)], ["milestones-missed"]),
        ([check_in(NOV_10, 8, milestones=Milestones.YES)], []),
        ([check_in(NOV_10, 8)], []),  # left empty: reports nothing
        ([], []),
        # the latest check-in of the week that reports milestones decides
        ([check_in(NOV_10, 4, milestones=Milestones.NO), check_in(date(2025, 11, 12), 4, milestones=Milestones.YES)], []),
        ([check_in(NOV_10, 4, milestones=Milestones.NO), check_in(date(2025, 11, 12), 4)], ["milestones-missed"]),
    ],
)
def test_milestones_of_the_last_due_week(last_week, expected):
    earlier = [check_in(OCT_27, 8, milestones=Milestones.NO), check_in(NOV_3, 8, milestones=Milestones.PARTIAL)]
    assert weekly_codes(earlier + last_week) == expected
