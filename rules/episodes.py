"""Since when a flag has been raised: the start of its episode.

An episode of a flag lasts while the rules keep raising it, week after week. It is recomputed
from the history, not remembered: the episode that is raised as of `today` began with the
earliest due week from which the flag was raised as of every due week since.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .evaluate import evaluate
from .model import CheckIn, Enrollment, Session
from .policy import Policy
from .sessions import sessions_of
from .weeks import deadline_of, due_mondays


def raised_since(enrollment: Enrollment, check_ins: Iterable[CheckIn], code: str, *, today: date,
                 policy: Policy, sessions: Iterable[Session] = ()) -> date | None:
    """The Monday of the week the current episode of `code` began, or None when the flag is not
    raised as of `today` (or there is no due week yet). `sessions`: as `evaluate` takes them."""
    check_ins = tuple(check_ins)
    sessions = sessions_of(enrollment, sessions, today)
    mondays = due_mondays(enrollment.study_start, today, policy)

    def raised(as_of: date) -> bool:
        return any(flag.code == code for flag in
                   evaluate(enrollment, check_ins, today=as_of, policy=policy, sessions=sessions).flags)

    if not mondays or not raised(today):
        return None
    start = mondays[-1]
    for monday in reversed(mondays[:-1]):
        if not raised(deadline_of(monday, policy) + timedelta(days=1)):
            break
        start = monday
    return start
