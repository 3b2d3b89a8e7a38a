"""The one comment certsync posts when an enrollment turns red, and the marker that identifies it.

An alert is owed once per episode of a red flag (rules/episodes.py): its token names the record,
the flag and the week the episode began, so it is the same on every retry, after a crash or with
the state lost, and different when the flag is raised again later.
"""

from __future__ import annotations

import hashlib
from datetime import date

from certsync.adapters import markers
from certsync.rules.model import Enrollment, Flag

ALERT = "alert"
NAME_LIMIT = 120  # a long title must not push the reasons out of the comment


def episode_token(record_id: str, code: str, since: date | None) -> str:
    key = f"{record_id}|{code}|{since}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def alert_marker(tokens: list[str]) -> str:
    return markers.line(ALERT, sorted(tokens))


def _short(text: str, limit: int = NAME_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def comment_text(enrollment: Enrollment, new_flags: list[Flag]) -> str:
    who = _short(enrollment.engineer.name if enrollment.engineer else enrollment.name)
    what = f" ({_short(enrollment.certification, 60)})" if enrollment.certification else ""
    lines = [f"{who}{what} is now At risk."]
    lines += [f"• {flag.name}: {flag.reason}" for flag in new_flags]
    lines.append(
        "Suggested next step: a five-minute conversation this week about what is blocking the plan, "
        "and one change that gets the next week back on target."
    )
    return "\n".join(lines)
