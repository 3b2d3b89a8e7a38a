"""The core of certsync: the common model and the rule engine. Pure: no I/O, no clock, no SDKs."""

from .catalogue import RULES, Rule
from .evaluate import evaluate

__all__ = ["RULES", "Rule", "evaluate"]
