"""`provision` and `check` on Asana: custom fields belong to the workspace, so a field of the
same name is reused (or refused when its type differs), and options added to one that other
projects use are added only when the user says yes. `check` warns when the token's user is in the
program, and a story's user text stays text."""

from __future__ import annotations

import asana
import pytest

from certsync.adapters import markers
from certsync.rules.model import Person

from asana_builders import build


def workspace_field(program, name, kind, **extra):
    return asana.CustomFieldsApi(program.api).create_custom_field(
        {"data": {"workspace": program.sandbox.asana_workspace_gid, "name": name, "resource_subtype": kind, **extra}},
        {})


def other_project(program, name, field_gid):
    made = asana.ProjectsApi(program.api).create_project_for_workspace({"data": {"name": name}},
                                                                       program.sandbox.asana_workspace_gid, {})
    asana.ProjectsApi(program.api).add_custom_field_setting_for_project({"data": {"custom_field": field_gid}},
                                                                       made["gid"], {})
    return made["gid"]


@pytest.fixture
def unprovisioned(sandbox, tmp_path, monkeypatch):
    program = build(sandbox, tmp_path, monkeypatch, provision=False, fill=False)
    yield program
    program.built.close()


def test_provision_reuses_a_workspace_field_of_the_same_name_and_type(unprovisioned):
    made = workspace_field(unprovisioned, "Flag details", "text")
    report = unprovisioned.tracker().provision()
    assert "add the workspace's 'Flag details' (text) to the project" in report.changes
    assert unprovisioned.fields().get("Flag details").gid == made["gid"]
    assert unprovisioned.tracker().check() == []


def test_provision_refuses_a_workspace_field_of_the_same_name_and_another_type_and_adds_nothing(unprovisioned):
    workspace_field(unprovisioned, "Postponements", "text")
    report = unprovisioned.tracker().provision()
    [problem] = report.problems
    assert "'Postponements' already exists as a text custom field" in problem and "number" in problem
    assert unprovisioned.fields().get("Status") is None  # nothing was added


def test_options_for_a_field_other_projects_use_are_added_only_with_yes(unprovisioned):
    made = workspace_field(unprovisioned, "Status", "enum", enum_options=[{"name": "On track", "color": "green"},
                                                                         {"name": "Paused", "color": "none"}])
    other_project(unprovisioned, "Hiring pipeline", made["gid"])
    refused = unprovisioned.tracker().provision()
    [problem] = refused.problems
    assert "Hiring pipeline" in problem and "--yes" in problem and "Slightly behind" in problem
    assert unprovisioned.fields().get("Flags") is None
    report = unprovisioned.tracker().provision(yes=True)
    assert not report.problems
    assert any("add options to 'Status'" in c and "also in Hiring pipeline" in c for c in report.changes)
    options = unprovisioned.fields().get("Status").options
    assert {"On track", "Paused", "Slightly behind", "At risk", "Completed"} <= set(options)  # none removed
    assert unprovisioned.tracker().check() == []


def test_provision_as_a_dry_run_changes_nothing_in_the_workspace(unprovisioned):
    report = unprovisioned.tracker().provision(dry_run=True)
    fields = [c for c in report.changes if c.startswith("add '")]
    assert len(fields) == 12  # the six core owned fields and the six of the summary
    assert "create the private project 'Program reviews' (members: certsync's user)" in report.changes
    assert unprovisioned.requests("POST", "/custom_fields") == 0
    assert unprovisioned.requests("POST", "/workspaces/{workspace_gid}/projects") == 0
    assert unprovisioned.fields().get("Status") is None


def test_check_warns_when_the_token_belongs_to_a_manager_in_the_program(asana_program):
    me = asana_program.sandbox.asana_user_gid
    known = asana_program.fields()
    asana.TasksApi(asana_program.api).update_task(
        {"data": {"custom_fields": {known.get("Manager").gid: [me]}}}, asana_program.tasks["enr-04"], {})
    [warning] = [p for p in asana_program.tracker().check() if "the token belongs to" in p]
    assert "manager of" in warning and "service account" in warning


def test_user_text_in_a_story_stays_text(asana_program):
    tracker = asana_program.tracker()
    record = asana_program.tasks["enr-03"]
    text = 'Blockers: <b>on call</b> & <a data-asana-gid="1200000000000011"/> "quoted"'
    marker = markers.line("alert", ["a1b2c3d4e5f6"])
    posted = tracker.post_comment(record, Person(name="Grace Liu", id=asana_program.user("Grace Liu")), text, marker)
    story = asana.StoriesApi(asana_program.api).get_story(posted, {"opt_fields": "text,html_text"})
    assert text in story["text"] and story["text"].endswith(marker)
    assert story["html_text"].count("<a ") == 1  # the manager's mention, and no other link
    assert story["text"].startswith("@Grace Liu ")


def test_a_story_of_certsyncs_own_user_without_a_marker_is_not_one_of_its_comments(asana_program):
    tracker = asana_program.tracker()
    record = asana_program.tasks["enr-03"]
    asana.StoriesApi(asana_program.api).create_story_for_task({"data": {"text": "a note typed by hand"}}, record, {})
    assert tracker.comments(record) == []


def test_provision_makes_status_and_flags_with_their_colors(unprovisioned):
    from certsync.rules import RULES

    unprovisioned.tracker().provision()
    known = unprovisioned.fields()
    assert known.get("Status").type == "enum" and known.get("Flags").type == "multi_enum"
    assert known.get("Status").colors == {"On track": "green", "Slightly behind": "yellow", "At risk": "red",
                                          "Completed": "blue"}
    assert known.get("Flags").colors == {r.name: r.severity.value for r in RULES}
    assert known.get("Latest score").format == "percentage"


def test_check_names_a_subtask_check_in_left_out_of_the_check_ins_project(asana_program):
    asana.TasksApi(asana_program.api).create_subtask_for_task({"data": {"name": "Priya, week of 23 Nov"}},
                                                              asana_program.tasks["enr-01"], {})
    [problem] = [p for p in asana_program.tracker().check() if "not in the check-ins project" in p]
    assert "'Priya, week of 23 Nov'" in problem and "Add to another project" in problem
