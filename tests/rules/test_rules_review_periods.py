"""Which period a moment's review belongs to: one key per period, the same until the next posting."""

from datetime import date, datetime, time

import pytest

from certsync.rules.policy import Policy
from certsync.rules.review_periods import ReviewKind, review_due

# 4 Dec 2026 is a Friday (ISO week 49); 7 Dec is the first Monday of December.


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_the_weekly_review_is_the_iso_week_from_16_00_on_the_deadline_day():
    before = review_due("weekly", at(date(2026, 12, 4), 15, 59))
    after = review_due("weekly", at(date(2026, 12, 4), 16))
    assert (before.key, after.key) == ("2026-W48", "2026-W49")
    assert (after.first, after.last, after.posts_at) == (date(2026, 11, 30), date(2026, 12, 6), at(date(2026, 12, 4), 16))
    assert review_due("weekly", at(date(2026, 12, 10), 9)).key == "2026-W49"
    assert after.mondays(Policy()) == (date(2026, 11, 30),)


def test_the_biweekly_review_reviews_the_pair_of_iso_weeks_before_every_other_monday():
    # Monday 30 Nov is week 49: weeks 47-48 ended; Monday 7 Dec (week 50) is not a posting Monday.
    posted = review_due("biweekly", at(date(2026, 11, 30), 9))
    assert (posted.key, posted.first, posted.last) == ("2026-W47-W48", date(2026, 11, 16), date(2026, 11, 29))
    assert review_due("biweekly", at(date(2026, 12, 11), 12)).key == "2026-W47-W48"
    assert review_due("biweekly", at(date(2026, 11, 30), 8, 59)).key == "2026-W45-W46"
    assert review_due("biweekly", at(date(2026, 12, 14), 9)).key == "2026-W49-W50"
    assert posted.mondays(Policy()) == (date(2026, 11, 16), date(2026, 11, 23))


def test_the_53rd_iso_week_is_reviewed_on_its_own():
    # 2026 has 53 ISO weeks; week 53 is 28 Dec 2026 - 3 Jan 2027.
    assert review_due("biweekly", at(date(2027, 1, 4), 9)).key == "2026-W53"
    assert review_due("biweekly", at(date(2026, 12, 28), 9)).key == "2026-W51-W52"
    assert review_due("biweekly", at(date(2027, 1, 18), 9)).key == "2027-W01-W02"


def test_the_monthly_review_reviews_the_month_before_the_first_monday():
    assert review_due("monthly", at(date(2026, 12, 7), 9)).key == "2026-11"
    early = review_due("monthly", at(date(2026, 12, 6), 23))
    assert (early.key, early.posts_at) == ("2026-10", at(date(2026, 11, 2), 9))
    november = review_due(ReviewKind.MONTHLY, at(date(2026, 12, 20), 9))
    # Weeks whose Friday deadline falls in November: 2, 9, 16, 23 Nov (27 Nov); not 30 Nov (4 Dec).
    assert november.mondays(Policy()) == tuple(date(2026, 11, d) for d in (2, 9, 16, 23))
    assert review_due("monthly", at(date(2027, 1, 4), 9)).key == "2026-12"


@pytest.mark.parametrize(("now", "key"), [
    (at(date(2026, 10, 5), 9), "2026-Q3"),
    (at(date(2026, 10, 5), 8), "2026-Q2"),
    (at(date(2027, 1, 4), 9), "2026-Q4"),
    (at(date(2027, 3, 31), 9), "2026-Q4"),
])
def test_the_quarterly_review_reviews_the_quarter_before_its_first_monday(now, key):
    assert review_due("quarterly", now).key == key


from datetime import timedelta  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(ReviewKind)), moments)
def test_a_moment_belongs_to_the_period_posted_last_and_keeps_its_key_until_the_next(kind, now):
    period = review_due(kind, now)
    assert period.posts_at <= now and period.first <= period.last
    # The weekly review goes out on its deadline day, before its week ends; the others after theirs.
    assert period.first <= period.posts_at.date() if kind is ReviewKind.WEEKLY else period.last < period.posts_at.date()
    assert review_due(kind, period.posts_at) == period  # the same key from its posting moment on
    before = review_due(kind, period.posts_at - timedelta(minutes=1))
    assert before.key != period.key and before.last < period.first  # periods follow one another
    assert before.last + timedelta(days=1) == period.first or kind is ReviewKind.BIWEEKLY and before.key.endswith("W53")
