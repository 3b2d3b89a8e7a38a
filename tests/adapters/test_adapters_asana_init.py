"""`init` for Asana: the reference template made in a workspace, and the lines to paste; then
`provision` and `check` find nothing wrong. A free workspace is one line."""

from __future__ import annotations

import pytest

from certsync.adapters.registry import init_template, open_tracker
from certsync.adapters.tracker import TrackerError
from certsync.config import load_config


def test_init_makes_the_template_and_prints_lines_a_config_can_use(sandbox, tmp_path, monkeypatch):
    section = init_template("asana", sandbox.token, workspace=sandbox.asana_workspace_gid, team=sandbox.asana_team_gid,
                   base_url=sandbox.asana_url, token_env="CERTSYNC_TEST_ASANA_TOKEN")
    assert section.startswith("[asana]\nproject = \"")
    monkeypatch.setenv("CERTSYNC_TEST_ASANA_TOKEN", sandbox.token)
    path = tmp_path / "certsync.toml"
    path.write_text(f'[program]\nname = "New team"\n\n{section}\n[sync]\nstate = "state.sqlite"\n')
    config = load_config(path)
    open_tracker(config, "asana").provision()
    assert open_tracker(config, "asana").check() == []
    snapshot = open_tracker(config, "asana").read(None)
    assert snapshot.enrollments == () and snapshot.check_ins == ()
    assert config.asana.sessions_project is not None and open_tracker(config, "asana").sessions() == []
    made = {info.name: info.type for info in open_tracker(config, "asana").custom_fields("project").by_name.values()}
    assert {k: made.get(k) for k in ("Exam result", "Attempts", "Certified on", "Cost", "Cohort", "Satisfaction")} == {
        "Exam result": "enum", "Attempts": "number", "Certified on": "date", "Cost": "number", "Cohort": "enum",
        "Satisfaction": "number"}
    sessions = open_tracker(config, "asana").custom_fields("sessions_project")
    assert (sessions.get("Cohort").type, sessions.get("Attendees").type) == ("enum", "people")


def test_init_on_a_free_workspace_says_custom_fields_need_a_paid_plan(sandbox):
    sandbox.mark_asana_workspace_free(sandbox.asana_workspace_gid)
    with pytest.raises(TrackerError) as caught:
        init_template("asana", sandbox.token, workspace=sandbox.asana_workspace_gid, base_url=sandbox.asana_url)
    assert str(caught.value).startswith("custom fields need a paid Asana plan") and "\n" not in str(caught.value)


def test_the_optional_fields_of_issue_12_are_made_filled_and_read_by_default(sandbox):
    from datetime import date
    from types import SimpleNamespace

    import asana

    from certsync.adapters.asana.read import TASK_FIELDS, enrollment_from_task
    from certsync.adapters.asana.sample import sdk_client
    from certsync.adapters.asana.template import create_template, write_program
    from certsync.config.fields import AsanaCheckInFields, AsanaFields
    from certsync.rules.model import Enrollment, Program

    fields = SimpleNamespace(**AsanaFields().model_dump())  # the defaults name the optional fields
    client = sdk_client(sandbox.asana_url, sandbox.token)
    template = create_template(client, sandbox.asana_workspace_gid, fields, AsanaCheckInFields(), certifications=["CKA"])
    e = Enrollment(id="e1", name="Ana — CKA", certification="CKA", study_start=date(2026, 11, 2), weekly_target_hours=6,
                   planned_hours=60, midpoint_exam=date(2026, 12, 5), reminders_off=True)
    gid = write_program(client, template, Program(name="p", enrollments=(e,)), fields, AsanaCheckInFields(), {})["e1"]
    read = enrollment_from_task(asana.TasksApi(client).get_task(gid, {"opt_fields": TASK_FIELDS}), fields).enrollment
    assert (read.planned_hours, read.midpoint_exam, read.diagnostic_exam, read.reminders_off) == (
        60, date(2026, 12, 5), None, True)
