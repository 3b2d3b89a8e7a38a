"""Passes over time: postponements, incremental reads, new due weeks, the state file lost."""

from __future__ import annotations

from datetime import timedelta

import pytest

from certsync.sync.sample_program import SAMPLE_TODAY

from test_sync_sample import EXPECTED


def check_ins_of(tracker) -> int:
    """How many check-in pages the sample has (the tracker's pages also hold its sessions)."""
    return sum(1 for sample_id in tracker.pages if sample_id.startswith("ci-"))


def set_exam(tracker, sample_id, day):
    tracker.api.pages.update(page_id=tracker.pages[sample_id],
                             properties={"Exam date": {"date": {"start": day}}})


def owned(tracker, sample_id):
    p = tracker.page(sample_id)["properties"]
    return (p["Postponements"]["number"], {o["name"] for o in p["Flags"]["multi_select"]},
            (p["Status"]["select"] or {}).get("name"))


def test_exam_date_moved_later_once_then_twice_then_earlier(tracker):
    tracker.sync()
    assert owned(tracker, "enr-01") == (0, set(), "On track")

    set_exam(tracker, "enr-01", "2026-12-19")
    tracker.sync()
    assert owned(tracker, "enr-01") == (1, {"Exam postponed"}, "Slightly behind")
    assert tracker.comments("enr-01") == []

    set_exam(tracker, "enr-01", "2027-01-09")
    report = tracker.sync()
    assert owned(tracker, "enr-01") == (2, {"Exam postponed 2+ times"}, "At risk")
    assert len(tracker.comments("enr-01")) == 1
    assert report.comments == 1

    set_exam(tracker, "enr-01", "2026-12-30")
    tracker.sync()
    assert owned(tracker, "enr-01") == (2, {"Exam postponed 2+ times"}, "At risk")
    assert len(tracker.comments("enr-01")) == 1


def test_a_lost_state_file_loses_no_postponement_and_posts_no_duplicate(tracker):
    tracker.sync()
    set_exam(tracker, "enr-01", "2026-12-19")
    tracker.sync()
    tracker.config().state_path.unlink()
    report = tracker.sync()
    assert owned(tracker, "enr-01") == (1, {"Exam postponed"}, "Slightly behind")
    # Only the wording of the reason may change: the dates behind the count were in the state.
    assert report.comments == 0 and report.written <= 1
    assert tracker.sync().written == 0
    set_exam(tracker, "enr-01", "2027-01-09")
    tracker.sync()
    assert owned(tracker, "enr-01") == (2, {"Exam postponed 2+ times"}, "At risk")


def test_someone_resetting_postponements_is_respected(tracker):
    tracker.sync()
    tracker.api.pages.update(page_id=tracker.pages["enr-05"], properties={"Postponements": {"number": 0}})
    tracker.sync()
    assert owned(tracker, "enr-05") == (0, set(), "On track")


def test_the_pass_after_a_writing_pass_reads_back_what_it_wrote_and_writes_nothing(tracker):
    tracker.sync()
    tracker.sandbox.advance_clock(3600)
    again = tracker.sync()  # the first pass's writes are edits made after its read began
    assert again.enrollments_read == 12
    assert again.written == 0 and again.comments == 0


def test_after_the_first_pass_only_edited_pages_are_read(tracker):
    first = tracker.sync()
    assert (first.enrollments_read, first.check_ins_read) == (12, check_ins_of(tracker))
    tracker.sandbox.advance_clock(3600)  # passes run hourly
    tracker.sync()  # reads back the first pass's own writes
    tracker.sandbox.advance_clock(3600)
    quiet = tracker.sync()
    assert (quiet.enrollments_read, quiet.check_ins_read) == (0, 0)

    tracker.api.pages.update(page_id=tracker.pages["ci-01-07"], properties={"Hours": {"number": 0}})
    tracker.sandbox.advance_clock(3600)
    changed = tracker.sync()
    assert (changed.enrollments_read, changed.check_ins_read) == (0, 1)
    assert owned(tracker, "enr-01")[2] == "At risk"

    full = tracker.sync(full=True)
    assert (full.enrollments_read, full.check_ins_read) == (12, check_ins_of(tracker))


def test_a_new_due_week_changes_statuses_without_any_edit(tracker):
    tracker.sync()
    tracker.sandbox.advance_clock(3600)
    tracker.sync()
    tracker.sandbox.advance_clock(3600)
    report = tracker.sync(today=SAMPLE_TODAY + timedelta(days=7))
    assert (report.enrollments_read, report.check_ins_read) == (0, 0)
    # Nobody checked in for the week of 23 Nov: Priya's last due week now has zero hours.
    assert owned(tracker, "enr-01")[1] >= {"No hours logged"}
    assert len(tracker.comments("enr-01")) == 1


def test_an_enrollment_trashed_between_passes_is_forgotten_not_an_error(tracker):
    tracker.sync()
    tracker.sandbox.advance_clock(3600)
    tracker.sync()
    tracker.api.pages.update(page_id=tracker.pages["enr-01"], in_trash=True)
    tracker.sandbox.advance_clock(3600)
    # A new due week changes every enrollment, the trashed one included (it is only in the cache).
    report = tracker.sync(today=SAMPLE_TODAY + timedelta(days=7))
    assert report.exit_code == 0, [o.error for o in report.failures]
    assert [o.action.record.enrollment.name.split(" — ")[0] for o in report.outcomes if o.gone] == ["Priya Raman"]
    tracker.sandbox.advance_clock(3600)
    again = tracker.sync(today=SAMPLE_TODAY + timedelta(days=7))
    assert "Priya Raman" not in {o.action.record.enrollment.name.split(" — ")[0] for o in again.outcomes}


def test_a_changed_field_mapping_reads_everything_anew(tracker):
    right = tracker.config_path.read_text()
    tracker.config_path.write_text(right + '\n[notion.check_in_fields]\nhours = "Confidence"\n')  # a wrong pick
    tracker.sync()
    tracker.sandbox.advance_clock(3600)
    tracker.config_path.write_text(right)  # fixed: the cached check-ins were read the wrong way
    fixed = tracker.sync()
    assert fixed.full and fixed.check_ins_read == check_ins_of(tracker)
    assert {sid: status for sid, (status, _) in EXPECTED.items()} == {
        sid: tracker.page(sid)["properties"]["Status"]["select"]["name"] for sid in EXPECTED}


@pytest.mark.parametrize("week_of, lands_in_last_week", [
    ("2026-11-15T23:30:00.000+00:00", True),  # Monday 16 Nov, 00:30 in Berlin, the program's zone
    ("2026-11-15T21:30:00.000+00:00", False),  # Sunday 15 Nov, 22:30 in Berlin: the week before
])
def test_a_check_in_dated_with_a_time_lands_in_its_week_in_the_programs_time_zone(tracker, week_of, lands_in_last_week):
    tracker.api.pages.create(parent={"type": "data_source_id", "data_source_id": tracker.template.check_ins}, properties={
        "Name": {"title": [{"type": "text", "text": {"content": "late entry"}}]},
        "Enrollment": {"relation": [{"id": tracker.pages["enr-03"]}]},
        "Week of": {"date": {"start": week_of}}, "Hours": {"number": 10}})
    tracker.sync()
    assert ("No hours logged" not in owned(tracker, "enr-03")[1]) is lands_in_last_week
