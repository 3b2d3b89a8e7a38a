"""Practice-score rules at their boundaries: score-drop and score-plateau (band 65–75%, gain ≤ 2)."""

from datetime import date

import pytest

from certsync.rules.policy import Policy
from rules_builders import NOV_3, NOV_10, OCT_27, check_in, codes

SCORE_RULES = {"score-drop", "score-plateau"}


def score_codes(*scores, policy=Policy()):
    """One check-in a week with full hours, carrying the given scores (None: no score that week)."""
    weeks = (OCT_27, NOV_3, NOV_10)[-len(scores):] if len(scores) <= 3 else None
    check_ins = [check_in(week, 8, practice_score=s) for week, s in zip(weeks, scores)]
    return [c for c in codes(check_ins, policy=policy) if c in SCORE_RULES]


@pytest.mark.parametrize(
    "scores, expected",
    [
        ((78, 71), ["score-drop"]),
        ((78, 77.9), ["score-drop"]),
        ((78, 78), []),
        ((71, 78), []),
        ((78, None), []),  # no new score: nothing to compare
        ((80, None, 79), ["score-drop"]),  # the previous score, not the previous week
        ((79,), []),
    ],
)
def test_score_drop_compares_the_latest_score_with_the_previous_one(scores, expected):
    assert score_codes(*scores) == expected


@pytest.mark.parametrize(
    "scores, expected",
    [
        ((68, 69, 70), ["score-plateau"]),  # up exactly 2
        ((68, 69, 70.1), []),  # up 2.1
        ((65, 66, 67), ["score-plateau"]),  # lower edge of the band
        ((64.9, 66, 66), []),
        ((73, 75, 75), ["score-plateau"]),  # upper edge
        ((73, 74, 75.1), []),
        ((75, 72, 70), ["score-drop", "score-plateau"]),  # falling inside the band: both
        ((70, 72), []),  # only two scores
        ((None, 70, 70), []),
    ],
)
def test_score_plateau_needs_three_scores_in_the_band_with_little_gain(scores, expected):
    assert score_codes(*scores) == expected


def test_scores_are_ordered_by_week_of_then_id():
    same_day = date(2025, 11, 14)
    check_ins = [
        check_in(NOV_3, 8),
        check_in(same_day, 4, id="ci-b", practice_score=71),
        check_in(same_day, 4, id="ci-a", practice_score=78),
    ]
    assert "score-drop" in codes(list(reversed(check_ins)))
    swapped = [check_in(NOV_3, 8), check_in(same_day, 4, id="ci-a", practice_score=71),
               check_in(same_day, 4, id="ci-b", practice_score=78)]
    assert "score-drop" not in codes(swapped)


def test_scores_outside_due_weeks_are_ignored():
    not_due = check_in(date(2025, 11, 17), 8, practice_score=50)
    assert score_codes(70, 80) == []
    assert [c for c in codes([check_in(NOV_3, 8, practice_score=70), check_in(NOV_10, 8, practice_score=80), not_due])
            if c in SCORE_RULES] == []


def test_plateau_band_comes_from_the_policy():
    policy = Policy(plateau_low=80, plateau_high=90, plateau_max_gain=0, plateau_scores=2)
    assert score_codes(85, 85, policy=policy) == ["score-plateau"]
    assert score_codes(85, 85.5, policy=policy) == []
