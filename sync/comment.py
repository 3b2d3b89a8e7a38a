"""The one comment certsync posts when an enrollment turns red, and the marker that identifies it."""

from __future__ import annotations

import hashlib

from certsync.adapters.records import Owned
from certsync.rules.model import Enrollment, Flag

MARKER_PREFIX = "certsync ref "


def marker(page_id: str, new_codes: list[str], before: Owned) -> str:
    """The same on every retry of one change (same page, same new flags, same page state before
    it), and different for a later change, so a re-raised flag gets a new comment."""
    key = "|".join([page_id, ",".join(sorted(new_codes)), ",".join(sorted(before.flags)),
                    str(before.last_synced), before.status or ""])
    return MARKER_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]


def comment_text(enrollment: Enrollment, new_flags: list[Flag]) -> str:
    who = enrollment.engineer.name if enrollment.engineer else enrollment.name
    what = f" ({enrollment.certification})" if enrollment.certification else ""
    lines = [f"{who}{what} is now At risk."]
    lines += [f"• {flag.name}: {flag.reason}" for flag in new_flags]
    lines.append(
        "Suggested next step: a five-minute conversation this week about what is blocking the plan, "
        "and one change that gets the next week back on target."
    )
    return "\n".join(lines)
