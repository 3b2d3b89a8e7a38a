"""What an adapter reads from a tracker, beyond the rules' model: owned values and edit times.

Tool-neutral: the Notion and Asana adapters both produce these, and `sync/` plans against them.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from certsync.rules.model import CheckIn, DataProblem, Enrollment


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Owned(_Frozen):
    """The values of the fields certsync owns, as the tracker holds them now."""

    status: str | None = None
    flags: tuple[str, ...] = ()
    flag_details: str = ""
    postponements: int | None = None
    last_synced: date | None = None
    sync_problem: str = ""
    # The summary view: optional, written where the tracker has the fields.
    weeks_completed: int | None = None
    hours_last_week: float | None = None
    hours_vs_plan: float | None = None
    latest_score: float | None = None
    score_trend: str = ""
    projected_ready: date | None = None


OWNED_FIELDS = tuple(Owned.model_fields)
# What every tracker must have; the summary fields may be absent (a tracker still syncs the rest).
CORE_OWNED = ("status", "flags", "flag_details", "postponements", "last_synced", "sync_problem")
SUMMARY_OWNED = tuple(name for name in OWNED_FIELDS if name not in CORE_OWNED)


class EnrollmentRecord(_Frozen):
    """One enrollment as read: the model, its owned values, when it was edited, what was unreadable."""

    enrollment: Enrollment
    owned: Owned = Owned()
    edited: datetime | None = None
    problems: tuple[DataProblem, ...] = ()


class CheckInRecord(_Frozen):
    """One check-in as read. `check_in` is None when its link to an enrollment is unreadable."""

    id: str
    check_in: CheckIn | None
    edited: datetime | None = None
    submitted: datetime | None = None  # when it was made: of two for one week, the later counts
    problems: tuple[DataProblem, ...] = ()


class Snapshot(_Frozen):
    """What one read returned: everything (`complete`), or only what changed since a cursor."""

    enrollments: tuple[EnrollmentRecord, ...] = ()
    check_ins: tuple[CheckInRecord, ...] = ()
    complete: bool = True
    # Where the next read starts, opaque to `sync/`: the adapter keeps the tool's own clock there
    # (so a skewed local clock can neither skip nor repeat edits), and whatever else it needs.
    cursor: str | None = None
    warnings: tuple[str, ...] = ()


def _canonical(field: str, value: object) -> object:
    if field == "flags":
        return frozenset(value)  # type: ignore[arg-type]
    if field in ("flag_details", "sync_problem", "score_trend"):
        return " ".join(str(value or "").split())
    if isinstance(value, float):
        return round(value, 4)
    return value or None if field == "status" else value


def changed_fields(current: Owned, desired: Owned, fields: tuple[str, ...] | None = None) -> dict[str, object]:
    """The owned fields whose desired value differs from the current one, compared canonically
    (flags as a set, text without differences of white space)."""
    return {
        name: getattr(desired, name)
        for name in (fields if fields is not None else OWNED_FIELDS)
        if _canonical(name, getattr(current, name)) != _canonical(name, getattr(desired, name))
    }


def same_owned(current: Owned, desired: Owned, fields: object = None) -> bool:
    names = tuple(fields) if fields is not None else None  # type: ignore[call-overload]
    return not changed_fields(current, desired, names)
