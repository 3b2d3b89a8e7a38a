"""Every problem in certsync.toml is reported at once, as `file: key: expected ..., found ...`."""

from __future__ import annotations

import pytest
from config_texts import CHECK_INS_ID, ENROLLMENTS_ID, MINIMAL

from certsync.config import ConfigError, load_config


def problems(write_config, text: str) -> list[str]:
    write_config(text)
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml")
    lines = str(caught.value).splitlines()
    assert lines == [str(p) for p in caught.value.problems]
    assert "Traceback" not in str(caught.value)
    return lines


def with_policy(body: str) -> str:
    return MINIMAL + "\n[policy]\n" + body + "\n"


def test_wrong_type_names_file_key_expected_and_found(write_config):
    assert problems(write_config, with_policy('low_hours_ratio = "half"')) == [
        'certsync.toml: policy.low_hours_ratio: expected a number greater than 0 and at most 1, found "half"'
    ]


def test_a_number_in_quotes_is_not_a_number(write_config):
    assert problems(write_config, with_policy('low_hours_ratio = "0.5"')) == [
        'certsync.toml: policy.low_hours_ratio: expected a number greater than 0 and at most 1, found "0.5"'
    ]


def test_out_of_range_and_fractional_counts(write_config):
    assert problems(write_config, with_policy("low_hours_ratio = 1.5\nplateau_scores = 2.5")) == [
        "certsync.toml: policy.low_hours_ratio: expected a number greater than 0 and at most 1, found 1.5",
        "certsync.toml: policy.plateau_scores: expected a whole number at least 2, found 2.5",
    ]


def test_missing_file(write_config):
    with pytest.raises(ConfigError) as caught:
        load_config("nowhere/certsync.toml")
    assert str(caught.value) == (
        "nowhere/certsync.toml: expected a certsync configuration file, "
        "found no such file (start from certsync.example.toml, or pass -c FILE)"
    )


def test_bad_toml_names_line_and_column(write_config):
    [line] = problems(write_config, '[program]\nname = "x"\nweekly = 1c\n')
    assert line.startswith("certsync.toml: line 3, column 11: expected valid TOML, found a syntax error (")


def test_unknown_key_suggests_the_close_one(write_config):
    assert problems(write_config, with_policy("low_hour_ratio = 0.4")) == [
        "certsync.toml: policy.low_hour_ratio: expected a key of [policy], "
        "found an unknown key (did you mean low_hours_ratio?)"
    ]


def test_unknown_key_without_a_close_one_lists_the_allowed_keys(write_config):
    assert problems(write_config, MINIMAL + '\n[sync]\nbanana = 1\n') == [
        "certsync.toml: sync.banana: expected a key of [sync]: state, overlap_minutes, full_sweep_hours, "
        "every_minutes, found an unknown key"
    ]


def test_key_in_the_wrong_table_says_where_it_belongs(write_config):
    assert problems(write_config, with_policy('checkin_deadline = "monday"')) == [
        "certsync.toml: policy.checkin_deadline: expected a key of [policy], "
        "found an unknown key (checkin_deadline belongs in [program])"
    ]
    assert problems(write_config, MINIMAL + '[notion.fields]\nhours = "Study hours"\n') == [
        "certsync.toml: notion.fields.hours: expected a key of [notion.fields], "
        "found an unknown key (hours belongs in [notion.check_in_fields])"
    ]


def test_missing_required_keys(write_config):
    assert problems(write_config, "[program]\n[notion]\n") == [
        "certsync.toml: program.name: expected a non-empty string (required), found nothing",
        "certsync.toml: notion.enrollments: expected a Notion data source id, database id or URL (required), found nothing",
        "certsync.toml: notion.check_ins: expected a Notion data source id, database id or URL (required), found nothing",
    ]


def test_no_tracker_section(write_config):
    assert problems(write_config, '[program]\nname = "x"\n') == [
        "certsync.toml: expected a [notion] or [asana] section (where the program is tracked), found neither"
    ]


def test_no_tracker_section_is_reported_with_the_other_problems(write_config):
    assert problems(write_config, '[program]\nname = ""\n') == [
        'certsync.toml: program.name: expected a non-empty string, found ""',
        "certsync.toml: expected a [notion] or [asana] section (where the program is tracked), found neither",
    ]


def test_bad_time_zone_suggests_the_close_one(write_config):
    text = MINIMAL.replace("[program]", '[program]\ntimezone = "Europe/Berln"')
    assert problems(write_config, text) == [
        "certsync.toml: program.timezone: expected an IANA time zone name, such as Europe/Berlin, "
        'found "Europe/Berln" (did you mean Europe/Berlin?)'
    ]


