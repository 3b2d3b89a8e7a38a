"""Hours rules at their boundaries: low-hours-2w, no-hours, low-hours, behind-plan (target 8 h)."""

import pytest

from certsync.rules.policy import Policy
from rules_builders import NOV_3, NOV_10, check_in, codes, weeks

HOURS_RULES = {"low-hours-2w", "no-hours", "low-hours", "behind-plan"}


def hours_codes(check_ins, **fields):
    return [c for c in codes(check_ins, **fields) if c in HOURS_RULES]


def weekly_codes(check_ins, **fields):
    """The hours rules that look at the last weeks (behind-plan has its own tests)."""
    return [c for c in hours_codes(check_ins, **fields) if c != "behind-plan"]


@pytest.mark.parametrize(
    "hours, expected",
    [
        ((8, 3.992, 3.992), ["low-hours-2w"]),  # 49.9% twice
        ((8, 4, 3.992), ["low-hours"]),  # 50% is not under half
        ((8, 3.992, 4), ["low-hours"]),
        ((8, 4, 4), ["low-hours"]),
        ((8, 8, 3.992), ["low-hours"]),  # only one low week
        ((3, 8, 7.9), ["low-hours"]),  # an earlier low week does not count
        ((8, 8, 8), []),
        ((8, 8, 9), []),
    ],
)
def test_low_hours_2w_needs_the_last_two_due_weeks_under_half_of_target(hours, expected):
    assert weekly_codes(weeks(*hours)) == expected


@pytest.mark.parametrize(
    "hours, expected",
    [
        ((8, 7.99), ["low-hours"]),
        ((8, 8), []),
        ((8, 8.5), []),
    ],
)
def test_low_hours_needs_the_last_due_week_strictly_below_target(hours, expected):
    assert weekly_codes(weeks(8, *hours)) == expected


@pytest.mark.parametrize(
    "last_week, expected",
    [
        ([], ["no-hours"]),  # no check-in at all: zero hours, no explanation
        ([check_in(NOV_10, 0)], ["no-hours"]),
        ([check_in(NOV_10, None)], ["no-hours"]),  # hours left empty count as zero
        # The absence explains the zero: no-hours stays quiet, but the week is still under target.
        ([check_in(NOV_10, 0, absence_reason="Parental leave")], ["low-hours"]),
        ([check_in(NOV_10, None, absence_reason="Sick")], ["low-hours"]),
        ([check_in(NOV_10, 0, absence_reason="   ")], ["no-hours"]),  # blank is not a reason
        ([check_in(NOV_10, 0), check_in(NOV_10, 0, absence_reason="Conference")], ["low-hours"]),
        ([check_in(NOV_10, 0.5)], ["low-hours"]),
    ],
)
def test_no_hours_fires_on_an_empty_last_week_without_an_absence_reason(last_week, expected):
    assert weekly_codes(weeks(8, 8) + last_week) == expected


def test_an_absence_reason_excuses_only_no_hours():
    # Two weeks at zero: under half twice. The absence explains the zero, not the shortfall.
    explained = weeks(8, 0, 0, absence_reason="Out sick")
    assert hours_codes(explained) == ["low-hours-2w", "behind-plan"]
    assert hours_codes(weeks(8, 0, 0)) == ["low-hours-2w", "no-hours", "behind-plan"]


def test_an_empty_week_before_the_last_counts_as_zero():
    assert hours_codes(weeks(8, None, 3)) == ["low-hours-2w", "behind-plan"]


@pytest.mark.parametrize(
    "split, expected",
    [
        ((2.0, 1.992), ["low-hours-2w"]),  # 3.992 h over two check-ins: still under half
        ((2.0, 2.0), ["low-hours"]),  # 4.0 h: exactly half
        ((1.1, 2.2, 0.7), ["low-hours"]),  # 4.0 h with float noise
        ((4.0, 4.0), []),
    ],
)
def test_two_check_ins_in_one_week_add_their_hours(split, expected):
    last_two = [check_in(NOV_3, 3.0)] + [check_in(NOV_10, h) for h in split]
    assert [c for c in hours_codes(weeks(13) + last_two) if c != "behind-plan"] == expected


@pytest.mark.parametrize("target", [None, 0])
def test_without_a_target_only_no_hours_can_fire(target):
    assert hours_codes(weeks(0, 1, 1), weekly_target_hours=target) == []
    assert hours_codes(weeks(1, 1, 0), weekly_target_hours=target) == ["no-hours"]


@pytest.mark.parametrize(
    "hours, expected",
    [
        ((8, 8, 8, 8), []),
        ((8, 4, 8, 12), []),  # 4 h behind, then caught up
        ((8, 8, 8, 8.01), []),
        ((5, 5, 6, 8), []),  # 8 h behind over 4 weeks: exactly one week's target
        ((5, 5, 5.9, 8), ["behind-plan"]),  # 8.1 h behind
    ],
)
def test_behind_plan_needs_more_than_one_weeks_target_behind(hours, expected):
    # four due weeks with the study start on 20 Oct
    from datetime import date

    assert hours_codes(weeks(*hours, start=date(2025, 10, 20)), study_start=date(2025, 10, 20)) == expected


def test_behind_plan_slack_comes_from_the_policy():
    short = weeks(8, 2, 8)  # 6 h behind
    assert hours_codes(short) == []
    assert hours_codes(short, policy=Policy(behind_plan_weeks=0.5)) == ["behind-plan"]


def test_low_hours_thresholds_come_from_the_policy():
    policy = Policy(low_hours_ratio=0.75, low_hours_weeks=3)
    assert weekly_codes(weeks(5.9, 5.9, 5.9), policy=policy) == ["low-hours-2w"]
    assert weekly_codes(weeks(8, 5.9, 5.9), policy=policy) == ["low-hours"]
