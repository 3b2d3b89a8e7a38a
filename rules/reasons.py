"""Formatting for the reasons of flags: numbers, hours, scores, dates and lists of weeks.

Reasons are read by the engineer and the manager, so they read like sentences:
"Logged 3.0 h and 2.5 h in the weeks of 3 and 10 Nov, under half of the 8 h target."
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value: float) -> str:
    """A number without a trailing .0: 8 -> "8", 8.5 -> "8.5", 7.25 -> "7.25"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def hours(value: float) -> str:
    """Logged hours, always one decimal: "3.0 h"."""
    return f"{value:.1f} h"


def target(value: float) -> str:
    """A target or plan in hours, without a trailing .0: "8 h", "7.5 h"."""
    return f"{number(value)} h"


def total(value: float) -> str:
    """A plan's total in hours, to a tenth and without a trailing .0: "96 h", "93.7 h"."""
    return f"{f'{value:.1f}'.rstrip('0').rstrip('.')} h"


def percent(value: float) -> str:
    """A practice score: "78%", "70.5%"."""
    return f"{number(value)}%"


def share(ratio: float) -> str:
    """A share of the target: 0.5 -> "half", 0.4 -> "40%"."""
    return "half" if ratio == 0.5 else percent(ratio * 100)


def day(value: date) -> str:
    """A date as "3 Nov"."""
    return f"{value.day} {MONTHS[value.month - 1]}"


def join(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def weeks(mondays: Iterable[date]) -> str:
    """Weeks named by their Monday, the month written once per run of a month.

    "3 Nov", "3 and 10 Nov", "27 Oct and 3 Nov", "3, 10 and 17 Nov", "27 Oct, 3 and 10 Nov".
    """
    ordered = sorted(set(mondays))
    labels = []
    for i, monday in enumerate(ordered):
        shares_month = i + 1 < len(ordered) and ordered[i + 1].month == monday.month
        labels.append(str(monday.day) if shares_month else day(monday))
    return join(labels)


def dates(days: Iterable[date]) -> str:
    """Days, the month written once per run of a month (a day given twice is named once):
    "17 Nov", "17 and 24 Nov", "27 Oct and 3 Nov"."""
    return weeks(days)


def in_weeks(mondays: Iterable[date]) -> str:
    """"the week of 10 Nov" or "the weeks of 3 and 10 Nov"."""
    distinct = set(mondays)
    noun = "week" if len(distinct) == 1 else "weeks"
    return f"the {noun} of {weeks(distinct)}"


def count_of(count: int, noun: str) -> str:
    """"1 week", "3 weeks"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def span(days: int) -> str:
    """A length of time in weeks and days: "1 day", "6 weeks", "2 weeks and 1 day"."""
    whole, rest = divmod(days, 7)
    parts = [count_of(n, unit) for n, unit in ((whole, "week"), (rest, "day")) if n]
    return join(parts) or "0 days"


def times(count: int) -> str:
    """"once", "2 times"."""
    return "once" if count == 1 else f"{count} times"


def quoted(text: str, limit: int = 120) -> str:
    """Free text from a check-in, trimmed to one line and `limit` characters, in quotes."""
    line = " ".join(text.split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return f"“{line}”"
