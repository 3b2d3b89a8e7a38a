"""For the Notion adapter's tests: page objects as the API returns them, the default field names,
and a NotionTracker on the `tracker` fixture's sandbox program."""

from __future__ import annotations

from types import SimpleNamespace

from certsync.adapters.notion.tracker import NotionTracker

ENROLLMENT_FIELDS = SimpleNamespace(
    name="Name", engineer="Engineer", manager="Manager", certification="Certification", exam_date="Exam date",
    study_start="Study start", weekly_target_hours="Weekly target hours", certified="Certified",
    status="Status", flags="Flags", flag_details="Flag details", postponements="Postponements",
    last_synced="Last synced", sync_problem="Sync problem",
)
CHECK_IN_FIELDS = SimpleNamespace(
    name="Name", enrollment="Enrollment", week_of="Week of", hours="Hours", milestones="Milestones",
    confidence="Confidence", practice_score="Practice score", blockers="Blockers", absence_reason="Absence reason",
)


def title(text: str) -> dict:
    return {"type": "title", "title": [{"type": "text", "text": {"content": text}, "plain_text": text}]}


def number(value: float | None) -> dict:
    return {"type": "number", "number": value}


def check_in_page(**props: dict) -> dict:
    """A check-in of the week of 16 Nov 2026 linked to enrollment `enr-1`, with `props` on top
    (keyword names with underscores for spaces: Practice_score=number(0.72))."""
    base = {"Name": title("Ana, week of 16 Nov"), "Enrollment": {"type": "relation", "relation": [{"id": "enr-1"}]},
            "Week of": {"type": "date", "date": {"start": "2026-11-16"}}, "Hours": number(6)}
    base.update({name.replace("_", " "): prop for name, prop in props.items()})
    return {"id": "ci-1", "last_edited_time": "2026-11-20T10:00:00.000Z", "properties": base}


def enrollment_page(**props: dict) -> dict:
    base = {"Name": title("Ana - CKA"), "Study start": {"type": "date", "date": {"start": "2026-11-02"}},
            "Weekly target hours": number(8)}
    base.update({name.replace("_", " "): prop for name, prop in props.items()})
    return {"id": "enr-1", "last_edited_time": "2026-11-20T10:00:00.000Z", "properties": base}


def notion_tracker(tracker) -> NotionTracker:
    """The adapter's tracker for the `tracker` fixture's config, as the CLI builds it."""
    config = tracker.config()
    return NotionTracker(config.notion, config.notion.token())
