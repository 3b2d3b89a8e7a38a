"""Contract: one tracker has one key, whatever form of its ids the config gives; what the
adapter learned is remembered and saves requests on the next pass."""

from __future__ import annotations

import pytest


def test_the_key_is_stable_across_reads(contract):
    before = contract.tracker.key
    contract.tracker.read(None)
    assert contract.tracker.key == before
    assert contract.fresh().key == before


def test_the_key_is_the_same_whatever_form_the_config_names_the_tracker_in(contract):
    forms = contract.other_forms()
    if not forms:
        pytest.skip(f"the {contract.kind} tracker has one form of id")
    for form, make in forms:
        other = make()
        try:
            assert other.key == contract.tracker.key, form
        finally:
            other.close()


def test_what_a_tracker_named_by_database_remembered_saves_requests_on_the_next_read(contract):
    forms = dict(contract.other_forms())
    if "database ids" not in forms:
        pytest.skip(f"the {contract.kind} tracker has no id that needs resolving")
    make = forms["database ids"]
    first = make()
    cold = first.requests
    first.read(None)
    cold = first.requests - cold
    warm = make()
    warm.restore(first.remember())
    before = warm.requests
    warm.read(None)
    spent = warm.requests - before
    first.close()
    warm.close()
    assert spent < cold


def test_a_tracker_restored_from_what_another_remembered_makes_no_more_requests(contract):
    learned = contract.tracker
    learned.read(None)
    remembered = learned.remember()
    cold, warm = contract.fresh(), contract.fresh()
    warm.restore(remembered)
    counts = []
    for tracker in (cold, warm):
        before = tracker.requests
        tracker.read(None)
        counts.append(tracker.requests - before)
    assert counts[1] <= counts[0]
    assert warm.remember() == remembered


def test_what_is_remembered_and_the_cursor_survive_json(contract):
    import json

    snapshot = contract.tracker.read(None)
    remembered = contract.tracker.remember()
    assert json.loads(json.dumps(remembered)) == remembered
    assert isinstance(snapshot.cursor, str)
    again = contract.fresh()
    again.restore(json.loads(json.dumps(remembered)))
    assert len(again.read(json.loads(json.dumps(snapshot.cursor))).enrollments) <= 12
