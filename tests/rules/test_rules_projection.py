"""Projected ready and its rules at their boundaries: off-pace (yellow), off-pace-far (red).

As of TODAY (Sat 15 Nov 2025) the last due week is that of 10 Nov; hours count as of its
deadline, Fri 14 Nov, and the rest of the plan follows at the pace of the last three due weeks.
"""

from datetime import date, timedelta

import pytest

from certsync.rules.policy import Policy, Weekday
from certsync.rules.projection import planned_hours, projection
from rules_builders import NOV_10, OCT_27, TODAY, check_in, codes, enrollment, reason, weeks

PACE_RULES = {"off-pace", "off-pace-far"}
DEC_12 = date(2025, 12, 12)


def pace_codes(check_ins, **fields):
    return [c for c in codes(check_ins, **fields) if c in PACE_RULES]


def projected(check_ins=(), today=TODAY, policy=Policy(), **fields):
    return projection(enrollment(**fields), check_ins, today=today, policy=policy)


# Three weeks of 8 h (24 h) and 56 h planned: the other 32 h at 8 h a week take 28 days from
# Fri 14 Nov, so the plan is reached on Fri 12 Dec.
@pytest.mark.parametrize(
    "exam, expected",
    [
        (date(2025, 12, 13), []),
        (DEC_12, []),  # reached on the exam day: not after it
        (date(2025, 12, 11), ["off-pace"]),  # one day after
        (date(2025, 11, 28), ["off-pace"]),  # exactly two weeks after: not more than two
        (date(2025, 11, 27), ["off-pace-far"]),  # two weeks and a day: red, and only red
        (date(2025, 11, 20), ["off-pace-far"]),
    ],
)
def test_off_pace_when_the_projected_date_falls_after_the_exam_far_when_more_than_two_weeks(exam, expected):
    assert projected(weeks(8, 8, 8), planned_hours=56, exam_date=exam).ready == DEC_12
    assert pace_codes(weeks(8, 8, 8), planned_hours=56, exam_date=exam) == expected


@pytest.mark.parametrize(
    "planned, ready",
    [
        (56, DEC_12),
        (56.000000001, DEC_12),  # float noise does not cost a day
        (56.01, date(2025, 12, 13)),  # a little more than four weeks' hours: one more day
        (55, DEC_12),  # 31 h at 8 h a week: 27.1 days, rounded up to 28
        (54, date(2025, 12, 11)),  # 30 h: 26.25 days, rounded up to 27
    ],
)
def test_the_projected_date_is_the_day_the_hours_are_reached_rounded_up(planned, ready):
    assert projected(weeks(8, 8, 8), planned_hours=planned, exam_date=DEC_12).ready == ready


@pytest.mark.parametrize("start_day", range(7))
@pytest.mark.parametrize("deadline", [Weekday.FRIDAY, Weekday.MONDAY, Weekday.SUNDAY])
def test_exactly_on_target_is_ready_before_the_exam_whatever_day_the_study_starts(start_day, deadline):
    policy = Policy(checkin_deadline=deadline)
    start = date(2025, 9, 1) + timedelta(days=start_day)
    exam = start + timedelta(weeks=12)
    check_ins = weeks(*[8] * 12, start=date(2025, 8, 25))
    found = projected(check_ins, policy=policy, study_start=start, exam_date=exam)
    assert found is not None and found.ready < exam
    assert [c for c in codes(check_ins, policy=policy, study_start=start, exam_date=exam) if c in PACE_RULES] == []


def test_the_plan_is_the_weekly_target_times_the_weeks_to_the_exam_unless_hours_are_planned():
    six_weeks = dict(study_start=OCT_27, exam_date=date(2025, 12, 8))
    assert planned_hours(enrollment(**six_weeks)) == 48
    assert planned_hours(enrollment(**six_weeks, weekly_target_hours=7.5)) == 45
    assert planned_hours(enrollment(study_start=OCT_27, exam_date=date(2025, 12, 10))) == pytest.approx(8 * 44 / 7)
    assert planned_hours(enrollment(**six_weeks, planned_hours=60)) == 60
    assert planned_hours(enrollment(**six_weeks, planned_hours=60, weekly_target_hours=None)) == 60
    assert planned_hours(enrollment(**six_weeks, weekly_target_hours=None)) is None
    assert planned_hours(enrollment(study_start=OCT_27)) is None  # no exam date


def test_planned_hours_project_without_a_weekly_target():
    assert pace_codes(weeks(2, 2, 2), planned_hours=40, weekly_target_hours=None, exam_date=DEC_12) == ["off-pace-far"]


@pytest.mark.parametrize(
    "today, due_weeks, expected",
    [
        (date(2025, 11, 1), 1, []),  # one due week: no projection yet
        (date(2025, 11, 8), 2, ["off-pace-far"]),
    ],
)
def test_no_projection_before_two_due_weeks(today, due_weeks, expected):
    check_ins = weeks(1, 1)
    assert (projected(check_ins, today=today, exam_date=DEC_12) is None) == (not expected)
    assert pace_codes(check_ins, today=today, exam_date=DEC_12) == expected


