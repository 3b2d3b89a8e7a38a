"""Dates in formulas: now(), dateAdd, dateSubtract, dateBetween, hour, minute, timestamp,
fromTimestamp, as Notion's formulas 2.0 define them.

A date in a formula is a `Moment`: an instant (an aware datetime, in the offset it was written
with) and whether it has a time. A date-only value ("2024-01-01") is midnight UTC without a time,
so it renders back as a date; moving it by hours or minutes gives it one. Units: years, quarters,
months (calendar ones, the day clamped to the month's end), weeks, days, hours, minutes, seconds,
milliseconds. `dateBetween(a, b, unit)` counts whole units from b to a (positive when a is later,
truncated toward zero, like Notion). now() reads the sandbox's clock, to the minute.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, UTC

from .common import now as clock_now
from .common import parse_when

UNITS = ("years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds")
_MONTHS = {"years": 12, "quarters": 3, "months": 1}
_SECONDS = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1, "milliseconds": 0.001}
_TIMED_UNITS = ("hours", "minutes", "seconds", "milliseconds")

# name: (number of arguments, position of a unit argument or None, result type)
DATE_FUNCS = {
    "now": (0, None, "date"), "dateAdd": (3, 2, "date"), "dateSubtract": (3, 2, "date"),
    "dateBetween": (3, 2, "number"), "hour": (1, None, "number"), "minute": (1, None, "number"),
    "timestamp": (1, None, "number"), "fromTimestamp": (1, None, "date"),
}


@dataclass(frozen=True, order=True)
class Moment:
    at: datetime
    timed: bool = field(default=True, compare=False)
    end: datetime | None = field(default=None, compare=False)

    def start_text(self) -> str:
        return _text(self.at, self.timed)

    def as_value(self) -> dict:
        """As a date property value: {"start", "end", "time_zone"}."""
        end = _text(self.end, self.timed) if self.end is not None else None
        return {"start": self.start_text(), "end": end, "time_zone": None}


def _text(dt: datetime, timed: bool) -> str:
    if not timed:
        return dt.strftime("%Y-%m-%d")
    off = dt.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return dt.strftime("%Y-%m-%dT%H:%M:00.000") + f"{sign}{mins // 60:02d}:{mins % 60:02d}"


def _parse(text) -> tuple[datetime, bool] | None:
    dt = parse_when(text)
    return None if dt is None else (dt, len(text.strip()) > 10)


def as_date(v) -> Moment | None:
    """A property's date value (a {"start", "end"} object, an ISO string, a Moment) as a Moment."""
    if v is None or isinstance(v, Moment):
        return v
    if isinstance(v, dict):
        start = _parse(v.get("start"))
        if start is None:
            return None
        end = _parse(v.get("end")) if v.get("end") else None
        return Moment(start[0], start[1], end[0] if end else None)
    if isinstance(v, str):
        parsed = _parse(v)
        return Moment(*parsed) if parsed else None
    return None


def check_call(name: str, args: list) -> str | None:
    """Why a call of a date function cannot be evaluated (wrong arity, unknown unit), or None."""
    arity, unit_at, _ = DATE_FUNCS[name]
    if len(args) != arity:
        return f"{name}() takes {arity} argument{'s' * (arity != 1)}, not {len(args)}"
    if unit_at is not None and args[unit_at][0] == "lit" and args[unit_at][1] not in UNITS:
        return f"{name}(): unknown unit {args[unit_at][1]!r} (one of {', '.join(UNITS)})"
    return None


def call_date(name: str, vals: list):
    if name == "now":
        t = int(clock_now()) // 60 * 60
        return Moment(datetime.fromtimestamp(t, UTC))
    if name == "fromTimestamp":
        ms = vals[0]
        if not isinstance(ms, (int, float)) or isinstance(ms, bool):
            return None
        return Moment(datetime.fromtimestamp(ms / 1000, UTC))
    d = as_date(vals[0])
    if d is None:
        return None
    if name == "hour":
        return d.at.hour
    if name == "minute":
        return d.at.minute
    if name == "timestamp":
        return int(d.at.timestamp() * 1000)
    if name == "dateBetween":
        other = as_date(vals[1])
        return None if other is None else _between(d.at, other.at, _unit(vals[2]))
    amount = vals[1] if isinstance(vals[1], (int, float)) and not isinstance(vals[1], bool) else 0
    return _add(d, -amount if name == "dateSubtract" else amount, _unit(vals[2]))


def _unit(u) -> str:
    if u not in UNITS:
        raise ValueError(f"unknown unit {u!r}")
    return u


def _add(d: Moment, amount, unit: str) -> Moment:
    if unit in _MONTHS:
        months = math.trunc(amount) * _MONTHS[unit]
        y, m = divmod(d.at.year * 12 + d.at.month - 1 + months, 12)
        at = d.at.replace(year=y, month=m + 1, day=min(d.at.day, calendar.monthrange(y, m + 1)[1]))
    else:
        at = d.at + timedelta(seconds=amount * _SECONDS[unit])
    return Moment(at, d.timed or unit in _TIMED_UNITS)


def _between(a: datetime, b: datetime, unit: str) -> int:
    if unit in _MONTHS:
        a, b = a.astimezone(UTC), b.astimezone(UTC)
        months = (a.year - b.year) * 12 + a.month - b.month
        a_rest, b_rest = (a.day, a.timetz()), (b.day, b.timetz())
        if months > 0 and a_rest < b_rest:
            months -= 1
        elif months < 0 and a_rest > b_rest:
            months += 1
        return math.trunc(months / _MONTHS[unit])
    return math.trunc((a - b).total_seconds() / _SECONDS[unit])
