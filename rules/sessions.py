"""Cohorts (DESIGN.md §Rules, issue 9): `missed-sessions`, a yellow flag for missing the last two sessions.

A cohort's sessions count for an enrollment of that cohort from its study start on, up to the
day judged (a session counts as held from its own day on). The enrollment is flagged when it is
among the attendees of none of the last `missed_sessions` of them. An enrollment without a cohort
or a study start, or whose cohort held fewer sessions so far, is never flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

from . import reasons as fmt
from .model import Enrollment, Session
from .policy import Policy

if TYPE_CHECKING:
    from .history import History

ORDER = attrgetter("day", "id")


def sessions_of(enrollment: Enrollment, sessions: Iterable[Session], today: date = date.max) -> tuple[Session, ...]:
    """The sessions of the enrollment's cohort held from its study start to `today`, oldest first
    (by day, then id): none without a cohort or a study start. `sessions` may hold any cohort's."""
    cohort, start = enrollment.cohort, enrollment.study_start
    if cohort is None or start is None:
        return ()
    return tuple(sorted((s for s in sessions if s.cohort == cohort and start <= s.day <= today), key=ORDER))


def missed_sessions(history: History, policy: Policy) -> str | None:
    """Missed the last two sessions: the enrollment is among the attendees of none of its cohort's
    last `missed_sessions` sessions held since its study start (0: the rule is off)."""
    count = policy.missed_sessions
    held = history.sessions
    if not count or len(held) < count:
        return None
    last, ident = held[-count:], history.enrollment.id
    if any(ident in s.attended_by for s in last):
        return None
    return missed_reason(last)


def missed_reason(missed: Iterable[Session]) -> str:
    """"Not at the sessions of 17 and 24 Nov (Networking, Security).": the days, and the topics
    each once (none when the sessions name none)."""
    missed = tuple(missed)
    topics = [t for t in dict.fromkeys(" ".join(s.topic.split()) for s in missed) if t]
    about = f" ({', '.join(topics)})" if topics else ""
    noun = "session" if len(missed) == 1 else "sessions"
    return f"Not at the {noun} of {fmt.dates(s.day for s in missed)}{about}."
