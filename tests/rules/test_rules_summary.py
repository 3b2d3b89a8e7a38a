"""The summary view: every field at its boundaries, and the score trend's sparkline."""

from datetime import date, timedelta

import pytest

from certsync.rules import evaluate
from certsync.rules.model import Summary
from certsync.rules.policy import Policy
from certsync.rules.projection import projection
from certsync.rules.sparkline import sparkline
from certsync.rules.summary import summary
from rules_builders import NOV_10, NOV_17, OCT_27, TODAY, check_in, enrollment, weeks

DEC_12 = date(2025, 12, 12)


def summarize(check_ins=(), today=TODAY, policy=Policy(), **fields) -> Summary:
    return summary(enrollment(**fields), check_ins, today, policy)


def scored(*scores):
    """One check-in a week from 27 Oct, 8 h each, with these practice scores."""
    return [check_in(OCT_27 + timedelta(weeks=i), 8, practice_score=s) for i, s in enumerate(scores)]


@pytest.mark.parametrize(
    "today, completed",
    [
        (date(2025, 10, 26), 0),  # before the study start
        (date(2025, 10, 31), 0),  # the first week's deadline is the end of today
        (date(2025, 11, 1), 1),
        (TODAY, 3),
    ],
)
def test_weeks_completed_are_the_due_weeks_since_the_study_start(today, completed):
    assert summarize(weeks(8, 8, 8), today=today).weeks_completed == completed


def test_before_any_due_week_the_summary_is_empty():
    assert summarize(weeks(8), today=date(2025, 10, 30)) == Summary()
    assert summarize(weeks(8), study_start=None) == Summary()


def test_hours_last_week_are_the_last_due_weeks_and_zero_without_a_check_in():
    assert summarize(weeks(8, 8, 6.5)).hours_last_week == 6.5
    assert summarize(weeks(8, 8)).hours_last_week == 0
    assert summarize(weeks(8, 8, 6) + [check_in(NOV_17, 9)]).hours_last_week == 6  # the week of 17 Nov is not due
    assert summarize(weeks(8, 8) + [check_in(NOV_10, 1.1), check_in(NOV_10, 2.2)]).hours_last_week == 3.3


@pytest.mark.parametrize(
    "hours, vs_plan",
    [
        ((8, 8, 8), 0),
        ((8, 8, 9.5), 1.5),
        ((8, 8, 7.9), -0.1),  # not -0.0999999999999943
        ((0, 0, 0), -24),
        ((8, 4, None), -12),
    ],
)
def test_hours_vs_plan_is_cumulative_hours_minus_the_target_to_date_negative_when_behind(hours, vs_plan):
    assert summarize(weeks(*hours)).hours_vs_plan == vs_plan


def test_hours_vs_plan_needs_a_weekly_target():
    assert summarize(weeks(8, 8, 8), weekly_target_hours=None).hours_vs_plan is None
    assert summarize(weeks(8, 8, 8), weekly_target_hours=0).hours_vs_plan is None


def test_the_latest_score_is_the_last_of_the_due_weeks():
    assert summarize(scored(60, 68, 74)).latest_score == 74
    assert summarize(scored(60, 68, None)).latest_score == 68
    assert summarize(scored(60) + [check_in(NOV_17, 8, practice_score=90)]).latest_score == 60
    assert summarize(weeks(8, 8, 8)).latest_score is None


@pytest.mark.parametrize(
    "scores, trend",
    [
        ((), None),
        ((74,), "74"),  # one score: no line to draw
        ((60, 68, 74), "60 → 68 → 74 ▁▅█"),
        ((70.5, 70.5), "70.5 → 70.5 ▄▄"),
        ((80, 60), "80 → 60 █▁"),
    ],
)
def test_the_score_trend_shows_the_scores_and_a_sparkline(scores, trend):
    assert summarize(scored(*scores)).score_trend == trend


def test_the_score_trend_shows_the_last_five_scores():
    start = date(2025, 9, 29)
    check_ins = [check_in(start + timedelta(weeks=i), 8, practice_score=s)
                 for i, s in enumerate((50, 55, 60, 65, 70, 75, 80))]
    assert summarize(check_ins, study_start=start).score_trend == "60 → 65 → 70 → 75 → 80 ▁▃▅▆█"
    assert summarize(check_ins, study_start=start, policy=Policy(trend_scores=2)).score_trend == "75 → 80 ▁█"


def test_projected_ready_is_the_projections_date():
    fields = dict(planned_hours=56, exam_date=DEC_12)
    assert summarize(weeks(8, 8, 8), **fields).projected_ready == DEC_12
    assert summarize(weeks(8, 8, 8), **fields).projected_ready == projection(
        enrollment(**fields), weeks(8, 8, 8), today=TODAY, policy=Policy()).ready
    assert summarize(weeks(8, 8, 8)).projected_ready is None  # no exam date
    assert summarize(weeks(8, 0, 0, 0, start=date(2025, 10, 20)), study_start=date(2025, 10, 20),
                     exam_date=DEC_12).projected_ready is None  # cannot be reached at no pace
    assert summarize(weeks(8), today=date(2025, 11, 1), **fields).projected_ready is None  # one due week


def test_a_certified_summary_stops_at_the_exam():
    certified = dict(certified=True, exam_date=date(2025, 11, 4))  # a Tuesday
    found = summarize(weeks(8, 8, 2), **certified)
    assert (found.weeks_completed, found.hours_last_week, found.hours_vs_plan) == (1, 8, 0)
    assert found.projected_ready is None
    assert summarize(weeks(8, 8, 2), certified=True, exam_date=DEC_12).weeks_completed == 3
    assert summarize(weeks(8, 8, 2), certified=True).weeks_completed == 3


def test_the_assessment_carries_the_summary():
    for fields in (dict(), dict(certified=True, exam_date=date(2025, 11, 4)), dict(study_start=date(2025, 12, 1)),
                   dict(planned_hours=56, exam_date=DEC_12)):
        e = enrollment(**fields)
        assert evaluate(e, scored(60, 68, 74), today=TODAY).summary == summary(e, scored(60, 68, 74), TODAY, Policy())


@pytest.mark.parametrize(
    "values, line",
    [
        ([], ""),
        ([5], "▄"),
        ([60, 68, 74], "▁▅█"),
        ([0, 1, 2, 3, 4, 5, 6, 7], "▁▂▃▄▅▆▇█"),
        ([0, 1, 14], "▁▂█"),  # 0.5 of a step rounds up
        ([3, 3, 3.0000000001], "▄▄▄"),  # float noise is no change
        ([100, 0], "█▁"),
    ],
)
def test_a_sparkline_scales_from_the_lowest_to_the_highest_value(values, line):
    assert sparkline(values) == line
