"""Contract: reading a tracker gives every record with its values, or what changed since a cursor."""

from __future__ import annotations

from datetime import timedelta

import pytest

from certsync.rules.model import CheckIn, Milestones


def by_sample_id(contract, records, ident=lambda r: r.enrollment.id):
    return {contract.sample_id(ident(r)): r for r in records}


def test_a_full_read_gives_every_enrollment_with_its_values(contract):
    snapshot = contract.tracker.read(None)
    assert snapshot.complete
    read = by_sample_id(contract, snapshot.enrollments)
    assert sorted(read) == sorted(contract.enrollments) and len(read) == 12
    for sample_id, expected in contract.enrollments.items():
        got = read[sample_id].enrollment
        assert (got.name, got.certification, got.exam_date, got.study_start, got.weekly_target_hours, got.certified) == (
            expected.name, expected.certification, expected.exam_date, expected.study_start,
            expected.weekly_target_hours, expected.certified), sample_id
        assert got.engineer.name == expected.engineer.name and got.manager.name == expected.manager.name
        assert (read[sample_id].owned.postponements or 0) == expected.exam_history.postponements, sample_id


def test_a_full_read_gives_every_check_in_with_its_values(contract):
    snapshot = contract.tracker.read(None)
    read = by_sample_id(contract, snapshot.check_ins, ident=lambda r: r.id)
    expected = {c.id: c for c in contract.program.check_ins}
    assert len(snapshot.check_ins) == 77 and sorted(read) == sorted(expected)
    for sample_id, want in expected.items():
        got = read[sample_id].check_in
        assert contract.sample_id(got.enrollment_id) == want.enrollment_id
        assert (got.week_of, got.hours, got.milestones, got.confidence, got.blockers, got.absence_reason) == (
            want.week_of, want.hours, want.milestones, want.confidence, want.blockers, want.absence_reason), sample_id
        assert got.practice_score == pytest.approx(want.practice_score), sample_id


def test_a_read_from_a_cursor_returns_an_edited_enrollment(contract):
    contract.later()
    cursor = contract.tracker.read(None).cursor
    contract.edit_enrollment("enr-03", weekly_target_hours=7)
    changed = contract.tracker.read(cursor)
    assert not changed.complete
    read = by_sample_id(contract, changed.enrollments)
    assert read["enr-03"].enrollment.weekly_target_hours == 7
    assert "enr-01" not in read  # untouched for long: outside any overlap window


def test_a_read_from_a_cursor_returns_a_new_check_in(contract):
    contract.later()
    cursor = contract.tracker.read(None).cursor
    last = max((c for c in contract.program.check_ins if c.enrollment_id == "enr-01"), key=lambda c: c.week_of)
    added = CheckIn(id="ci-new", enrollment_id="enr-01", week_of=last.week_of + timedelta(weeks=1),
                    hours=4.5, milestones=Milestones.PARTIAL, confidence=3, blockers="[ops] on call")
    contract.add_check_in(added)
    changed = contract.tracker.read(cursor)
    read = by_sample_id(contract, changed.check_ins, ident=lambda r: r.id)
    assert read["ci-new"].check_in.hours == 4.5 and read["ci-new"].check_in.blockers == "[ops] on call"
    assert contract.sample_id(read["ci-new"].check_in.enrollment_id) == "enr-01"
    assert "ci-01-01" not in read


def test_a_fresh_cursor_with_no_edits_returns_nothing_untouched_for_long(contract):
    contract.later()
    cursor = contract.tracker.read(None).cursor
    again = contract.tracker.read(cursor)
    assert not again.complete
    assert again.enrollments == () and again.check_ins == ()


def test_a_deleted_enrollment_is_not_in_the_next_full_read(contract):
    contract.delete("enr-06")
    read = by_sample_id(contract, contract.tracker.read(None).enrollments)
    assert "enr-06" not in read and len(read) == 11


def test_progress_is_told_how_many_records_were_read(contract):
    told = []
    contract.tracker.read(None, progress=told.append)
    assert told and told[-1] == 12 + 77
