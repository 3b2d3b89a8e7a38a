"""The core of certsync: the common model and the rule engine. Pure: no I/O, no clock, no SDKs."""

from .catalogue import RULES, Rule
from .evaluate import evaluate
from .projection import projection
from .reminders import due_reminders, missing_goals
from .summary import summary

__all__ = ["RULES", "Rule", "due_reminders", "evaluate", "missing_goals", "projection", "summary"]
