"""Cohort sessions in a pass (issue 9), on the memory tracker: the sessions are read once per pass,
an engineer who missed the cohort's last two sessions gets the yellow flag written to the record,
and loses it once she attends, even when only the sessions changed (a settled pass is not settled
when the sessions changed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from certsync.rules.model import Session
from certsync.sync.sample_program import SAMPLE_TODAY

from pass_builders import MemorySample

PRIYA = "enr-01"  # on track, no flags, in the sample
COHORT = "Autumn cohort"
MISSED = "Missed the last two sessions"
REASON = "Not at the sessions of 12 and 19 Nov (Networking, Security)."


@pytest.fixture
def sample(tmp_path, monkeypatch):
    sample = MemorySample(tmp_path, monkeypatch)
    priya = sample.tracker.enrollments[PRIYA].enrollment
    sample.tracker.put_enrollment(priya.model_copy(update={"cohort": COHORT}))
    sample.tracker.session_rows[:] = [
        Session(id="s-1", day=date(2026, 11, 5), cohort=COHORT, topic="Storage", attendees=(PRIYA,)),
        Session(id="s-2", day=date(2026, 11, 12), cohort=COHORT, topic="Networking"),
        Session(id="s-3", day=date(2026, 11, 19), cohort=COHORT, topic="Security", attendees=("enr-02",)),
        Session(id="s-9", day=date(2026, 11, 19), cohort="Another cohort", topic="Security"),
    ]
    return sample


def priya(sample):
    return sample.tracker.enrollments[PRIYA].owned


def test_two_missed_sessions_write_the_flag_and_attending_clears_it(sample):
    report = sample.sync()
    assert report.exit_code == 0 and sample.calls_of("sessions") == 1
    owned = priya(sample)
    assert (owned.status, owned.flags) == ("Slightly behind", (MISSED,))
    assert owned.flag_details == f"{MISSED}: {REASON}"
    assert sample.total_alerts() == 5  # yellow: no alert for Priya (the sample's five red ones only)

    # The attendance of 19 Nov is corrected the same day: only the sessions changed.
    sessions = sample.tracker.session_rows
    sessions[2] = sessions[2].model_copy(update={"attendees": ("enr-02", PRIYA)})
    again = sample.sync()
    assert not again.unchanged
    assert (priya(sample).status, priya(sample).flags, priya(sample).flag_details) == ("On track", (), "")


def test_a_session_attended_later_clears_the_flag_on_a_later_day(sample):
    sample.sync()
    assert priya(sample).flags == (MISSED,)
    sample.tracker.session_rows.append(
        Session(id="s-4", day=date(2026, 11, 26), cohort=COHORT, topic="Review", attendees=(PRIYA,)))
    later = sample.sync(today=SAMPLE_TODAY + timedelta(days=7))
    assert later.exit_code == 0 and MISSED not in priya(sample).flags


def test_unchanged_sessions_leave_a_settled_pass_settled(sample):
    sample.sync()
    sample.sync()  # reads back its own writes
    settled = sample.sync()
    assert settled.unchanged and settled.requests == 2  # the sessions and the records, read once each
