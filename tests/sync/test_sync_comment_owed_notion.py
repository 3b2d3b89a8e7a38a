"""Status written even when a comment cannot be, on Notion: with the integration's 'Insert
comments' capability off, red enrollments still get Status and Flags, `check` says why, and once
the capability is back each owed alert is posted once."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from certsync.sync.cli import cli
from test_sync_sample import EXPECTED, NEWLY_RED


@pytest.fixture
def no_comments(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    tracker.sandbox.set_capabilities(insert_comments=False)
    return tracker


def status_and_flags(tracker, sample_id):
    p = tracker.page(sample_id)["properties"]
    return (p["Status"]["select"] or {}).get("name"), {o["name"] for o in p["Flags"]["multi_select"]}


def test_without_insert_comments_red_enrollments_still_get_status_and_flags(no_comments):
    report = no_comments.sync()
    assert report.exit_code == 1
    assert {o.action.page_id for o in report.failures} == {no_comments.pages[s] for s in NEWLY_RED}
    for sample_id in NEWLY_RED:
        assert status_and_flags(no_comments, sample_id) == (EXPECTED[sample_id][0], EXPECTED[sample_id][1])
        assert no_comments.comments(sample_id) == []


def test_check_says_comments_cannot_be_inserted(no_comments):
    result = CliRunner().invoke(cli, ["check", "-c", str(no_comments.config_path)], prog_name="certsync")
    assert result.exit_code == 1
    assert "insert comments" in result.stderr.lower()


def test_owed_alerts_are_posted_once_when_comments_are_allowed_again(no_comments):
    no_comments.sync()
    no_comments.sandbox.set_capabilities(insert_comments=True)
    report = no_comments.sync()
    assert report.exit_code == 0 and report.comments == len(NEWLY_RED)
    assert no_comments.sync().comments == 0
    for sample_id in EXPECTED:
        assert len(no_comments.comments(sample_id)) == (1 if sample_id in NEWLY_RED else 0), sample_id
