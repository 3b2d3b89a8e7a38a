"""Contract: certsync lists, posts and removes its own comments, and only its own."""

from __future__ import annotations

from certsync.adapters import markers
from certsync.sync.sample_program import GRACE

MARKER = markers.line("alert", ["a1b2c3d4e5f6"])


def test_a_persons_comment_carrying_a_marker_is_not_listed(contract):
    contract.add_person_comment("enr-03", f"Copied from the last alert:\n{MARKER}")
    assert contract.tracker.comments(contract.id("enr-03")) == []


def test_a_posted_comment_is_listed_as_an_alert_with_its_marker(contract):
    record = contract.id("enr-03")
    posted = contract.tracker.post_comment(record, GRACE, "Sofia Alvarez is now At risk.", MARKER)
    listed = contract.tracker.comments(record)
    assert [(c.id, c.kind, c.marker) for c in listed] == [(posted, "alert", MARKER)]


def test_a_removed_comment_is_no_longer_listed_and_removing_it_again_is_fine(contract):
    record = contract.id("enr-04")
    kept = contract.tracker.post_comment(record, GRACE, "kept", markers.line("alert", ["0000aaaa1111"]))
    gone = contract.tracker.post_comment(record, GRACE, "removed", MARKER)
    contract.tracker.remove_comment(record, gone)
    assert [c.id for c in contract.tracker.comments(record)] == [kept]
    contract.tracker.remove_comment(record, gone)
    assert [c.id for c in contract.tracker.comments(record)] == [kept]
