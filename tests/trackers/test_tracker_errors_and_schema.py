"""Contract: errors in the tool's words, a deleted record told apart, and the owned fields
checked and provisioned."""

from __future__ import annotations

import pytest


def test_a_write_to_a_deleted_record_is_described_with_its_status_and_is_gone(contract):
    record = contract.id("enr-06")
    contract.delete("enr-06")
    with pytest.raises(Exception) as caught:
        contract.tracker.write(record, {"status": "At risk"})
    error = caught.value
    assert contract.tracker.is_gone(error)
    assert getattr(error, "status", None) in (400, 404)
    assert str(error.status) in contract.tracker.describe(error)


def test_an_error_that_is_not_about_a_deleted_record_is_not_gone(contract):
    from certsync.adapters.tracker import TrackerError

    assert not contract.tracker.is_gone(TrackerError("forbidden", status=403))
    assert not contract.tracker.is_gone(RuntimeError("boom"))


def test_check_finds_nothing_wrong_with_the_provisioned_template(contract):
    assert contract.tracker.check() == []


def test_check_names_a_missing_owned_field_and_provision_adds_it_back(contract):
    contract.remove_owned_field("sync_problem")
    tracker = contract.fresh()
    problems = tracker.check()
    assert problems and any("Sync problem" in p or "sync_problem" in p for p in problems), problems
    report = tracker.provision()
    assert any("Sync problem" in c or "sync_problem" in c for c in report.changes), report
    assert contract.fresh().check() == []


def test_a_comment_on_a_deleted_record_fails_as_gone(contract):
    from certsync.adapters import markers

    record = contract.id("enr-02")
    contract.delete("enr-02")
    with pytest.raises(Exception) as caught:
        contract.tracker.post_comment(record, None, "Marcus Webb is now At risk.",
                                      markers.line("alert", ["a1b2c3d4e5f6"]))
    assert contract.tracker.is_gone(caught.value)


def test_provision_as_a_dry_run_says_what_it_would_add_and_adds_nothing(contract):
    contract.remove_owned_field("sync_problem")
    tracker = contract.fresh()
    report = tracker.provision(dry_run=True)
    assert any("Sync problem" in c or "sync_problem" in c for c in report.changes), report
    assert any("Sync problem" in p or "sync_problem" in p for p in contract.fresh().check())


def test_provision_on_the_provisioned_template_adds_nothing(contract):
    assert contract.tracker.provision().changes == []
    assert contract.tracker.check() == []
