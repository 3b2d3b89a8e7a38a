"""User text is text: names and blockers that look like rich markup are printed literally by
`certsync sync`, and the pass's output does not crash after writing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from certsync.adapters.notion.write import rich_text
from certsync.sync.cli import cli

TITLE = "Eve [/red] - CKA"


@pytest.fixture
def marked_up(tracker, tmp_path, monkeypatch):
    """The sample with markup-like text in a title and in two check-ins' blockers."""
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    monkeypatch.setenv("COLUMNS", "1000")  # one line per row: the text is not wrapped apart
    tracker.api.pages.update(page_id=tracker.pages["enr-02"],
                             properties={"Name": {"title": [{"type": "text", "text": {"content": TITLE}}]}})
    for check_in, blockers in (("ci-01-07", "[/]"), ("ci-10-07", "[ops] Alice")):
        tracker.api.pages.update(page_id=tracker.pages[check_in], properties={
            "Milestones": {"select": {"name": "Partial"}}, "Blockers": {"rich_text": rich_text(blockers)}})
    return tracker


def sync(tracker, *options):
    return CliRunner().invoke(cli, ["sync", "-c", str(tracker.config_path), "--today", "2026-11-21", *options],
                              prog_name="certsync")


def test_a_title_and_blockers_that_look_like_markup_are_printed_literally(marked_up):
    result = sync(marked_up)
    assert result.exit_code == 0 and not isinstance(result.exception, Exception), result.output
    for text in (TITLE, "[/]", "[ops] Alice"):
        assert text in result.stdout, text


def test_markup_like_text_does_not_stop_the_next_pass(marked_up):
    assert sync(marked_up).exit_code == 0
    again = sync(marked_up)
    assert again.exit_code == 0, again.output
    assert "Traceback" not in again.output


def test_markup_like_text_is_kept_in_json(marked_up):
    import json

    result = sync(marked_up, "--json")
    assert result.exit_code == 0, result.output
    names = {row["enrollment"] for row in json.loads(result.stdout)["enrollments"]}
    assert TITLE in names


def test_blockers_in_brackets_are_not_swallowed_silently(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    monkeypatch.setenv("COLUMNS", "1000")
    tracker.api.pages.update(page_id=tracker.pages["ci-10-07"], properties={
        "Milestones": {"select": {"name": "Partial"}}, "Blockers": {"rich_text": rich_text("[ops] Alice")}})
    result = sync(tracker)
    assert result.exit_code == 0, result.output
    assert "[ops] Alice" in result.stdout
