"""certsync review: reads the tracker like a reminder round and prints the review due at a moment."""

from datetime import date

import pytest
from click.testing import CliRunner

from certsync.adapters.memory import MemoryTracker
from certsync.rules.model import Program
from certsync.sync.cli_review import review, run_review

from pass_builders import write_config
from review_program import ENROLLMENTS, EVE, check_ins, sessions, with_spring_cohort


@pytest.fixture
def tracker(tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    monkeypatch.setenv("NOTION_TOKEN", "secret_for_tests")
    memory = MemoryTracker("reviews")
    memory.add_program(Program(name="Cloud certs", enrollments=ENROLLMENTS, check_ins=tuple(check_ins())))
    monkeypatch.setattr("certsync.adapters.registry.open_trackers", lambda config: [memory])
    return memory


def test_the_weekly_review_printed_for_a_day(tracker, tmp_path):
    config = write_config(tmp_path)
    result = CliRunner().invoke(review, ["weekly", "-c", str(config), "--today", "2026-12-04", "--markdown"])
    assert result.exit_code == 0, result.output
    assert "# Sample: weekly review, week of 30 Nov 2026 (2026-W49)" in result.output
    assert "| Not in yet | 2 |" in result.output


def test_rendered_for_the_terminal_a_name_reads_as_typed_and_html_is_written(tracker, tmp_path):
    config, page = write_config(tmp_path), tmp_path / "review.html"
    result = CliRunner().invoke(review, ["weekly", "-c", str(config), "--today", "2026-12-04", "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert EVE in result.output and "Five-minute conversations" in result.output
    assert page.read_text().startswith("<!DOCTYPE html>")


def test_the_review_reads_what_the_tracker_holds_now(tracker, tmp_path):
    from certsync.config import load_config

    config = load_config(write_config(tmp_path))
    report = run_review(config, "quarterly", today=date(2027, 1, 4), tracker=tracker, dry_run=True)
    assert report.review.period.key == "2026-Q4" and report.review.overall.certifications == 4
    assert report.requests >= 1


def test_the_reviews_read_the_tracker_s_sessions(tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    monkeypatch.setenv("NOTION_TOKEN", "secret_for_tests")
    memory = MemoryTracker("reviews")
    memory.add_program(Program(name="Cloud certs", enrollments=tuple(with_spring_cohort(ENROLLMENTS)),
                               check_ins=tuple(check_ins()), sessions=tuple(sessions())))
    monkeypatch.setattr("certsync.adapters.registry.open_trackers", lambda config: [memory])
    config = write_config(tmp_path)
    monthly = CliRunner().invoke(review, ["monthly", "-c", str(config), "--today", "2026-12-07", "--markdown"])
    assert monthly.exit_code == 0, monthly.output
    assert "| Autumn cohort | 2 | 62% |" in monthly.output
    weekly = CliRunner().invoke(review, ["weekly", "-c", str(config), "--today", "2026-12-04", "--markdown"])
    assert "Missed the last two sessions: Not at the sessions of 26 Nov and 2 Dec (Security, Storage)." in weekly.output
    assert memory.calls.count("sessions") == 2  # once per review
