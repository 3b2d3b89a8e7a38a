"""Clear messages everywhere: JSON on failure with --json, a refused token names its variable,
notion-client's own log lines stay out of stderr, certsync never mentions its own bot, and a
very long title cannot push the reasons out of an alert."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from certsync.adapters.registry import open_tracker
from certsync.sync.cli import cli
from certsync.sync.lock import TrackerLock
from tracker_fixture import TOKEN_ENV


@pytest.fixture
def notion(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    return tracker


def sync(tracker, *options):
    return CliRunner().invoke(cli, ["sync", "-c", str(tracker.config_path), "--today", "2026-11-21", *options],
                              prog_name="certsync")


def comment_parts(tracker, sample_id):
    comments = tracker.comments(sample_id)
    assert len(comments) == 1, comments
    return comments[0]["rich_text"]


def test_json_is_printed_on_failure_too_when_another_pass_is_running(notion):
    key = open_tracker(notion.config(), "notion").key
    with TrackerLock(key):
        result = sync(notion, "--json")
    assert result.exit_code == 1
    shown = json.loads(result.stdout)
    assert shown["exit_code"] == 1
    assert "another certsync pass is running on this tracker" in shown["error"]


def test_a_refused_token_names_the_variable_it_came_from(notion, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "ntn_not_the_right_token_at_all")
    result = sync(notion)
    assert result.exit_code == 1
    assert "401" in result.stderr and f"${TOKEN_ENV}" in result.stderr
    assert "ntn_not_the_right_token_at_all" not in result.output
    assert "Traceback" not in result.output


def test_notion_clients_request_fail_lines_stay_out_of_stderr(notion, tmp_path):
    env = {**os.environ, TOKEN_ENV: "ntn_not_the_right_token_at_all",
           "CERTSYNC_LOCK_DIR": str(tmp_path / "locks")}
    done = subprocess.run([sys.executable, "-m", "certsync.sync", "sync", "-c", str(notion.config_path)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert "request fail" not in done.stderr.lower()
    assert f"${TOKEN_ENV}" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_a_manager_who_is_the_integrations_bot_is_not_mentioned(notion):
    bot = notion.sandbox.bot_user_id
    notion.api.pages.update(page_id=notion.pages["enr-03"],
                            properties={"Manager": {"people": [{"object": "user", "id": bot}]}})
    assert notion.sync().comments == 5
    parts = comment_parts(notion, "enr-03")
    mentioned = [p["mention"]["user"]["id"] for p in parts if p["type"] == "mention" and p["mention"]["type"] == "user"]
    assert bot not in mentioned and mentioned == []
    assert "is now At risk" in "".join(p["plain_text"] for p in parts)


@pytest.mark.parametrize("engineer", [True, False], ids=["with engineer", "title only"])
def test_a_2000_character_title_does_not_push_the_reasons_out_of_an_alert(notion, engineer):
    properties = {"Name": {"title": [{"type": "text", "text": {"content": "Sofia " + "A" * 1994}}]}}
    if not engineer:
        properties["Engineer"] = {"people": []}  # the alert then names the enrollment by its title
    notion.api.pages.update(page_id=notion.pages["enr-03"], properties=properties)
    assert notion.sync().exit_code == 0
    text = "".join(p["plain_text"] for p in comment_parts(notion, "enr-03"))
    assert "No hours logged:" in text
    assert "Suggested next step" in text
    assert "certsync ref alert:" in text


def test_a_refused_token_with_json_prints_json_naming_the_variable(notion, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "ntn_not_the_right_token_at_all")
    result = sync(notion, "--json")
    assert result.exit_code == 1
    shown = json.loads(result.stdout)
    assert shown["exit_code"] == 1 and f"${TOKEN_ENV}" in shown["error"]
    assert "ntn_not_the_right_token_at_all" not in result.output
