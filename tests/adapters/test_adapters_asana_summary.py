"""The summary fields on Asana: written where the project has them (Latest score a percentage
field, so Asana shows 72% for 0.72), read back as written, and optional: a project without them
still syncs the rest."""

from __future__ import annotations

import asana

from certsync.sync.sample_program import SAMPLE_TODAY


def values_of(program, sample_id):
    task = asana.TasksApi(program.api).get_task(program.tasks[sample_id], {})
    return {v["name"]: v for v in task["custom_fields"]}


def test_summary_values_are_written_as_asana_shows_them_and_read_back_as_written(asana_program):
    from datetime import date

    tracker = asana_program.tracker()
    tracker.read(None)
    assert set(tracker.owned_fields) >= {"weeks_completed", "latest_score", "projected_ready"}
    wanted = {"weeks_completed": 7, "hours_last_week": 8.5, "hours_vs_plan": -3.5, "latest_score": 81.5,
              "score_trend": "58 → 81 ▁▃▅▇", "projected_ready": date(2026, 12, 4)}
    tracker.write(asana_program.tasks["enr-01"], wanted)
    values = values_of(asana_program, "enr-01")
    assert values["Latest score"]["number_value"] == 0.815 and values["Latest score"]["display_value"] == "81.5%"
    assert values["Weeks completed"]["display_value"] == "7"
    owned = next(r.owned for r in tracker.read(None).enrollments if r.enrollment.id == asana_program.tasks["enr-01"])
    assert {name: getattr(owned, name) for name in wanted} == wanted


def test_a_project_without_the_summary_fields_still_syncs_the_rest(asana_program):
    known = asana_program.fields()
    for name in ("Weeks completed", "Hours last week", "Hours vs plan", "Latest score", "Score trend",
                 "Projected ready"):
        asana.ProjectsApi(asana_program.api).remove_custom_field_setting_for_project(
            {"data": {"custom_field": known.get(name).gid}}, asana_program.template.project)
    tracker = asana_program.tracker()
    report = asana_program.sync(today=SAMPLE_TODAY)
    assert report.exit_code == 0, report.problems
    assert values_of(asana_program, "enr-02")["Status"]["enum_value"]["name"] == "At risk"
    assert any("summary field 'Latest score' is missing" in p for p in tracker.check())