def test_no_projection_for_a_certified_enrollment_or_without_an_exam_date_or_a_plan():
    slow = weeks(1, 1, 1)
    assert projected(slow, exam_date=DEC_12, certified=True) is None
    assert projected(slow) is None
    assert pace_codes(slow) == []
    assert projected(slow, exam_date=DEC_12, weekly_target_hours=None) is None
    assert projected(slow, exam_date=DEC_12, weekly_target_hours=0) is None
    assert projected(slow, exam_date=DEC_12, planned_hours=0) is None


def test_the_pace_is_that_of_the_last_three_due_weeks():
    start = date(2025, 10, 13)
    fast_then_slow = weeks(10, 10, 2, 2, 2, start=start)
    slow_then_fast = weeks(2, 2, 10, 10, 10, start=start)
    assert projected(fast_then_slow, study_start=start, exam_date=DEC_12).pace == 2
    assert projected(slow_then_fast, study_start=start, exam_date=DEC_12).pace == 10
    assert projected(fast_then_slow, policy=Policy(pace_weeks=5), study_start=start, exam_date=DEC_12).pace == 5.2


def test_with_fewer_due_weeks_than_the_pace_window_the_pace_is_over_all_of_them():
    found = projected(weeks(3, 5), today=date(2025, 11, 8), exam_date=DEC_12)
    assert (found.window, found.pace) == (2, 4)
    assert reason("off-pace-far", weeks(3, 5), today=date(2025, 11, 8), exam_date=DEC_12).startswith(
        "At 4.0 h a week over the last 2 weeks,"
    )


def test_an_absence_counts_as_zero_hours_in_the_pace():
    check_ins = weeks(8, 8) + [check_in(NOV_10, 0, absence_reason="Conference")]
    assert projected(check_ins, exam_date=DEC_12).pace == pytest.approx(16 / 3)


def test_no_hours_over_the_pace_window_gives_no_date_and_a_red_flag():
    start = date(2025, 10, 13)
    check_ins = weeks(8, 8, 0, 0, 0, start=start)
    found = projected(check_ins, study_start=start, exam_date=date(2026, 3, 1))
    assert (found.pace, found.ready) == (0, None)
    assert pace_codes(check_ins, study_start=start, exam_date=date(2026, 3, 1)) == ["off-pace-far"]


def test_a_plan_already_reached_was_ready_on_the_deadline_of_the_week_that_reached_it():
    check_ins = weeks(20, 20, 0)
    found = projected(check_ins, planned_hours=40, exam_date=DEC_12)
    assert found.ready == date(2025, 11, 7)  # the Friday of the week of 3 Nov
    assert pace_codes(check_ins, planned_hours=40, exam_date=DEC_12) == []


def test_a_past_exam_still_not_certified_is_judged_against_that_exam():
    assert pace_codes(weeks(1, 1, 1), exam_date=date(2025, 11, 8)) == ["off-pace-far"]


def test_how_far_after_the_exam_is_red_comes_from_the_policy():
    one_day_late = dict(planned_hours=56, exam_date=date(2025, 12, 11))
    assert pace_codes(weeks(8, 8, 8), **one_day_late) == ["off-pace"]
    assert pace_codes(weeks(8, 8, 8), policy=Policy(off_pace_red_weeks=0), **one_day_late) == ["off-pace-far"]
    late = dict(planned_hours=56, exam_date=date(2025, 11, 21))  # exactly three weeks late
    assert pace_codes(weeks(8, 8, 8), policy=Policy(off_pace_red_weeks=3), **late) == ["off-pace"]


def test_the_projection_window_and_minimum_come_from_the_policy():
    policy = Policy(projection_min_weeks=4)
    assert projected(weeks(1, 1, 1), policy=policy, exam_date=DEC_12) is None
    found = projected(weeks(1, 1, 7), policy=Policy(pace_weeks=1), exam_date=DEC_12)
    assert found.window == 1 and found.pace == 7


@pytest.mark.parametrize(
    "hours, opening",
    [
        (1e-8, "At 0.0 h a week over the last 3 weeks: at that pace"),  # about 2 billion years
        (1e-10, "No hours logged over the last 3 weeks: at that pace"),  # under a billionth is none
    ],
)
def test_a_pace_too_slow_for_the_calendar_cannot_reach_the_plan(hours, opening):
    slow = weeks(hours, hours, hours)
    assert projected(slow, planned_hours=1e6, exam_date=DEC_12).ready is None
    assert reason("off-pace-far", slow, planned_hours=1e6, exam_date=DEC_12).startswith(
        f"{opening} the 1000000 h planned cannot be reached"
    )
