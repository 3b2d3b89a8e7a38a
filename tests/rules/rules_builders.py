"""Small builders for the rules tests: an enrollment, its check-ins, and the flag codes they raise.

Dates are in autumn 2025: Monday 27 Oct, 3 Nov, 10 Nov... TODAY is Saturday 15 Nov 2025, so the
week of 10 Nov is the last due week with the default Friday deadline.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from certsync.rules import evaluate
from certsync.rules.model import Assessment, CheckIn, Enrollment
from certsync.rules.policy import Policy

OCT_27, NOV_3, NOV_10, NOV_17 = date(2025, 10, 27), date(2025, 11, 3), date(2025, 11, 10), date(2025, 11, 17)
TODAY = date(2025, 11, 15)
_ids = count(1)


def enrollment(**fields) -> Enrollment:
    defaults = dict(id="enr-1", name="Ada Lovelace — CKA", study_start=OCT_27, weekly_target_hours=8)
    return Enrollment(**(defaults | fields))


def check_in(week_of: date, hours: float | None = None, **fields) -> CheckIn:
    defaults = dict(id=f"ci-{next(_ids):05d}", enrollment_id="enr-1", week_of=week_of, hours=hours)
    return CheckIn(**(defaults | fields))


def weeks(*hours: float | None, start: date = OCT_27, **fields) -> list[CheckIn]:
    """One check-in per week from `start`, with the given hours (a None entry: no check-in that week)."""
    return [check_in(start + timedelta(weeks=i), h, **fields) for i, h in enumerate(hours) if h is not None]


def assess(check_ins=(), today: date = TODAY, policy: Policy = Policy(), **fields) -> Assessment:
    return evaluate(enrollment(**fields), check_ins, today=today, policy=policy)


def codes(check_ins=(), today: date = TODAY, policy: Policy = Policy(), **fields) -> list[str]:
    return [flag.code for flag in assess(check_ins, today, policy, **fields).flags]


def reason(code: str, check_ins=(), today: date = TODAY, policy: Policy = Policy(), **fields) -> str:
    found = {flag.code: flag.reason for flag in assess(check_ins, today, policy, **fields).flags}
    return found[code]
