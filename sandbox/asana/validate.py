"""Checks of request values, in Asana's words (`field: problem`)."""

from __future__ import annotations

from datetime import datetime

from .errors import invalid


def check_keys(data: dict, allowed: set, kind: str) -> None:
    for key in data:
        if key not in allowed and key not in ("gid", "resource_type"):
            raise invalid(f"{key}: Unknown property of {kind}")


def check_str(value, field: str) -> str:
    if not isinstance(value, str):
        raise invalid(f"{field}: Value is not a string: {value}")
    return value


def check_bool(value, field: str) -> bool:
    if not isinstance(value, bool):
        raise invalid(f"{field}: Not a boolean: {value}")
    return value


def check_date(value, field: str) -> str | None:
    if value is None:
        return None
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except (TypeError, ValueError):
        raise invalid(f"{field}: Invalid date string: {value}") from None
    return value


def check_datetime(value, field: str) -> str | None:
    if value is None:
        return None
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise invalid(f"{field}: Invalid date-time string: {value}") from None
    from datetime import timezone

    dt = (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_time(value, field: str) -> float:
    """A query parameter such as `modified_since`: an ISO date-time (or `now`) as a timestamp."""
    from ..core.clock import now

    if value == "now":
        return now()
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise invalid(f"{field}: Invalid date-time string: {value}") from None
    if dt.tzinfo is None:
        from datetime import timezone

        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()
