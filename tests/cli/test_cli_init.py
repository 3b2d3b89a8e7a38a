"""`certsync init`: a new team goes from nothing to a synced tracker with init, provision and sync."""

from __future__ import annotations

from click.testing import CliRunner

from certsync.sync.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="certsync")


def test_init_notion_then_provision_then_sync_works_on_an_empty_workspace(sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", sandbox.token)
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    made = run("init", "notion", "--parent", sandbox.root_page_id, "--base-url", sandbox.notion_url,
               "--title", "Cloud certifications")
    assert made.exit_code == 0, made.output
    assert '[program]\nname = "Cloud certifications"' in made.stdout
    assert "[notion]\nenrollments = " in made.stdout and "study_plan = " in made.stdout
    assert "\nsessions = " in made.stdout and "Weak domains" in made.stdout  # made, and said so
    config = tmp_path / "certsync.toml"
    config.write_text(made.stdout)  # what init prints is a whole configuration
    assert run("check", "-c", str(config)).exit_code == 1  # the owned properties are not there yet
    assert run("provision", "-c", str(config)).exit_code == 0
    assert run("check", "-c", str(config)).exit_code == 0
    synced = run("sync", "-c", str(config))
    assert synced.exit_code == 0, synced.output
    assert "read 0 enrollments and 0 check-ins" in synced.stdout
    from certsync.adapters.registry import open_tracker
    from certsync.config import load_config

    tracker = open_tracker(load_config(config), "notion")
    kinds = {name: prop["type"] for name, prop in tracker.schema("sessions")["properties"].items()}
    assert kinds == {"Topic": "title", "Date": "date", "Cohort": "select", "Attendees": "relation"}
    enrollments = {name: prop["type"] for name, prop in tracker.schema("enrollments")["properties"].items()}
    assert {k: enrollments.get(k) for k in ("Exam result", "Attempts", "Certified on", "Cost", "Cohort", "Satisfaction")} \
        == {"Exam result": "select", "Attempts": "number", "Certified on": "date", "Cost": "number", "Cohort": "select",
            "Satisfaction": "number"}
    assert tracker.sessions() == []


def test_init_needs_its_token_and_its_parent(monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN", raising=False)
    assert run("init", "notion", "--parent", "x").exit_code == 2
    monkeypatch.setenv("NOTION_TOKEN", "ntn_x")
    missing = run("init", "notion")
    assert missing.exit_code == 2 and "--parent" in missing.output
    bad = run("init", "notion", "--parent", "not-a-page")
    assert bad.exit_code == 2 and "not a Notion id or URL" in bad.output


def test_init_asana_then_provision_then_sync_works_on_an_empty_workspace(sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("ASANA_ACCESS_TOKEN", sandbox.token)
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    made = run("init", "asana", "--workspace", sandbox.asana_workspace_gid, "--team", sandbox.asana_team_gid,
               "--base-url", sandbox.asana_url, "--title", "Cloud certifications")
    assert made.exit_code == 0, made.output
    assert "[asana]\nproject = " in made.stdout and "check_ins_project = " in made.stdout
    assert "\nsessions_project = " in made.stdout and "Attendees people field" in made.stdout  # made, and said so
    config = tmp_path / "certsync.toml"
    config.write_text(made.stdout)  # what init prints is a whole configuration
    assert run("check", "-c", str(config)).exit_code == 1  # the owned fields are not there yet
    assert run("provision", "-c", str(config)).exit_code == 0
    assert run("check", "-c", str(config)).exit_code == 0
    synced = run("sync", "-c", str(config))
    assert synced.exit_code == 0, synced.output
    assert "read 0 enrollments and 0 check-ins" in synced.stdout


def test_a_title_with_quotes_and_brackets_still_prints_a_configuration_that_loads(sandbox, tmp_path, monkeypatch):
    from certsync.config import load_config

    monkeypatch.setenv("NOTION_TOKEN", sandbox.token)
    made = run("init", "notion", "--parent", sandbox.root_page_id, "--base-url", sandbox.notion_url,
               "--title", 'Q1 "2027" [/red]')
    assert made.exit_code == 0, made.output
    (tmp_path / "certsync.toml").write_text(made.stdout)
    assert load_config(tmp_path / "certsync.toml").program.name == 'Q1 "2027" [/red]'
