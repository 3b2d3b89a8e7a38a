"""Which weeks are due, and which week a check-in lands in."""

from datetime import date

import pytest

from certsync.rules.policy import Policy, Weekday
from certsync.rules.weeks import due_mondays, monday_of
from rules_builders import NOV_3, NOV_10, OCT_27, TODAY, check_in, codes, weeks


@pytest.mark.parametrize(
    "day, monday",
    [
        (date(2025, 11, 9), NOV_3),  # Sunday belongs to the week before
        (date(2025, 11, 10), NOV_10),  # Monday starts a week
        (date(2025, 11, 14), NOV_10),
        (date(2025, 11, 16), NOV_10),
    ],
)
def test_a_week_runs_monday_to_sunday(day, monday):
    assert monday_of(day) == monday


@pytest.mark.parametrize(
    "today, last_due",
    [
        (date(2025, 11, 13), NOV_3),  # Thursday: the deadline of this week is tomorrow
        (date(2025, 11, 14), NOV_3),  # Friday: the deadline is the end of today
        (date(2025, 11, 15), NOV_10),  # Saturday: the Friday deadline has passed
        (date(2025, 11, 16), NOV_10),
        (date(2025, 11, 17), NOV_10),
    ],
)
def test_a_week_is_due_after_its_friday_deadline(today, last_due):
    assert due_mondays(OCT_27, today, Policy())[-1] == last_due


def test_a_sunday_deadline_makes_the_week_due_on_monday():
    policy = Policy(checkin_deadline=Weekday.SUNDAY)
    assert due_mondays(OCT_27, date(2025, 11, 16), policy)[-1] == NOV_3
    assert due_mondays(OCT_27, date(2025, 11, 17), policy)[-1] == NOV_10


def test_due_weeks_start_with_the_week_containing_the_study_start():
    assert due_mondays(date(2025, 10, 30), TODAY, Policy()) == (OCT_27, NOV_3, NOV_10)


@pytest.mark.parametrize(
    "study_start, first_due",
    [
        (date(2025, 10, 31), OCT_27),  # Friday: the week's deadline is the end of that day
        (date(2025, 11, 1), NOV_3),  # Saturday: the deadline passed before the study began
        (date(2025, 11, 2), NOV_3),  # Sunday: likewise
    ],
)
def test_a_study_start_after_its_weeks_deadline_starts_with_the_next_week(study_start, first_due):
    assert due_mondays(study_start, TODAY, Policy())[0] == first_due


def test_an_engineer_starting_on_a_saturday_is_not_flagged_the_next_day():
    assert due_mondays(date(2025, 11, 8), date(2025, 11, 9), Policy()) == ()


def test_no_study_start_or_a_first_week_not_yet_due_means_no_due_weeks():
    assert due_mondays(None, TODAY, Policy()) == ()
    assert due_mondays(date(2025, 11, 11), date(2025, 11, 13), Policy()) == ()


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2025, 11, 13), []),  # Thursday: the week of 10 Nov is not due yet
        (date(2025, 11, 14), []),  # Friday: still not due
        (date(2025, 11, 15), ["no-hours"]),  # Saturday: the empty week is due
    ],
)
def test_an_empty_week_counts_only_once_its_deadline_has_passed(today, expected):
    assert codes(weeks(8, 8), today=today) == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2025, 11, 9), ["no-hours"]),  # Sunday 9 Nov: counts for the week of 3 Nov
        (date(2025, 11, 10), []),  # Monday 10 Nov: counts for the week of 10 Nov
    ],
)
def test_a_check_in_lands_in_the_week_containing_its_date(day, expected):
    assert codes(weeks(8, 8) + [check_in(day, 8)]) == expected


def test_check_ins_outside_the_due_weeks_are_ignored():
    before_start = check_in(date(2025, 10, 26), 40)
    not_due_yet = check_in(date(2025, 11, 17), 40)
    assert codes(weeks(8, 8) + [before_start, not_due_yet]) == ["no-hours"]


def test_check_ins_of_other_enrollments_are_ignored():
    assert codes(weeks(8, 8) + [check_in(NOV_10, 8, enrollment_id="enr-2")]) == ["no-hours"]
