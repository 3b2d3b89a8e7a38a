"""The certsync commands through click's runner: output streams, messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from certsync.rules.model import Status
from certsync.sync.cli import cli
from certsync.sync.sample_program import sample_program

REPO = Path(__file__).resolve().parents[2]
GOOD = """
[program]
name = "Cloud certifications"
timezone = "Europe/Berlin"
[policy]
low_hours_ratio = 0.4
[notion]
enrollments = "1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c21"
check_ins = "7d3e9b1a5c2f4e8d9a6b0c1d2e3f4a5b"
"""
BROKEN = """
[program]
timezone = "Europe/Berln"
[policy]
low_hours_ratio = "half"
[notion]
enrollments = "1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c21"
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    """run(*args) in a temporary folder, not a terminal, no COLUMNS."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("NOTION_TOKEN", "ntn_test_token_value")

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), prog_name="certsync")

    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("certsync ")
    assert result.stdout.split()[1][0].isdigit()


def test_help_lists_commands_and_exit_codes(run):
    result = run("--help")
    assert result.exit_code == 0
    for text in ("check", "config-schema", "demo", "Exit codes:",
                 "0  fine", "1  problems found in the data or the tracker", "2  usage or configuration error"):
        assert text in result.stdout


def test_check_a_good_file_against_a_provisioned_tracker_exits_0(run, tracker, tmp_path):
    text = tracker.config_path.read_text().replace("[notion]", "[policy]\nlow_hours_ratio = 0.4\n\n[notion]", 1)
    (tmp_path / "certsync.toml").write_text(text)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "certsync.toml: no problems found" in result.stdout
    assert "low_hours_ratio = 0.4" in result.stdout
    assert str(tmp_path / "state.sqlite") in result.stdout.replace("\n", "")


def test_check_a_good_file_whose_tracker_cannot_be_reached_exits_1(run, tmp_path):
    (tmp_path / "certsync.toml").write_text(GOOD + 'base_url = "http://127.0.0.1:9/notion"\n')
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr.startswith("cannot reach Notion at http://127.0.0.1:9/notion")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["sync", "provision"])
def test_sync_and_provision_against_an_unreachable_tracker_say_so_in_one_line(run, tmp_path, command):
    (tmp_path / "certsync.toml").write_text(GOOD + 'base_url = "http://127.0.0.1:9/notion"\n')
    result = run(command)
    assert result.exit_code == 1
    assert result.stderr.startswith("cannot reach Notion at http://127.0.0.1:9/notion: ConnectError")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_check_names_every_tracker_problem(run, tracker, tmp_path):
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments,
                                    properties={"Flags": None, "Study start": {"name": "Start"},
                                                "Weekly target hours": {"checkbox": {}}})
    tracker.sandbox.set_capabilities(insert_comments=False)
    (tmp_path / "certsync.toml").write_text(tracker.config_path.read_text()
                                            + '[notion.check_in_fields]\nconfidence = "Confidance"\n')
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Enrollments: no property 'Study start' (did you mean Start?) (expected a date or formula or rich_text or rollup "
        "property; rename it in Notion or set [notion.fields] study_start)",
        "Enrollments: 'Weekly target hours' is a checkbox property; expected formula or number or rich_text or rollup",
        "Enrollments: owned property 'Flags' is missing (run `certsync provision` to add it)",
        "cannot insert comments (enable 'Insert comments' for the integration)",
        "Check-ins: no property 'Confidance' (did you mean Confidence?) (expected a formula or number or rich_text or "
        "rollup property; rename it in Notion or set [notion.check_in_fields] confidence)",
    ]


def test_check_broken_file_prints_every_problem_to_stderr_and_exits_2(run, tmp_path):
    (tmp_path / "broken.toml").write_text(BROKEN)
    result = run("check", "-c", "broken.toml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "broken.toml: program.name: expected a non-empty string (required), found nothing",
        "broken.toml: program.timezone: expected an IANA time zone name, such as Europe/Berlin, "
        'found "Europe/Berln" (did you mean Europe/Berlin?)',
        'broken.toml: policy.low_hours_ratio: expected a number greater than 0 and at most 1, found "half"',
        "broken.toml: notion.check_ins: expected a Notion data source id, database id or URL (required), found nothing",
    ]
    assert "Traceback" not in result.output


def test_check_missing_file_exits_2(run):
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("certsync.toml: expected a certsync configuration file, found no such file")


def test_check_without_token_exits_2_and_names_the_variable(run, tmp_path, monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN")
    (tmp_path / "certsync.toml").write_text(GOOD)
    result = run("check")
    assert result.exit_code == 2
    assert "NOTION_TOKEN is not set" in result.stderr


def test_check_reports_tracker_problems_with_exit_1(run, tmp_path, monkeypatch):
    import certsync.sync.cli as cli_module

    monkeypatch.setattr(cli_module, "check_tracker", lambda config: ["Enrollments: no field named Hours"])
    (tmp_path / "certsync.toml").write_text(GOOD)
    result = run("check")
    assert result.exit_code == 1
    assert "Enrollments: no field named Hours" in result.stderr


def test_usage_error_exits_2(run):
    assert run("check", "--no-such-option").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_config_schema_prints_json(run):
    result = run("config-schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"program", "policy", "notion"} <= set(schema["properties"])


@pytest.mark.parametrize("kind", ["notion", "asana"])
def test_demo_shows_every_status_and_a_summary(run, kind):
    result = run("demo", "--tracker", kind)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for status in Status:
        assert status.value in out
    count = len(sample_program().enrollments)
    summary = out.strip().splitlines()[-1]
    assert summary.startswith(f"{count} enrollments: ")
    assert sum(int(part.split()[0]) for part in summary.split(": ", 1)[1].split(", ")) == count
    for enrollment in sample_program().enrollments:
        assert enrollment.engineer.name in out
    assert "\x1b[" not in out  # no colours when not a terminal
    # The week's reminders: Friday's update to the one engineer whose week has no check-in yet.
    assert "Fri 20 Nov 15:00   Sofia Alvarez   Submit your weekly progress update" in out
    assert max(len(line) for line in out.splitlines()) <= 120
