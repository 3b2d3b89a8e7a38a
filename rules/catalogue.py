"""Every rule of DESIGN.md §Rules: its code, severity and display name, in DESIGN order
(the projection's two rules of issue 8 close the red and the yellow ones, and the cohorts' rule
of issue 9 comes after them, last of the yellow ones).

The writers use this list, e.g. to create one multi-select option per rule, coloured by severity.
Flags in an Assessment come in this order (red first).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    name: str


RED, YELLOW = Severity.RED, Severity.YELLOW

RULES: tuple[Rule, ...] = (
    Rule("low-hours-2w", RED, "Under half of target, 2 weeks"),
    Rule("no-hours", RED, "No hours logged"),
    Rule("score-drop", RED, "Practice score dropped"),
    Rule("postponed-2x", RED, "Exam postponed 2+ times"),
    Rule("low-confidence", RED, "Low confidence"),
    Rule("off-pace-far", RED, "Far off pace for exam"),
    Rule("low-hours", YELLOW, "Under target"),
    Rule("behind-plan", YELLOW, "Behind plan"),
    Rule("score-plateau", YELLOW, "Score plateau"),
    Rule("milestones-partial", YELLOW, "Milestones partly done"),
    Rule("milestones-missed", YELLOW, "Milestones missed"),
    Rule("postponed", YELLOW, "Exam postponed"),
    Rule("off-pace", YELLOW, "Off pace for exam"),
    Rule("missed-sessions", YELLOW, "Missed the last two sessions"),
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
