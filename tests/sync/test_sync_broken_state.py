"""A broken state file is a cache, not a crash: a truncated or corrupt one is set aside with a
warning and rebuilt from the tracker (no duplicate alert); an unwritable folder is one line."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from certsync.sync.cli import cli
from pass_builders import RED, MemorySample, alerted_once_each
from datetime import UTC


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbage(path):
    path.write_bytes(bytes(range(256)) * 64)


def wal_leftovers(path):
    return [p for p in path.parent.iterdir() if p.name in (f"{path.name}-wal", f"{path.name}-shm")]


@pytest.mark.parametrize("breakage", [truncate, garbage], ids=["truncated", "garbage"])
def test_a_broken_state_file_is_set_aside_and_the_pass_completes_without_duplicates(sample, breakage, caplog):
    sample.sync()
    state = sample.config().state_path
    assert state.exists() and not wal_leftovers(state)
    breakage(state)
    with caplog.at_level(logging.WARNING):
        report = sample.sync()
    assert report.exit_code == 0 and report.comments == 0
    assert any("set aside" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert list(state.parent.glob(f"{state.name}.broken-*"))
    assert alerted_once_each(sample) == {}
    assert sample.total_alerts() == len(RED)
    assert sample.sync().written == 0


def test_a_state_file_broken_before_the_first_pass_is_set_aside_too(sample):
    state = sample.config().state_path
    garbage(state)
    assert sample.sync().comments == len(RED)
    assert list(state.parent.glob(f"{state.name}.broken-*"))


def test_a_broken_state_file_written_half_way_through_a_pass_does_not_crash_the_next(sample):
    sample.sync()
    sample.edit_check_in("ci-01-07", hours=0)  # Priya turns red in a later pass
    state = sample.config().state_path
    truncate(state)
    sample.sync()
    assert len(sample.tracker.alerts_on("enr-01")) == 1
    assert alerted_once_each(sample, RED + ("enr-01",)) == {}


def test_an_uncreatable_state_folder_is_one_line_naming_the_path(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    (tmp_path / "blocker").write_text("a file where the state folder should be\n")
    tracker.config_path.write_text(tracker.config_path.read_text().replace(
        'state = "state.sqlite"', 'state = "blocker/state/state.sqlite"'))
    result = CliRunner().invoke(cli, ["sync", "-c", str(tracker.config_path), "--today", "2026-11-21"],
                                prog_name="certsync")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(tmp_path / "blocker") in lines[0]


def test_an_uncreatable_state_folder_is_one_line_in_json_too(tracker, tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    (tmp_path / "blocker").write_text("")
    tracker.config_path.write_text(tracker.config_path.read_text().replace(
        'state = "state.sqlite"', 'state = "blocker/state.sqlite"'))
    result = CliRunner().invoke(cli, ["sync", "-c", str(tracker.config_path), "--json"], prog_name="certsync")
    assert result.exit_code == 1
    shown = json.loads(result.stdout)
    assert shown["exit_code"] == 1 and str(tmp_path / "blocker") in shown["error"]


def test_a_state_file_from_another_version_of_certsync_is_rebuilt_without_duplicates(sample):
    import json
    import sqlite3

    sample.sync()
    state = sample.config().state_path
    db = sqlite3.connect(state)
    db.execute("UPDATE meta SET value=? WHERE tracker='' AND key='version'", (json.dumps(99),))
    db.commit()
    db.close()
    report = sample.sync()
    assert report.exit_code == 0 and report.comments == 0
    assert alerted_once_each(sample) == {}
    assert sample.sync().written == 0


def test_a_state_path_that_is_a_folder_is_one_line_naming_it(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    (tmp_path / "state.sqlite").mkdir()
    result = CliRunner().invoke(cli, ["sync", "-c", str(tracker.config_path), "--today", "2026-11-21"],
                                prog_name="certsync")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path / "state.sqlite") in lines[0], result.stderr


def test_the_cache_keeps_every_field_of_a_record():
    """What a pass caches is what the tracker gave: a record read back from the state is equal to it."""
    from datetime import date, datetime

    from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned
    from certsync.rules.model import CheckIn, DataProblem, Enrollment, Milestones, Person
    from certsync.sync.codec import decode_check_in, decode_enrollment, encode_check_in, encode_enrollment
    import json

    enrollment = EnrollmentRecord(
        enrollment=Enrollment(id="e", name="Eve — CKA", engineer=Person(id="u1", name="Eve"), manager=Person(name="Max"),
                              certification="CKA", exam_date=date(2027, 1, 9), study_start=date(2026, 10, 5),
                              weekly_target_hours=6.5, certified=False, planned_hours=90, diagnostic_exam=date(2026, 10, 9),
                              midpoint_exam=date(2026, 11, 20), final_exam=date(2027, 1, 2), reminders_off=True),
        owned=Owned(status="At risk", flags=("No hours logged",), latest_score=72.5, projected_ready=date(2027, 2, 1)),
        edited=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
        problems=(DataProblem(record_id="e", record_name="Enrollment 'Eve'", field="Cost", expected="a number",
                              found="'lots'"),))
    check_in = CheckInRecord(id="c", check_in=CheckIn(id="c", enrollment_id="e", week_of=date(2026, 11, 16), hours=4.5,
                                                      milestones=Milestones.PARTIAL, confidence=2, practice_score=66,
                                                      blockers="[/] on-call", absence_reason=""),
                             edited=datetime(2026, 11, 20, tzinfo=UTC), submitted=datetime(2026, 11, 19, tzinfo=UTC))
    assert decode_enrollment(json.loads(encode_enrollment(enrollment))) == enrollment
    assert decode_check_in(json.loads(encode_check_in(check_in))) == check_in
