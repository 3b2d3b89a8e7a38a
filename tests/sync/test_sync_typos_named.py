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
