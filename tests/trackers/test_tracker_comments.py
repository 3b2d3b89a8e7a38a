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


def manager_of(contract, sample_id):
    """The manager as the tracker reads them (with the tool's user id, when it has one)."""
    record = next(r for r in contract.tracker.read(None).enrollments if contract.sample_id(r.enrollment.id) == sample_id)
    return record.enrollment.manager


def test_a_posted_comment_mentions_the_person_given_when_the_tool_knows_them(contract):
    record = contract.id("enr-03")
    manager = manager_of(contract, "enr-03")
    posted = contract.tracker.post_comment(record, manager, "Sofia Alvarez is now At risk.", MARKER)
    if manager.id:
        assert contract.mentioned(record, posted) == [manager.id]
    else:
        assert contract.mentioned(record, posted) == []


def test_a_comment_never_mentions_certsyncs_own_user(contract):
    record = contract.id("enr-03")
    me = manager_of(contract, "enr-03").model_copy(update={"id": contract.own_user(), "name": "certsync"})
    posted = contract.tracker.post_comment(record, me, "Sofia Alvarez is now At risk.", MARKER)
    assert contract.mentioned(record, posted) == []


def test_a_very_long_comment_keeps_its_marker(contract):
    record = contract.id("enr-05")
    posted = contract.tracker.post_comment(record, GRACE, "Hannah Kim is now At risk. " + "why " * 1500, MARKER)
    assert [(c.id, c.marker) for c in contract.tracker.comments(record)] == [(posted, MARKER)]


def test_comments_beyond_one_page_are_all_listed(contract):
    record = contract.id("enr-06")
    posted = [contract.tracker.post_comment(record, None, f"note {i}", markers.line("alert", [f"{i:012x}"]))
              for i in range(105)]
    assert [c.id for c in contract.tracker.comments(record)] == posted
