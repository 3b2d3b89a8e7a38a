"""A lost state file (deleted, or a new machine): reminders still go once, and the previous
reminder of a kind is still removed when the next one goes, whenever that is."""

from __future__ import annotations

from collections import Counter
from datetime import date


from certsync.rules.model import CheckIn
from pass_builders import delete_state
from remind_builders import at, rhythm  # noqa: F401


def test_a_round_after_the_state_was_lost_removes_the_previous_reminder_of_the_record_it_sends_to(rhythm):
    r = rhythm(at(date(2026, 11, 13), 14))
    r.move_to(at(date(2026, 11, 13), 15))
    assert "enr-03" in r.sent(r.round())
    delete_state(r.config())
    r.move_to(at(date(2026, 11, 20), 15))
    sent = r.sent(r.round())
    assert "enr-03" in sent and sent["enr-03"].removed == 1
    assert Counter(o.kind for o in r.open_reminders("enr-03")) == {"friday-update": 1}


def test_the_previous_reminder_is_removed_even_when_the_first_round_after_a_lost_state_had_none_for_the_record(rhythm):
    r = rhythm(at(date(2026, 11, 13), 14))
    r.move_to(at(date(2026, 11, 13), 15))
    assert "enr-03" in r.sent(r.round())  # Sofia has not reported the week of 9 Nov yet
    delete_state(r.config())
    r.move_to(at(date(2026, 11, 19), 20))
    r.submit(CheckIn(id="ci-03-late", enrollment_id="enr-03", week_of=date(2026, 11, 19), hours=6))
    r.move_to(at(date(2026, 11, 20), 15))
    assert "enr-03" not in r.sent(r.round())  # she reported the week of 16 Nov on Thursday
    r.move_to(at(date(2026, 11, 27), 15))
    assert "enr-03" in r.sent(r.round())
    assert Counter(o.kind for o in r.open_reminders("enr-03")) == {"friday-update": 1}
