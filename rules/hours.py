"""Rules on logged hours: low-hours-2w, no-hours, low-hours, behind-plan.

Each rule returns the reason for its flag, or None when it does not fire. The target-based rules
need a weekly target; without one (None or 0) only no-hours can fire.
"""

from __future__ import annotations

import math

from . import reasons as fmt
from .compare import above, below
from .history import History
from .policy import Policy


def low_hours_2w(history: History, policy: Policy) -> str | None:
    """The last two due weeks are both below 50% of the weekly target."""
    target, recent = history.target, _low_weeks(history, policy)
    if not recent:
        return None
    logged = fmt.join([fmt.hours(week.value) for week in recent])
    return (
        f"Logged {logged} in {fmt.in_weeks(w.monday for w in recent)}, "
        f"under {fmt.share(policy.low_hours_ratio)} of the {fmt.target(target)} target."
    )


def no_hours(history: History, policy: Policy) -> str | None:
    """The last due week has zero hours and no absence reason."""
    last = history.last_week
    if not _unexplained_zero(history):
        return None
    return f"No hours logged in {fmt.in_weeks([last.monday])} and no absence reason given."


def low_hours(history: History, policy: Policy) -> str | None:
    """The last due week is below target, and neither low-hours-2w nor no-hours fired."""
    last, target = history.last_week, history.target
    if last is None or not target or not below(last.hours, target):
        return None
    if _low_weeks(history, policy) or _unexplained_zero(history):
        return None
    return f"Logged {fmt.hours(last.hours)} in {fmt.in_weeks([last.monday])}, under the {fmt.target(target)} target."


def _low_weeks(history: History, policy: Policy) -> tuple:
    """The last due weeks when all of them are under the share of target low-hours-2w looks for."""
    target = history.target
    recent = history.last_hours(policy.low_hours_weeks)
    if target and recent and all(below(week.value, policy.low_hours_ratio * target) for week in recent):
        return recent
    return ()


def _unexplained_zero(history: History) -> bool:
    """The last due week has zero hours and no absence reason."""
    last = history.last_week
    return last is not None and not last.hours and not last.absence_reason


def behind_plan(history: History, policy: Policy) -> str | None:
    """Cumulative hours are more than one week's target behind plan."""
    target, weeks = history.target, history.due_weeks
    if not target or not weeks:
        return None
    plan = weeks * target
    logged = math.fsum(history.hours)
    allowed = policy.behind_plan_weeks * target
    if not above(plan - logged, allowed):
        return None
    span = "1 week" if weeks == 1 else f"{weeks} weeks"
    sentence = f"Logged {fmt.hours(logged)} over {span} against a plan of {fmt.target(plan)}: {fmt.hours(plan - logged)} behind"
    if not policy.behind_plan_weeks:
        return sentence + "."
    slack = "one week's" if policy.behind_plan_weeks == 1 else f"{fmt.number(policy.behind_plan_weeks)} weeks'"
    return f"{sentence}, more than {slack} target ({fmt.target(allowed)})."
