"""Rules on milestones: milestones-partial, milestones-missed.

They read the last due week only; a week whose check-ins leave milestones empty reports nothing.
"""

from __future__ import annotations

from . import reasons as fmt
from .history import History
from .model import Milestones
from .policy import Policy


def milestones_partial(history: History, policy: Policy) -> str | None:
    """The last due week's check-in reports its milestones as Partial."""
    return _reported(history, Milestones.PARTIAL, "partly done")


def milestones_missed(history: History, policy: Policy) -> str | None:
    """The last due week's check-in reports its milestones as No."""
    return _reported(history, Milestones.NO, "not done")


def _reported(history: History, value: Milestones, wording: str) -> str | None:
    last = history.last_week
    if last is None or last.milestones is not value:
        return None
    blockers = f" Blockers: {fmt.quoted(last.blockers)}" if last.blockers else ""
    return f"Milestones reported as {wording} in {fmt.in_weeks([last.monday])}.{blockers}"
