"""Rules on practice scores: score-drop, score-plateau.

The scores are those of the check-ins in due weeks, ordered by (week_of, id).
"""

from __future__ import annotations

from . import reasons as fmt
from .compare import above, below, within
from .history import History
from .policy import Policy


def score_drop(history: History, policy: Policy) -> str | None:
    """The latest practice score is below the previous one."""
    last_two = history.last_scores(2)
    if not last_two:
        return None
    previous, latest = last_two
    if not below(latest.value, previous.value):
        return None
    weeks = fmt.in_weeks([previous.monday, latest.monday]).removeprefix("the ")
    return f"Practice score fell from {fmt.percent(previous.value)} to {fmt.percent(latest.value)} ({weeks})."


def score_plateau(history: History, policy: Policy) -> str | None:
    """The last three practice scores all lie in 65–75% and the latest is at most 2 points above the earliest."""
    recent = history.last_scores(policy.plateau_scores)
    if not recent or not all(within(s.value, policy.plateau_low, policy.plateau_high) for s in recent):
        return None
    gain = recent[-1].value - recent[0].value
    if above(gain, policy.plateau_max_gain):
        return None
    values = fmt.join([fmt.percent(s.value) for s in recent])
    band = f"{fmt.number(policy.plateau_low)}–{fmt.percent(policy.plateau_high)}"
    return (
        f"Practice scores {values} in {fmt.in_weeks(s.monday for s in recent)}: "
        f"all within {band}, the latest {_change(gain)} the first."
    )


def _change(gain: float) -> str:
    if below(gain, 0):
        return f"{_points(-gain)} below"
    if above(gain, 0):
        return f"only {_points(gain)} above"
    return "level with"


def _points(value: float) -> str:
    return "1 point" if fmt.number(value) == "1" else f"{fmt.number(value)} points"
