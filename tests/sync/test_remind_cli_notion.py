"""`certsync remind` on the Notion sandbox holding the sample program (on Friday 27 Nov 2026, a week nobody has reported on yet):
`--dry-run --now` says who would get what and sends nothing, `--json` says it as JSON, and an
engineer with no person in the tracker is named in the output instead of mentioned."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from certsync.sync.cli import cli
from certsync.sync.sample_program import PLAN_WEEKS, sample_program

FRIDAY = "2026-11-27T15:00"
WEEK = date(2026, 11, 23)


def due_friday() -> dict[str, str]:
    """{engineer name: enrollment id} of those due Friday 27 Nov's update: active, no check-in that week."""
    program = sample_program()
    reported = {c.enrollment_id for c in program.check_ins if c.week_of - timedelta(days=c.week_of.weekday()) == WEEK}
    return {e.engineer.name: e.id for e in program.enrollments
            if not e.certified and e.study_start <= WEEK + timedelta(days=4) <= e.exam_date and e.id not in reported}


@pytest.fixture
def remind(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    monkeypatch.delenv("COLUMNS", raising=False)

    def run(*args):
        result = CliRunner().invoke(cli, ["remind", "-c", str(tracker.config_path), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result

    return run


def comment_requests(tracker) -> int:
    return sum(n for route, n in tracker.writes().items() if route.startswith(("POST", "DELETE")) and "comments" in route)


def reminders_on(tracker, sample_id) -> list[str]:
    texts = ["".join(p["plain_text"] for p in c["rich_text"]) for c in tracker.comments(sample_id)]
    return [t for t in texts if "certsync ref reminder-" in t]


def test_remind_dry_run_says_who_would_get_what_and_sends_nothing(tracker, remind):
    expected = due_friday()
    assert len(expected) >= 8
    result = remind("--dry-run", "--now", FRIDAY)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    would = sorted(line.split(":")[0] for line in lines if "would send friday-update (friday-update:2026-W48)" in line)
    assert would == sorted(expected)
    assert lines[-1].startswith(f"would send {len(expected)} reminders")
    assert comment_requests(tracker) == 0
    assert all(reminders_on(tracker, i) == [] for i in tracker.pages if i.startswith("enr-"))
    sent = remind("--now", FRIDAY)  # nothing was recorded either: the real round sends them all
    assert sent.exit_code == 0 and f"sent {len(expected)} reminders" in sent.output
    assert all(len(reminders_on(tracker, i)) == 1 for i in expected.values())


def test_remind_json_lists_each_reminder_with_its_text_and_sends_nothing_on_a_dry_run(tracker, remind):
    result = remind("--dry-run", "--json", "--now", "2026-11-23T09:00")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["dry_run"] is True and shown["now"] == "2026-11-23T09:00:00+01:00"
    by = {(r["name"], r["kind"]): r for r in shown["reminders"]}
    assert all(r["posted"] is False and r["error"] is None for r in shown["reminders"])
    priya_goals = by[("Priya Raman", "monday-goals")]  # her week 8 of the plan
    assert all(item in priya_goals["text"] for item in PLAN_WEEKS[7])
    assert by[("Priya Raman", "practice-exam")]["occasion"] == "practice-exam:2026-11-24"
    assert "scheduled for tomorrow" in by[("Priya Raman", "practice-exam")]["text"]
    assert ("Elena Petrova", "monday-goals") not in by and ("Ravi Patel", "monday-goals") not in by
    assert comment_requests(tracker) == 0


def test_an_engineer_with_no_person_in_the_tracker_is_named_in_the_output_instead(tracker, remind):
    tracker.api.pages.update(page_id=tracker.pages["enr-03"], properties={"Engineer": {"people": []}})
    sofia = "Sofia Alvarez — Azure AZ-104"
    assert "Sofia Alvarez" in due_friday()
    dry = remind("--dry-run", "--now", FRIDAY)
    assert f"{sofia}: friday-update (friday-update:2026-W48) due, but the tracker names no person to mention" \
        in dry.output
    result = remind("--now", FRIDAY)
    assert result.exit_code == 0, result.output
    assert f"{sofia}: friday-update (friday-update:2026-W48) due, but the tracker names no person to mention" \
        in result.output
    assert reminders_on(tracker, "enr-03") == []
    others = [i for name, i in due_friday().items() if name != "Sofia Alvarez"]
    assert all(len(reminders_on(tracker, i)) == 1 for i in others)
    shown = json.loads(remind("--json", "--now", "2026-11-27T15:30").output)
    [entry] = [r for r in shown["reminders"] if r["name"] == sofia]
    assert entry["nobody_to_mention"] is True and entry["posted"] is False
