"""When each review is posted and which period it reviews: a pure function of a moment.

- Weekly: at 16:00 on the check-in deadline day, reviewing that ISO week.
- Biweekly: every other Monday at 09:00, reviewing the pair of ISO weeks before it (weeks 1–2,
  3–4, …; the 53rd week of a long ISO year is a period of its own).
- Monthly: the first Monday of the month at 09:00, reviewing the calendar month before it.
- Quarterly: the first Monday of the calendar quarter at 09:00, reviewing the quarter before it.

`review_due(kind, now, …)` names the latest posting moment at or before `now` and the period it
reviews. Its `key` is the same for every moment until the next posting, so a sender posts once
per key: a review missed while the job was down is still the one due when it returns.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .policy import Policy, Weekday
from .weeks import deadline_of, monday_of


class ReviewKind(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class ReviewSettings(BaseModel):
    """The moments of the reviews, local times of the program's time zone (the `[reviews]` keys)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weekly_at: time = Field(default=time(16, 0), description="Time of the weekly review, on the check-in deadline day.")
    biweekly_at: time = Field(default=time(9, 0), description="Time of the biweekly review, every other Monday.")
    monthly_at: time = Field(default=time(9, 0), description="Time of the monthly review, the first Monday of the month.")
    quarterly_at: time = Field(default=time(9, 0),
                               description="Time of the quarterly review, the first Monday of the quarter.")
    shared_weak_domain: int = Field(default=2, ge=2,
                                    description="Biweekly: a weak domain is shared when this many engineers report it.")
    healthy_share: float = Field(default=0.7, ge=0, le=1,
                                 description="The program is on track when at least this share of the active "
                                             "enrollments is On track.")
    at_risk_share: float = Field(default=0.5, ge=0, le=1,
                                 description="The program is at risk (not off track) when at least this share is On track.")


class ReviewPeriod(BaseModel):
    """One period of one kind of review: the days it reviews (inclusive) and when it is posted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ReviewKind
    key: str  # "2026-W48", "2026-W47-W48", "2026-11", "2026-Q4": one post per key
    first: date
    last: date
    posts_at: datetime

    def mondays(self, policy: Policy) -> tuple[date, ...]:
        """The weeks reviewed, by their Monday: the ISO weeks of a weekly or biweekly review, the
        weeks whose check-in deadline day falls in the month or quarter of the others."""
        out, monday = [], monday_of(self.first)
        whole_weeks = self.kind in (ReviewKind.WEEKLY, ReviewKind.BIWEEKLY)
        if not whole_weeks and deadline_of(monday, policy) < self.first:
            monday += timedelta(days=7)
        while (monday if whole_weeks else deadline_of(monday, policy)) <= self.last:
            out.append(monday)
            monday += timedelta(days=7)
        return tuple(out)


DEFAULT_SETTINGS = ReviewSettings()
DEFAULT_POLICY = Policy()


def review_due(kind: ReviewKind | str, now: datetime, policy: Policy = DEFAULT_POLICY,
               settings: ReviewSettings = DEFAULT_SETTINGS) -> ReviewPeriod:
    """The period whose review is due at `now` (a datetime on the program's wall clock): the one
    posted at the latest posting moment at or before `now`."""
    kind = ReviewKind(kind)
    finder = {ReviewKind.WEEKLY: _weekly, ReviewKind.BIWEEKLY: _biweekly,
              ReviewKind.MONTHLY: _monthly, ReviewKind.QUARTERLY: _quarterly}[kind]
    return finder(now, policy, settings)


def _at(day: date, at: time, now: datetime) -> datetime:
    return datetime.combine(day, at, tzinfo=now.tzinfo)


def _weekly(now: datetime, policy: Policy, settings: ReviewSettings) -> ReviewPeriod:
    monday = monday_of(now.date())
    if now < _at(deadline_of(monday, policy), settings.weekly_at, now):
        monday -= timedelta(days=7)
    year, week, _ = monday.isocalendar()
    return ReviewPeriod(kind=ReviewKind.WEEKLY, key=f"{year}-W{week:02d}", first=monday,
                        last=monday + timedelta(days=6), posts_at=_at(deadline_of(monday, policy), settings.weekly_at, now))


def _ends_a_pair(monday: date) -> bool:
    week = monday.isocalendar().week
    return week % 2 == 0 or week == 53


def _biweekly(now: datetime, policy: Policy, settings: ReviewSettings) -> ReviewPeriod:
    posting = monday_of(now.date())
    if now < _at(posting, settings.biweekly_at, now):
        posting -= timedelta(days=7)
    while not _ends_a_pair(posting - timedelta(days=7)):
        posting -= timedelta(days=7)
    last_week = posting - timedelta(days=7)
    first_week = last_week if last_week.isocalendar().week % 2 else last_week - timedelta(days=7)
    (y1, w1, _), (_, w2, _) = first_week.isocalendar(), last_week.isocalendar()
    key = f"{y1}-W{w1:02d}" if first_week == last_week else f"{y1}-W{w1:02d}-W{w2:02d}"
    return ReviewPeriod(kind=ReviewKind.BIWEEKLY, key=key, first=first_week, last=last_week + timedelta(days=6),
                        posts_at=_at(posting, settings.biweekly_at, now))


def first_monday_of(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(Weekday.MONDAY - first.weekday()) % 7)


def _month_before(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 - months
    return index // 12, index % 12 + 1


def _monthly(now: datetime, policy: Policy, settings: ReviewSettings) -> ReviewPeriod:
    year, month = now.year, now.month
    if now < _at(first_monday_of(year, month), settings.monthly_at, now):
        year, month = _month_before(year, month, 1)
    reviewed = _month_before(year, month, 1)
    first = date(*reviewed, 1)
    last = date(year, month, 1) - timedelta(days=1)
    return ReviewPeriod(kind=ReviewKind.MONTHLY, key=f"{reviewed[0]}-{reviewed[1]:02d}", first=first, last=last,
                        posts_at=_at(first_monday_of(year, month), settings.monthly_at, now))


def _monthly_quarter_start(year: int, month: int) -> tuple[int, int]:
    return year, (month - 1) // 3 * 3 + 1


def _quarterly(now: datetime, policy: Policy, settings: ReviewSettings) -> ReviewPeriod:
    year, month = _monthly_quarter_start(now.year, now.month)
    if now < _at(first_monday_of(year, month), settings.quarterly_at, now):
        year, month = _month_before(year, month, 3)
    reviewed = _month_before(year, month, 3)
    first = date(*reviewed, 1)
    last = date(year, month, 1) - timedelta(days=1)
    quarter = (reviewed[1] - 1) // 3 + 1
    return ReviewPeriod(kind=ReviewKind.QUARTERLY, key=f"{reviewed[0]}-Q{quarter}", first=first, last=last,
                        posts_at=_at(first_monday_of(year, month), settings.quarterly_at, now))
