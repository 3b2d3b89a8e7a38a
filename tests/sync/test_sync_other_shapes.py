"""A tracker built another way than the template: renamed fields, formulas, select and title for
people, a status property for milestones. Mapped through the config, it syncs the same."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from certsync.adapters.notion.template import _title
from certsync.config import load_config
from certsync.sync.cli_tracker import provision
from certsync.sync.run import run_pass

from tracker_fixture import TOKEN_ENV


def test_a_tracker_with_formulas_selects_and_renamed_fields_syncs(sandbox, notion, tmp_path, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, sandbox.token)
    parent = {"type": "page_id", "page_id": sandbox.root_page_id}
    people = notion.databases.create(parent=parent, title=_title("People plan"), initial_data_source={"properties": {
        "Engineer": {"title": {}},
        "Lead": {"select": {"options": [{"name": "Grace Liu", "color": "blue"}]}},
        "Base hours": {"number": {}},
        "Target": {"formula": {"expression": 'prop("Base hours") * 2'}},
        "Start": {"date": {}},
        "Exam": {"date": {}},
        "Exam (shown)": {"formula": {"expression": 'prop("Exam")'}},
    }})
    people_ds = people["data_sources"][0]["id"]
    logs = notion.databases.create(parent=parent, title=_title("Weekly log"), initial_data_source={"properties": {
        "Entry": {"title": {}},
        "Person": {"relation": {"data_source_id": people_ds, "type": "dual_property", "dual_property": {}}},
        "Week": {"date": {}},
        "Spent": {"number": {}},
        "Goals": {"status": {}},
        "Score": {"number": {"format": "percent"}},
    }})
    logs_ds = logs["data_sources"][0]["id"]
    status_options = {o["name"] for o in notion.data_sources.retrieve(data_source_id=logs_ds)
                      ["properties"]["Goals"]["status"]["options"]}
    ana = notion.pages.create(parent={"type": "data_source_id", "data_source_id": people_ds}, properties={
        "Engineer": {"title": _title("Ana Ruiz")}, "Lead": {"select": {"name": "Grace Liu"}},
        "Base hours": {"number": 4}, "Start": {"date": {"start": "2026-11-02"}},
        "Exam": {"date": {"start": "2027-01-15"}}})
    for week, hours in (("2026-11-06", 8), ("2026-11-13", 3), ("2026-11-20", 2)):
        notion.pages.create(parent={"type": "data_source_id", "data_source_id": logs_ds}, properties={
            "Entry": {"title": _title(f"Ana {week}")}, "Person": {"relation": [{"id": ana["id"]}]},
            "Week": {"date": {"start": week}}, "Spent": {"number": hours}})
    (tmp_path / "certsync.toml").write_text(f"""
[program]
name = "Other shapes"
[notion]
enrollments = "https://www.notion.so/acme/People-plan-{people['id'].replace('-', '')}?v=0123456789abcdef0123456789abcdef"
check_ins = "{logs['id']}"
base_url = "{sandbox.notion_url}"
token_env = "{TOKEN_ENV}"
[notion.fields]
name = "Engineer"
engineer = "Engineer"
manager = "Lead"
certification = "Lead"
exam_date = "Exam (shown)"
study_start = "Start"
weekly_target_hours = "Target"
[notion.check_in_fields]
name = "Entry"
enrollment = "Person"
week_of = "Week"
hours = "Spent"
milestones = "Goals"
practice_score = "Score"
[sync]
state = "state.sqlite"
""")
    assert status_options  # a status property comes with its default options
    config_file = str(tmp_path / "certsync.toml")
    assert CliRunner().invoke(provision, ["-c", config_file]).exit_code == 0
    report = run_pass(load_config(config_file), today=date(2026, 11, 21))
    assert report.exit_code == 0, report.problems
    page = notion.pages.retrieve(page_id=ana["id"])["properties"]
    assert page["Status"]["select"]["name"] == "At risk"
    assert {o["name"] for o in page["Flags"]["multi_select"]} == {"Under half of target – 2 weeks", "Far off pace for exam",
                                                                  "Behind plan"}
    assert "under half of the 8 h target" in page["Flag details"]["rich_text"][0]["plain_text"]
