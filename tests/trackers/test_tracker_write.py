"""Contract: the canonical form of owned values is exactly what a write then a read gives back,
and a write sets only the fields it names."""

from __future__ import annotations

from datetime import date

from certsync.adapters.records import Owned

LONG = ("Logged 3.0 h and 2.5 h in the weeks of 3 and 10 Nov, under half of the 8 h target. " * 70)[:5000]


def owned_of(contract, sample_id):
    snapshot = contract.tracker.read(None)
    return next(r.owned for r in snapshot.enrollments if contract.sample_id(r.enrollment.id) == sample_id)


def test_canonical_values_written_are_read_back_exactly(contract):
    wanted = Owned(status="At risk", flags=("Under half of target, 2 weeks", "No hours logged"),
                   flag_details=LONG, postponements=3, last_synced=date(2026, 11, 21), sync_problem=LONG[::-1])
    canonical = contract.tracker.canonical(wanted)
    contract.tracker.write(contract.id("enr-02"), canonical.model_dump())
    assert owned_of(contract, "enr-02") == canonical


def test_a_write_of_some_fields_leaves_the_others(contract):
    first = contract.tracker.canonical(Owned(status="At risk", flags=("No hours logged",), flag_details="why",
                                             postponements=1, last_synced=date(2026, 11, 14), sync_problem="odd"))
    contract.tracker.write(contract.id("enr-03"), first.model_dump())
    contract.tracker.write(contract.id("enr-03"), {"status": "On track", "flags": ()})
    assert owned_of(contract, "enr-03") == first.model_copy(update={"status": "On track", "flags": ()})


def test_canonical_values_are_already_canonical(contract):
    wanted = Owned(status="At risk", flags=("Under half of target, 2 weeks",), flag_details=LONG, sync_problem=LONG)
    once = contract.tracker.canonical(wanted)
    assert contract.tracker.canonical(once) == once


def test_a_write_then_a_read_from_a_cursor_returns_what_was_written(contract):
    contract.later()
    cursor = contract.tracker.read(None).cursor
    contract.tracker.write(contract.id("enr-04"), {"status": "At risk"})
    changed = contract.tracker.read(cursor)
    owned = {contract.sample_id(r.enrollment.id): r.owned for r in changed.enrollments}
    assert owned["enr-04"].status == "At risk"
