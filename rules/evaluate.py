"""The entry point: one enrollment, its check-ins and its cohort's sessions in, one Assessment out.

Pure and deterministic: `today` is an argument (a date in the program's time zone), and the
order of the check-ins and of the sessions does not matter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from .catalogue import RULES
from .confidence import low_confidence
from .exam import postponed, postponed_2x
from .history import History, history_of
from .hours import behind_plan, low_hours, low_hours_2w, no_hours
from .milestones import milestones_missed, milestones_partial
from .model import Assessment, CheckIn, Enrollment, Flag, Session, Severity, Status
from .policy import Policy
from .projection import off_pace, off_pace_far
from .scores import score_drop, score_plateau
from .sessions import missed_sessions
from .summary import summary_day, summary_of

Check = Callable[[History, Policy], "str | None"]

CHECKS: dict[str, Check] = {
    "low-hours-2w": low_hours_2w,
    "no-hours": no_hours,
    "score-drop": score_drop,
    "postponed-2x": postponed_2x,
    "low-confidence": low_confidence,
    "off-pace-far": off_pace_far,
    "low-hours": low_hours,
    "behind-plan": behind_plan,
    "score-plateau": score_plateau,
    "milestones-partial": milestones_partial,
    "milestones-missed": milestones_missed,
    "postponed": postponed,
    "off-pace": off_pace,
    "missed-sessions": missed_sessions,
}
assert list(CHECKS) == [rule.code for rule in RULES], "every catalogued rule needs its check, in order"
_RULES_AND_CHECKS = tuple((rule, CHECKS[rule.code]) for rule in RULES)

DEFAULT_POLICY = Policy()


def evaluate(
    enrollment: Enrollment,
    check_ins: Iterable[CheckIn],
    *,
    today: date,
    policy: Policy = DEFAULT_POLICY,
    sessions: Iterable[Session] = (),
) -> Assessment:
    """Judge one enrollment as of `today`: its status, its flags in catalogue order, its postponements,
    and its summary (see summary.py), all from one history.

    Check-ins of other enrollments are ignored, and so are the sessions of other cohorts (`sessions`
    may be the cohort's or every cohort's). Certified: Completed and no flags. Before the study
    start: no flags at all.
    """
    postponements = enrollment.exam_history.postponements
    if enrollment.certified:
        history = history_of(enrollment, check_ins, summary_day(enrollment, today), policy)
        return Assessment(enrollment_id=enrollment.id, status=Status.COMPLETED, postponements=postponements,
                          summary=summary_of(history, policy))
    if enrollment.study_start is not None and today < enrollment.study_start:
        return Assessment(enrollment_id=enrollment.id, status=Status.ON_TRACK, postponements=postponements)
    history = history_of(enrollment, check_ins, today, policy, sessions)
    flags = flags_of(history, policy)
    return Assessment(
        enrollment_id=enrollment.id,
        status=status_of(flags),
        flags=tuple(flags),
        postponements=postponements,
        summary=summary_of(history, policy),
    )


def flags_of(history: History, policy: Policy) -> tuple[Flag, ...]:
    """The flags the rules raise on one history of an enrollment that is not certified, in catalogue order."""
    flags = []
    for rule, check in _RULES_AND_CHECKS:
        reason = check(history, policy)
        if reason is not None:
            flags.append(Flag(code=rule.code, severity=rule.severity, name=rule.name, reason=reason))
    return tuple(flags)


def status_of(flags: Iterable[Flag]) -> Status:
    """At risk with any red flag, else Slightly behind with any yellow one, else On track."""
    severities = {flag.severity for flag in flags}
    if Severity.RED in severities:
        return Status.AT_RISK
    if Severity.YELLOW in severities:
        return Status.SLIGHTLY_BEHIND
    return Status.ON_TRACK
