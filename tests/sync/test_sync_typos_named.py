"""Mistyped field names in both data sources are named at once, each with the name it was probably meant to be."""

from __future__ import annotations

from click.testing import CliRunner

from certsync.sync.cli import cli


def test_typos_in_both_data_sources_are_named_at_once_with_the_likely_name(tracker, monkeypatch, tmp_path):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    text = tracker.config_path.read_text().replace(
        "[sync]", '[notion.fields]\nexam_date = "Exam Date"\n[notion.check_in_fields]\nhours = "Hours spent"\n[sync]', 1)
    tracker.config_path.write_text(text)
    result = CliRunner().invoke(cli, ["sync", "-c", str(tracker.config_path)], prog_name="certsync")
    assert result.exit_code == 1
    assert "[notion.fields] exam_date = 'Exam Date'" in result.stderr and "did you mean Exam date?" in result.stderr
    assert "[notion.check_in_fields] hours = 'Hours spent'" in result.stderr
    assert "Nothing was written." in result.stderr
    assert "PATCH /v1/pages/{page_id}" not in tracker.writes()


def test_a_misspelt_sessions_field_stops_the_pass_on_every_tool(any_tracker, monkeypatch, tmp_path):
    """Judged on a sessions field that is not there, every cohort member would have missed every
    session: the pass names the field and writes nothing."""
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    section = f"[{any_tracker.kind}.sessions_fields]\nattendees = \"Attendes\"\n"
    text = any_tracker.config_path.read_text().replace("[sync]", section + "[sync]", 1)
    any_tracker.config_path.write_text(text)
    result = CliRunner().invoke(cli, ["sync", "-c", str(any_tracker.config_path), "--today", "2026-11-21"],
                                prog_name="certsync")
    assert result.exit_code == 1, result.output
    assert f"[{any_tracker.kind}.sessions_fields] attendees = 'Attendes'" in result.stderr
    assert "Nothing was written." in result.stderr
    assert any_tracker.record_writes() == 0 and any_tracker.comment_posts() == 0
