"""A valid certsync.toml loads; defaults are DESIGN.md's reference template; overrides apply."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest
from config_texts import CHECK_INS_ID, ENROLLMENTS_ID, MINIMAL

from certsync.config import ConfigError, load_config
from certsync.rules.policy import Policy, Weekday

REPO = Path(__file__).resolve().parents[2]


def test_minimal_file_gets_the_reference_template_defaults(write_config):
    config = load_config(write_config(MINIMAL))

    assert config.program.name == "Cloud certifications"
    assert config.program.timezone == "UTC"
    assert config.policy == Policy()
    assert config.policy.checkin_deadline is Weekday.FRIDAY
    notion = config.notion
    assert (notion.enrollments, notion.check_ins) == (ENROLLMENTS_ID, CHECK_INS_ID)
    assert notion.base_url == "https://api.notion.com"
    assert notion.token_env == "NOTION_TOKEN"
    assert notion.requests_per_second == 3.0
    assert notion.fields.model_dump() == {
        "name": "Name", "engineer": "Engineer", "manager": "Manager", "certification": "Certification",
        "exam_date": "Exam date", "study_start": "Study start", "weekly_target_hours": "Weekly target hours",
        "certified": "Certified", "planned_hours": "Planned hours", "diagnostic_exam": "Diagnostic exam",
        "midpoint_exam": "Mid-point practice exam", "final_exam": "Final practice exam", "reminders_off": "Reminders off",
        "exam_result": "Exam result", "attempts": "Attempts", "certified_on": "Certified on", "cost": "Cost",
        "cohort": "Cohort", "satisfaction": "Satisfaction",
        "status": "Status", "flags": "Flags", "flag_details": "Flag details",
        "postponements": "Postponements", "last_synced": "Last synced", "sync_problem": "Sync problem",
        "weeks_completed": "Weeks completed", "hours_last_week": "Hours last week", "hours_vs_plan": "Hours vs plan",
        "latest_score": "Latest score", "score_trend": "Score trend", "projected_ready": "Projected ready",
    }
    assert notion.check_in_fields.model_dump() == {
        "name": "Name", "enrollment": "Enrollment", "week_of": "Week of", "hours": "Hours",
        "milestones": "Milestones", "confidence": "Confidence", "practice_score": "Practice score",
        "blockers": "Blockers", "absence_reason": "Absence reason", "weak_domains": "Weak domains",
    }
    assert notion.sessions is None
    assert notion.sessions_fields.model_dump() == {"date": "Date", "cohort": "Cohort", "topic": "Topic",
                                                   "attendees": "Attendees"}
    assert config.asana is None
    assert (config.sync.overlap_minutes, config.sync.full_sweep_hours, config.sync.every_minutes) == (2, 24, 60)


def test_overrides_apply(write_config):
    config = load_config(write_config(f"""
        [program]
        name = "Cloud certifications"
        timezone = "Europe/Berlin"
        checkin_deadline = "thursday"
        [policy]
        low_hours_ratio = 0.4
        plateau_scores = 4
        [notion]
        enrollments = "{ENROLLMENTS_ID}"
        check_ins = "{CHECK_INS_ID}"
        base_url = "http://127.0.0.1:8765/notion/"
        token_env = "CERTSYNC_NOTION"
        requests_per_second = 1.5
        [notion.fields]
        status = "Cert status"
        [notion.check_in_fields]
        hours = "Hours this week"
        [sync]
        every_minutes = 15
    """))

    assert config.program.timezone == "Europe/Berlin"
    assert str(config.program.zone) == "Europe/Berlin"
    assert config.policy == Policy(checkin_deadline=Weekday.THURSDAY, low_hours_ratio=0.4, plateau_scores=4)
    assert config.notion.base_url == "http://127.0.0.1:8765/notion"
    assert config.notion.token_env == "CERTSYNC_NOTION"
    assert config.notion.requests_per_second == 1.5
    assert config.notion.check_in_fields.hours == "Hours this week"
    assert config.notion.fields.status == "Cert status"
    assert config.notion.fields.flags == "Flags"  # untouched keys keep their default
    assert config.sync.every_minutes == 15


@pytest.mark.parametrize("day", ["friday", "Friday", "FRIDAY", " monday "])
def test_weekday_is_case_insensitive(write_config, day):
    config = load_config(write_config(MINIMAL.replace("[program]", f'[program]\ncheckin_deadline = "{day}"')))
    assert config.policy.checkin_deadline is Weekday[day.strip().upper()]


def test_notion_url_is_read_as_the_id_in_its_path(write_config):
    url = "https://www.notion.so/acme/Enrollments-1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c21?v=0123456789abcdef0123456789abcdef"
    config = load_config(write_config(MINIMAL.replace(f'"{ENROLLMENTS_ID}"', f'"{url}"')))
    assert config.notion.enrollments == ENROLLMENTS_ID


def test_asana_section_alone_is_a_tracker(write_config):
    config = load_config(write_config("""
        [program]
        name = "Security certs"
        [asana]
        project = "https://app.asana.com/1/1100/project/1209876543210987/list/1209876543211111"
        check_ins_project = "1209876543210999"
        [asana.fields]
        engineer = "Learner"
    """))
    assert config.notion is None
    assert config.asana.project == "1209876543210987"
    assert config.asana.check_ins_project == "1209876543210999"
    assert config.asana.token_env == "ASANA_ACCESS_TOKEN"
    assert config.asana.requests_per_minute == 1500  # Asana's limit on paid plans
    assert config.asana.fields.engineer == "Learner"
    assert config.asana.check_in_fields.enrollment is None  # check-ins are subtasks by default


def test_relative_state_path_resolves_next_to_the_config_file(write_config, tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    path = write_config(MINIMAL + '\n[sync]\nstate = "data/state.sqlite"\n', name="conf/certsync.toml")
    monkeypatch.chdir(REPO)  # the working folder does not matter
    config = load_config(path)
    assert config.path == path.resolve()
    assert config.state_path == (tmp_path / "conf" / "data" / "state.sqlite").resolve()


def test_absolute_state_path_is_kept(write_config, tmp_path):
    target = tmp_path / "elsewhere" / "s.sqlite"
    config = load_config(write_config(MINIMAL + f'\n[sync]\nstate = "{target.as_posix()}"\n'))
    assert config.state_path == target


def test_default_state_path_is_next_to_the_config_file(write_config, tmp_path):
    config = load_config(write_config(MINIMAL))
    assert config.state_path == tmp_path.resolve() / ".certsync-state.sqlite"


def test_config_is_immutable(write_config):
    config = load_config(write_config(MINIMAL))
    with pytest.raises(pydantic.ValidationError):
        config.notion.fields.hours = "Other"  # type: ignore[misc]


def test_the_example_file_in_the_repository_loads():
    config = load_config(REPO / "certsync.example.toml")
    assert config.notion is not None
    assert config.policy == Policy()


def test_the_example_files_asana_table_loads_once_uncommented(write_config):
    text = (REPO / "certsync.example.toml").read_text(encoding="utf-8")
    asana = text[text.index("# [asana]"):text.index("\n\n", text.index("# [asana]"))]
    uncommented = "\n".join(line.removeprefix("# ") for line in asana.splitlines())
    config = load_config(write_config('[program]\nname = "x"\n' + uncommented + "\n"))
    assert config.asana.project == "1209876543210987"
    assert config.asana.requests_per_minute == 1500


def test_asana_rate_is_per_minute_as_asana_counts_it(write_config):
    config = load_config(write_config(
        '[program]\nname = "x"\n[asana]\nproject = "12"\ncheck_ins_project = "13"\nrequests_per_minute = 150\n'))
    assert config.asana.requests_per_minute == 150


def test_the_old_asana_rate_per_second_names_its_replacement(write_config):
    write_config('[program]\nname = "x"\n[asana]\nproject = "12"\ncheck_ins_project = "13"\nrequests_per_second = 2.5\n')
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml")
    assert str(caught.value) == (
        "certsync.toml: asana.requests_per_second: expected a key of [asana], found an unknown key "
        "(now requests_per_minute: Asana counts per minute, 1500 on paid plans and 150 on a free workspace)"
    )
