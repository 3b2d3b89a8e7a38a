"""Asana check-ins as teams make them: a form submission (linked by engineer and certification),
a subtask of the enrollment (whose change does not touch its parent), and a date with a time
read on the program's calendar."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from certsync.rules.model import CheckIn, Milestones



BERLIN = ZoneInfo("Europe/Berlin")


def form_answers(program, *, week: str, hours: float, certification: str | None) -> dict:
    known = program.fields("check_ins_project")
    answers = {known.get("Week of").gid: {"date": week}, known.get("Hours").gid: hours}
    if certification is not None:
        field = known.get("Certification")
        answers[field.gid] = field.options[certification]
    return answers


def check_in_of(snapshot, gid):
    return next(r for r in snapshot.check_ins if r.id == gid)


def test_a_form_submission_is_the_check_in_of_the_submitters_enrollment_for_that_certification(asana_program):
    enrollment = asana_program.built.program.enrollments[0]  # Priya Raman, AWS Solutions Architect Associate
    submitted = asana_program.sandbox.submit_asana_form(
        asana_program.template.check_ins_project, "Weekly check-in",
        form_answers(asana_program, week="2026-11-20", hours=7.5, certification=enrollment.certification),
        submitter=asana_program.user(enrollment.engineer.name))
    record = check_in_of(asana_program.tracker().read(None, BERLIN), submitted["gid"])
    assert record.problems == ()
    assert record.check_in.enrollment_id == asana_program.tasks[enrollment.id]
    assert record.check_in.hours == 7.5 and record.check_in.week_of == date(2026, 11, 20)


def test_a_form_submission_on_an_incremental_read_finds_its_enrollment_from_what_was_remembered(asana_program):
    enrollment = asana_program.built.program.enrollments[0]
    first = asana_program.tracker()
    asana_program.sandbox.advance_clock(600)
    cursor = first.read(None, BERLIN).cursor
    remembered = first.remember()
    submitted = asana_program.sandbox.submit_asana_form(
        asana_program.template.check_ins_project, "Weekly check-in",
        form_answers(asana_program, week="2026-11-20", hours=3, certification=enrollment.certification),
        submitter=asana_program.user(enrollment.engineer.name))
    later = asana_program.tracker()
    later.restore(remembered)
    snapshot = later.read(cursor, BERLIN)
    assert snapshot.enrollments == ()  # no enrollment changed: the link comes from what was remembered
    assert [r.id for r in snapshot.check_ins] == [submitted["gid"]]
    assert snapshot.check_ins[0].check_in.enrollment_id == asana_program.tasks[enrollment.id]


def test_a_form_submission_matching_no_enrollment_is_a_problem_of_that_record_only(asana_program):
    submitted = asana_program.sandbox.submit_asana_form(
        asana_program.template.check_ins_project, "Weekly check-in",
        form_answers(asana_program, week="2026-11-20", hours=3, certification="AWS Solutions Architect Associate"),
        submitter=asana_program.user("Grace Liu"))  # a manager, enrolled in nothing
    snapshot = asana_program.tracker().read(None, BERLIN)
    record = check_in_of(snapshot, submitted["gid"])
    assert record.check_in is None
    [problem] = record.problems
    assert "Grace Liu" in problem.found and "matching no single enrollment" in problem.found
    assert sum(1 for r in snapshot.check_ins if r.check_in is not None) == 77


def test_a_new_subtask_check_in_is_read_though_its_parent_task_is_not_modified(asana_program):
    from certsync.adapters.asana.template import check_in_data

    tracker = asana_program.tracker()
    asana_program.sandbox.advance_clock(600)
    cursor = tracker.read(None, BERLIN).cursor
    parent_before = asana_program.task("enr-01")["modified_at"]
    added = CheckIn(id="ci-new", enrollment_id="enr-01", week_of=date(2026, 11, 20), hours=4,
                    milestones=Milestones.PARTIAL)
    data = check_in_data(added, asana_program.tasks, "Priya, week of 16 Nov", tracker.check_in_fields,
                         asana_program.fields("check_ins_project"), asana_program.template.check_ins_project)
    made = asana_program.create_task(data)
    assert asana_program.task("enr-01")["modified_at"] == parent_before  # Asana does not touch the parent
    snapshot = tracker.read(cursor, BERLIN)
    assert [r.id for r in snapshot.check_ins] == [made["gid"]]
    assert snapshot.check_ins[0].check_in.enrollment_id == asana_program.tasks["enr-01"]
    assert snapshot.enrollments == ()


@pytest.mark.parametrize("zone,expected", [(BERLIN, date(2026, 11, 16)), (ZoneInfo("UTC"), date(2026, 11, 15))])
def test_a_date_time_late_on_sunday_in_utc_is_monday_on_the_programs_calendar(asana_program, zone, expected):
    known = asana_program.fields("check_ins_project")
    made = asana_program.create_task({
        "name": "Priya, week of 16 Nov", "parent": asana_program.tasks["enr-01"],
        "projects": [asana_program.template.check_ins_project],
        "custom_fields": {known.get("Week of").gid: {"date_time": "2026-11-15T23:30:00.000Z"},
                          known.get("Hours").gid: 6}})
    record = check_in_of(asana_program.tracker().read(None, zone), made["gid"])
    assert record.problems == ()
    assert record.check_in.week_of == expected
    assert record.check_in.week_of - timedelta(days=record.check_in.week_of.weekday()) == (
        date(2026, 11, 16) if zone is BERLIN else date(2026, 11, 9))