def test_bad_weekday(write_config):
    text = MINIMAL.replace("[program]", '[program]\ncheckin_deadline = "Fridy"')
    assert problems(write_config, text) == [
        'certsync.toml: program.checkin_deadline: expected a weekday name, such as friday, found "Fridy" (did you mean friday?)'
    ]
    text = MINIMAL.replace("[program]", "[program]\ncheckin_deadline = 5")
    assert problems(write_config, text) == [
        "certsync.toml: program.checkin_deadline: expected a weekday name, such as friday, found 5"
    ]


def test_bad_tracker_ids(write_config):
    text = MINIMAL.replace(f'"{ENROLLMENTS_ID}"', '"Enrollments"').replace(
        f'"{CHECK_INS_ID}"', '"https://www.notion.so/acme/Check-ins"'
    )
    assert problems(write_config, text) == [
        'certsync.toml: notion.enrollments: expected a Notion data source id, database id or URL, found "Enrollments"',
        "certsync.toml: notion.check_ins: expected a Notion data source id, database id or URL, "
        'found "https://www.notion.so/acme/Check-ins" (a URL without a Notion id in its path)',
    ]


def test_a_section_that_is_not_a_table(write_config):
    assert problems(write_config, "sync = 3\n" + MINIMAL) == [
        "certsync.toml: sync: expected a table [sync], found 3"
    ]


def test_two_keys_naming_the_same_field(write_config):
    assert problems(write_config, MINIMAL + '[notion.fields]\nflags = "Status"\n') == [
        'certsync.toml: notion.fields.flags: expected a field name not already used by status, found "Status"'
    ]


def test_plateau_band_in_order(write_config):
    assert problems(write_config, with_policy("plateau_low = 80\nplateau_high = 70")) == [
        "certsync.toml: policy.plateau_high: expected a number at least plateau_low (80), found 70"
    ]


def test_every_problem_is_reported_at_once(write_config):
    lines = problems(write_config, """
        [program]
        timezone = "Mars/Olympus"
        checkin_deadline = "someday"
        [policy]
        low_hours_ratio = "half"
        low_hour_weeks = 3
        [notion]
        enrollments = "nope"
        check_ins = 42
        requests_per_second = 0
        [notion.check_in_fields]
        hours = ""
        [sync]
        every_minutes = true
    """)
    keys = [line.split(": ")[1] for line in lines]
    assert sorted(keys) == sorted([
        "program.name", "program.timezone", "program.checkin_deadline",
        "policy.low_hours_ratio", "policy.low_hour_weeks",
        "notion.enrollments", "notion.check_ins", "notion.requests_per_second",
        "notion.check_in_fields.hours", "sync.every_minutes",
    ])
    assert all(line.startswith("certsync.toml: ") and "expected " in line and ", found " in line for line in lines)


def test_the_python_name_of_the_policy_table_is_not_a_key(write_config):
    assert problems(write_config, MINIMAL.replace("[program]", "policy_section = {}\n[program]")) == [
        "certsync.toml: policy_section: expected a key of the top level, found an unknown key (did you mean policy?)"
    ]


def test_fields_that_are_only_read_may_share_a_property(write_config):
    write_config(MINIMAL + '[notion.fields]\nengineer = "Name"\ncertification = "Name"\n')
    fields = load_config("certsync.toml").notion.fields
    assert fields.engineer == fields.certification == fields.name == "Name"


def test_an_owned_field_may_not_share_a_property_it_would_overwrite(write_config):
    assert problems(write_config, MINIMAL + '[notion.fields]\nsync_problem = "Certification"\n') == [
        'certsync.toml: notion.fields.sync_problem: expected a field name not already used by certification, '
        'found "Certification"'
    ]


def test_many_unknown_keys_are_all_found_in_linear_time_and_the_first_50_shown(write_config):
    import time

    write_config(MINIMAL + "\n[sync]\n" + "".join(f"key_{i} = 1\n" for i in range(20_000)))
    started = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml")
    assert time.monotonic() - started < 60  # a guard only: under a second here; quadratic took minutes
    assert len(caught.value.problems) == 20_000
    lines = str(caught.value).splitlines()
    assert lines == caught.value.lines()
    assert len(lines) == 51
    assert lines[0].startswith("certsync.toml: sync.key_0: expected a key of [sync]: ")
    assert lines[-1] == "… and 19,950 more problems"


def test_the_same_problem_twice_is_reported_once():
    from certsync.config.errors import Problem

    problem = Problem("a.toml", "x", "1", "2")
    assert ConfigError([problem, Problem("a.toml", "y", "1", "2"), problem]).lines() == [
        "a.toml: x: expected 1, found 2", "a.toml: y: expected 1, found 2"]
