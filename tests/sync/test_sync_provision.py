"""`certsync provision`: adds what certsync owns, keeps everything else, refuses a clash."""

from __future__ import annotations

from certsync.rules import RULES

from click.testing import CliRunner

from certsync.sync.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), prog_name="certsync")


def schema(tracker):
    return tracker.api.data_sources.retrieve(data_source_id=tracker.template.enrollments)["properties"]


def test_provision_adds_missing_owned_properties_with_their_options(tracker):
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments,
                                    properties={"Flags": None, "Last synced": None})
    result = run("provision", "-c", str(tracker.config_path))
    assert result.exit_code == 0, result.output
    assert "add 'Flags' (multi_select)" in result.stdout and "add 'Last synced' (date)" in result.stdout
    props = schema(tracker)
    options = {o["name"]: o["color"] for o in props["Flags"]["multi_select"]["options"]}
    assert options["Under half of target – 2 weeks"] == "red"
    assert options["Score plateau"] == "yellow"
    assert len(options) == len(RULES)  # one option per rule
    assert props["Last synced"]["type"] == "date"


def test_provision_keeps_every_existing_option(tracker):
    status = schema(tracker)["Status"]["select"]["options"]
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments, properties={
        "Status": {"select": {"options": [{"id": o["id"], "name": o["name"], "color": o["color"]}
                                          for o in status if o["name"] != "Completed"]
                              + [{"name": "Paused", "color": "gray"}]}}})
    result = run("provision", "-c", str(tracker.config_path))
    assert result.exit_code == 0, result.output
    names = [o["name"] for o in schema(tracker)["Status"]["select"]["options"]]
    assert "Paused" in names and "Completed" in names
    assert run("provision", "-c", str(tracker.config_path)).stdout.startswith("nothing to add")


def test_provision_refuses_a_property_of_the_same_name_and_another_type(tracker):
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments,
                                    properties={"Postponements": None})
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments,
                                    properties={"Postponements": {"rich_text": {}}})
    result = run("provision", "-c", str(tracker.config_path))
    assert result.exit_code == 1
    assert "'Postponements' already exists as a rich_text property" in result.stderr
    assert schema(tracker)["Postponements"]["type"] == "rich_text"


def test_sync_dry_run_through_the_cli_prints_the_plan_and_writes_nothing(tracker):
    result = run("sync", "-c", str(tracker.config_path), "--dry-run", "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert "Plan (dry run: nothing written)" in result.stdout
    assert "would write 12 records, 5 alerts" in result.stdout
    assert tracker.page("enr-02")["properties"]["Status"]["select"] is None


def test_sync_json_reports_what_the_pass_did(tracker):
    import json

    result = run("sync", "-c", str(tracker.config_path), "--json", "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["written"] == 12 and report["comments"] == 5 and report["problems"] == []
    rows = {row["enrollment"].split(" — ")[0]: row for row in report["enrollments"]}
    assert rows["Sofia Alvarez"]["status"] == "At risk" and rows["Sofia Alvarez"]["commented"]


def test_a_wrong_token_is_one_clear_line_and_exit_1(tracker, monkeypatch):
    from tracker_fixture import TOKEN_ENV

    monkeypatch.setenv(TOKEN_ENV, "ntn_wrong")
    result = run("sync", "-c", str(tracker.config_path))
    assert result.exit_code == 1
    assert "Notion answered 401 unauthorized: API token is invalid." in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "ntn_wrong" not in result.output


def test_a_field_name_that_matches_no_property_stops_the_pass_before_any_write(tracker):
    tracker.config_path.write_text(tracker.config_path.read_text()
                                   + '\n[notion.check_in_fields]\nhours = "Hourz"\n')
    result = run("sync", "-c", str(tracker.config_path), "--today", "2026-11-21")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "[notion.check_in_fields] hours = 'Hourz': the Check-ins data source has no property of this name")
    assert "Nothing was written." in result.stderr
    assert not any(key.startswith(("PATCH", "POST /v1/comments")) for key in tracker.writes())


def test_an_unprovisioned_tracker_is_told_to_run_provision(tracker):
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments, properties={"Sync problem": None})
    result = run("sync", "-c", str(tracker.config_path), "--today", "2026-11-21")
    assert result.exit_code == 1
    assert "lacks the properties certsync writes: 'Sync problem' (run `certsync provision`)" in result.stderr
