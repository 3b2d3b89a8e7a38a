"""The reasons people read: exact sentences for representative flags, and how weeks are named."""

from datetime import date

import pytest

from certsync.rules import reasons
from certsync.rules.model import ExamHistory, Milestones
from rules_builders import NOV_3, NOV_10, OCT_27, NOV_17, check_in, reason, weeks

OCT_20 = date(2025, 10, 20)


@pytest.mark.parametrize(
    "mondays, text",
    [
        ([NOV_3], "3 Nov"),
        ([NOV_3, NOV_10], "3 and 10 Nov"),
        ([OCT_27, NOV_3], "27 Oct and 3 Nov"),
        ([NOV_3, NOV_10, NOV_17], "3, 10 and 17 Nov"),
        ([NOV_10, OCT_27, NOV_3], "27 Oct, 3 and 10 Nov"),
        ([date(2025, 12, 29), date(2026, 1, 5)], "29 Dec and 5 Jan"),
    ],
)
def test_weeks_are_named_by_their_monday_with_the_month_once(mondays, text):
    assert reasons.weeks(mondays) == text


def test_hours_have_one_decimal_and_targets_none_when_whole():
    assert (reasons.hours(3), reasons.hours(2.54), reasons.target(8), reasons.target(7.5)) == ("3.0 h", "2.5 h", "8 h", "7.5 h")


def test_low_hours_2w_reason_cites_both_weeks_and_the_target():
    assert reason("low-hours-2w", weeks(8, 3.0, 2.5)) == (
        "Logged 3.0 h and 2.5 h in the weeks of 3 and 10 Nov, under half of the 8 h target."
    )


def test_no_hours_reason():
    assert reason("no-hours", weeks(8, 8)) == "No hours logged in the week of 10 Nov and no absence reason given."


def test_low_hours_reason():
    assert reason("low-hours", weeks(8, 8, 6.5), weekly_target_hours=7.5) == (
        "Logged 6.5 h in the week of 10 Nov, under the 7.5 h target."
    )


def test_behind_plan_reason():
    check_ins = weeks(8, 4, 4, 5, start=OCT_20)
    assert reason("behind-plan", check_ins, study_start=OCT_20) == (
        "Logged 21.0 h over 4 weeks against a plan of 32 h: 11.0 h behind, more than one week's target (8 h)."
    )


def test_score_drop_reason():
    check_ins = [check_in(OCT_27, 8), check_in(NOV_3, 8, practice_score=78), check_in(NOV_10, 8, practice_score=71)]
    assert reason("score-drop", check_ins) == "Practice score fell from 78% to 71% (weeks of 3 and 10 Nov)."


def test_score_plateau_reason():
    check_ins = [check_in(w, 8, practice_score=s) for w, s in ((OCT_27, 68), (NOV_3, 70.5), (NOV_10, 69))]
    assert reason("score-plateau", check_ins) == (
        "Practice scores 68%, 70.5% and 69% in the weeks of 27 Oct, 3 and 10 Nov: "
        "all within 65–75%, the latest only 1 point above the first."
    )


def test_low_confidence_reason():
    check_ins = [check_in(w, 8, confidence=c) for w, c in ((OCT_20, 3), (OCT_27, 2), (NOV_3, 1), (NOV_10, 2))]
    assert reason("low-confidence", check_ins, study_start=OCT_20) == (
        "Confidence 2, 1 and 2 (of 5) in the weeks of 27 Oct, 3 and 10 Nov, all at or below 2, after 4 due weeks."
    )


def test_milestones_reason_quotes_the_blockers():
    check_ins = weeks(8, 8) + [check_in(NOV_10, 8, milestones=Milestones.NO, blockers="Lab cluster down\nall week.")]
    assert reason("milestones-missed", check_ins) == (
        "Milestones reported as not done in the week of 10 Nov. Blockers: “Lab cluster down all week.”"
    )


def test_postponed_2x_reason_shows_the_dates_seen():
    history = ExamHistory(dates_seen=(date(2025, 12, 1), date(2025, 12, 15), date(2026, 1, 12)))
    assert reason("postponed-2x", weeks(8, 8, 8), exam_history=history) == (
        "Exam date moved later 2 times: 1 Dec → 15 Dec → 12 Jan."
    )


def test_postponed_reason_when_only_the_count_survived():
    history = ExamHistory(dates_seen=(date(2026, 1, 12),), postponements_before=2)
    assert reason("postponed-2x", weeks(8, 8, 8), exam_history=history) == (
        "Exam date moved later 2 times (as counted in the tracker); the current date is 12 Jan."
    )


def test_postponed_reason_once():
    history = ExamHistory(dates_seen=(date(2025, 12, 1), date(2025, 12, 15)))
    assert reason("postponed", weeks(8, 8, 8), exam_history=history) == "Exam date moved later once: 1 Dec → 15 Dec."


def test_off_pace_far_reason_cites_pace_plan_date_and_exam():
    # 37.4 h in six weeks, the last three at 4.5 h: 58.6 h to go take 92 days from Fri 14 Nov.
    check_ins = weeks(8, 8, 7.9, 4.5, 4.5, 4.5, start=date(2025, 10, 6))
    assert reason("off-pace-far", check_ins, study_start=date(2025, 10, 6), planned_hours=96,
                  exam_date=date(2026, 1, 3)) == (
        "At 4.5 h a week over the last 3 weeks, the 96 h planned are reached on 14 Feb, 6 weeks after the exam on 3 Jan."
    )


def test_off_pace_reason_counts_weeks_and_days_after_the_exam():
    assert reason("off-pace", weeks(8, 8, 8), planned_hours=56, exam_date=date(2025, 12, 2)) == (
        "At 8.0 h a week over the last 3 weeks, the 56 h planned are reached on 12 Dec, "
        "1 week and 3 days after the exam on 2 Dec."
    )


def test_off_pace_far_reason_without_hours_says_the_plan_cannot_be_reached():
    check_ins = weeks(8, 8, 1.5, 0, 0, 0, start=date(2025, 10, 6))
    assert reason("off-pace-far", check_ins, study_start=date(2025, 10, 6), exam_date=date(2025, 12, 15)) == (
        "No hours logged over the last 3 weeks: at that pace the 80 h planned cannot be reached "
        "(17.5 h logged so far; the exam is on 15 Dec)."
    )


@pytest.mark.parametrize(
    "days, text",
    [(1, "1 day"), (6, "6 days"), (7, "1 week"), (42, "6 weeks"), (15, "2 weeks and 1 day"), (25, "3 weeks and 4 days")],
)
def test_spans_are_weeks_and_days(days, text):
    assert reasons.span(days) == text


def test_plan_totals_are_to_a_tenth_without_a_trailing_zero():
    assert (reasons.total(96), reasons.total(93.714), reasons.total(82.25)) == ("96 h", "93.7 h", "82.2 h")
