"""Week arithmetic: weeks run Monday to Sunday and are named by their Monday.

A week is due once the end of its check-in deadline day has passed, so with `today` a date in
the program's time zone the week is due when today is after that day.
"""

from __future__ import annotations

from datetime import date, timedelta

from .policy import Policy


def monday_of(day: date) -> date:
    """The Monday of the Monday-to-Sunday week containing `day`."""
    return day - timedelta(days=day.weekday())


def deadline_of(monday: date, policy: Policy) -> date:
    """The check-in deadline day of the week starting on `monday`."""
    return monday + timedelta(days=int(policy.checkin_deadline))


def is_due(monday: date, today: date, policy: Policy) -> bool:
    """True once the end of the week's deadline day has passed."""
    return today > deadline_of(monday, policy)


def last_due_monday(today: date, policy: Policy) -> date:
    """The Monday of the latest week whose deadline has passed as of `today`."""
    return monday_of(today - timedelta(days=int(policy.checkin_deadline) + 1))


def first_monday(study_start: date, policy: Policy) -> date:
    """The Monday of an enrollment's first week: the study start's, or the next one when the study
    starts after its week's deadline day (nobody owes a check-in for a week whose deadline passed
    before they began)."""
    first = monday_of(study_start)
    if study_start > deadline_of(first, policy):
        first += timedelta(days=7)
    return first


def due_mondays(study_start: date | None, today: date, policy: Policy) -> tuple[date, ...]:
    """The due weeks from the week containing the study start on, oldest first.

    A study start after its week's deadline day starts with the next week (see first_monday).
    No study start, or a study start whose first week is not due yet, means no due weeks.
    """
    if study_start is None:
        return ()
    first_day, last = first_monday(study_start, policy).toordinal(), last_due_monday(today, policy).toordinal()
    return tuple(map(date.fromordinal, range(first_day, last + 1, 7)))
