"""Reminders through a 10-week program, on the memory tracker and on the Notion sandbox: "now"
steps through every moment `next_round` gives (the sandbox clock moved with it) and a round runs
at each, while the engineers submit their check-ins as the weeks go by.

Each reminder goes at its moment, once, to the right person: Friday 15:00 only to engineers whose
week has no check-in yet; Monday 09:00 with that week's three deliverables (Sofia's personal row
over her certification's in her week 8); 09:00 on the eve of Priya's practice exams. None for the
certified Elena, the opted-out Jonas, Ravi before his study start, Daniel after his exam. A record
holds at most one open reminder of each kind: the previous one goes when the next is posted.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from certsync.sync.job import next_round
from remind_builders import (BERLIN, CERTIFIED, KINDS, OPTED_OUT, at, check_text, expected_at, rhythm,  # noqa: F401
                             submitted_at)

FIRST_MONDAY = date(2026, 9, 28)  # week 1 of Marcus, Hannah, Liam, Mei and Elena
START = at(FIRST_MONDAY - timedelta(days=1), 12)  # Sunday noon before the program's first week
END = at(FIRST_MONDAY + timedelta(weeks=10), 23, 59)  # Monday 7 Dec: ten weeks and the next Monday


def walk(r):
    """Run a round at every moment next_round gives from START to END; returns
    [(moment, {(enrollment, kind): Sent})] and what went wrong along the way."""
    config = r.config()
    rounds, wrong = [], []
    last_open: dict[tuple[str, str], str] = {}  # (enrollment, kind) -> marker of the latest one sent
    moment = next_round(START, config.reminders, config.policy)
    while moment is not None and moment <= END:
        r.move_to(moment)
        report = r.round(config)
        assert report.exit_code == 0, report.lines()
        posted = {}
        for s in report.sent:
            assert not s.nobody and not s.error, s
            if s.posted:
                posted[(r.sid(s.reminder.enrollment_id), s.reminder.kind.value)] = s
        rounds.append((moment, posted))
        for (eid, kind), s in posted.items():
            enrollment = next(e for e in r.program.enrollments if e.id == eid)
            wrong += check_text(enrollment, kind, s.reminder.text, moment)
            if s.reminder.moment != moment:
                wrong.append(f"{eid} {kind}: sent at {moment} for the moment {s.reminder.moment}")
        for e in r.program.enrollments:
            opened = r.open_reminders(e.id)
            for kind, n in Counter(o.kind for o in opened).items():
                if n > 1:
                    wrong.append(f"{moment:%a %d %b %H:%M}: {e.id} holds {n} open {kind} reminders")
            for o in opened:
                if o.mention != r.person_id(e):
                    wrong.append(f"{e.id} {o.kind}: mentions {o.mention}, not {e.engineer.name}")
            for kind in KINDS:
                if (e.id, kind) in posted:
                    marker = next((o.marker for o in opened if o.kind == kind), None)
                    if marker is None or marker == last_open.get((e.id, kind)):
                        wrong.append(f"{moment:%a %d %b}: {e.id}'s new {kind} reminder is not the open one")
                    last_open[(e.id, kind)] = marker
        moment = next_round(moment, config.reminders, config.policy)
    return rounds, wrong


def test_every_reminder_of_a_ten_week_program_goes_at_its_moment_once_to_the_right_people(rhythm):
    r = rhythm(START)
    rounds, wrong = walk(r)
    assert wrong == []
    sent_at = {moment: set(posted) for moment, posted in rounds}
    expected = {moment: expected_at(moment, r.program) for moment, _ in rounds}
    assert {m: s for m, s in sent_at.items() if s != expected[m]} == {}
    occasions = Counter((eid, s.reminder.occasion) for _, posted in rounds for (eid, _), s in posted.items())
    assert [o for o, n in occasions.items() if n > 1] == []
    assert len(rounds) >= 70  # every day's 09:00 and each Friday's 15:00, for ten weeks
    everyone = {eid for _, posted in rounds for eid, _ in posted}
    assert CERTIFIED not in everyone and OPTED_OUT not in everyone
    # Ravi starts on Monday 30 Nov: nothing before; Daniel's exam was on Saturday 5 Dec: nothing after.
    assert min(m for m, p in rounds for eid, _ in p if eid == "enr-12") == at(date(2026, 11, 30), 9)
    assert max(m for m, p in rounds for eid, _ in p if eid == "enr-04") == at(date(2026, 12, 4), 15)
    # Priya's practice exams on Tue 24 Nov and Sat 5 Dec: 09:00 the day before each.
    assert [m for m, p in rounds if ("enr-01", "practice-exam") in p] == [at(date(2026, 11, 23), 9),
                                                                          at(date(2026, 12, 4), 9)]
    # Sofia's week 8 (from 30 Nov) is her own row; every other Monday is her certification's.
    assert "Catch up on storage accounts" in rounds_text(rounds, "enr-03", "monday-goals", at(date(2026, 11, 30), 9))
    # At the end every record holds at most one reminder of each kind, the last one sent.
    for e in r.program.enrollments:
        kinds = Counter(o.kind for o in r.open_reminders(e.id))
        assert all(n == 1 for n in kinds.values()), (e.id, kinds)
        assert set(kinds) == {kind for _, p in rounds for eid, kind in p if eid == e.id}


def rounds_text(rounds, eid, kind, moment) -> str:
    return next(p[(eid, kind)].reminder.text for m, p in rounds if m == moment)


def test_a_friday_update_goes_only_to_engineers_whose_week_has_no_check_in_yet(rhythm):
    friday = at(date(2026, 11, 13), 15)
    r = rhythm(friday - timedelta(hours=1))
    r.move_to(friday)
    sent = set(r.sent(r.round(), "friday-update"))
    reported = {c.enrollment_id for c in r.program.check_ins
                if submitted_at(c) <= friday and c.week_of >= date(2026, 11, 9)}
    assert reported and sent and not sent & reported
    assert sent == {eid for eid, kind in expected_at(friday, r.program) if kind == "friday-update"}


def test_a_job_down_over_friday_15_00_sends_the_update_at_16_00_but_not_on_saturday(rhythm):
    friday = date(2026, 11, 20)
    r = rhythm(at(friday, 9))
    assert {s.reminder.kind.value for s in r.round().sent} <= {"practice-exam", "monday-goals"}  # up at 09:00
    r.move_to(at(friday, 16))  # down from 14:00 to 16:00
    late = r.sent(r.round(), "friday-update", posted=False)
    expected = {eid for eid, kind in expected_at(at(friday, 15), r.program) if kind == "friday-update"}
    assert set(late) == expected and all(s.posted for s in late.values())
    assert all(s.reminder.moment == at(friday, 15) for s in late.values())
    assert all(sum(o.kind == "friday-update" for o in r.open_reminders(eid)) == 1 for eid in expected)


def test_a_first_round_on_saturday_sends_no_friday_update(rhythm):
    saturday = at(date(2026, 11, 21), 9)
    r = rhythm(saturday)
    report = r.round()
    assert [s for s in report.sent if s.reminder.kind.value == "friday-update"] == []
    assert all(not r.open_reminders(e.id) for e in r.program.enrollments)


def test_fridays_update_goes_at_15_00_local_on_both_sides_of_the_october_clock_change(rhythm):
    r = rhythm(at(date(2026, 10, 23), 12))
    config = r.config()
    for friday, utc_offset in ((date(2026, 10, 23), 2), (date(2026, 10, 30), 1)):
        moment = next_round(at(friday, 12), config.reminders, config.policy)
        assert moment == at(friday, 15) and moment.utcoffset() == timedelta(hours=utc_offset)
        r.move_to(at(friday, 14, 59))
        assert [s for s in r.round(config).sent if s.reminder.kind.value == "friday-update"] == []
        r.move_to(moment)
        sent = r.sent(r.round(config), "friday-update")
        assert sent and {s.reminder.moment for s in sent.values()} == {moment}
        assert {s.reminder.moment.utcoffset() for s in sent.values()} == {timedelta(hours=utc_offset)}
        assert set(sent) == {
            eid for eid, kind in expected_at(moment, r.program) if kind == "friday-update"}


def test_a_state_file_lost_before_every_round_of_a_week_sends_nothing_twice(rhythm):
    from pass_builders import delete_state

    start = at(date(2026, 11, 13), 12)
    r = rhythm(start)
    config = r.config()
    sent, moment = [], next_round(start, config.reminders, config.policy)
    while moment <= at(date(2026, 11, 23), 9):
        r.move_to(moment)
        delete_state(config)
        report = r.round(config)
        assert report.exit_code == 0
        posted = [(r.sid(s.reminder.enrollment_id), s.reminder.kind.value, s.reminder.occasion)
                  for s in report.sent if s.posted]
        assert {(eid, kind) for eid, kind, _ in posted} == expected_at(moment, r.program)
        sent += posted
        moment = next_round(moment, config.reminders, config.policy)
    assert len(sent) == len(set(sent)) and len(sent) >= 10
    for e in r.program.enrollments:
        kinds = Counter(o.kind for o in r.open_reminders(e.id))
        assert all(n == 1 for n in kinds.values()), (e.id, kinds)


LATE = {  # kind: (its moment, a late round still inside its window, the first round after it closed)
    "monday-goals": (at(date(2026, 11, 23), 9), at(date(2026, 11, 23), 20), at(date(2026, 11, 24), 9)),
    "practice-exam": (at(date(2026, 11, 23), 9), at(date(2026, 11, 23), 23, 30), at(date(2026, 11, 24), 0, 5)),
    "friday-update": (at(date(2026, 11, 20), 15), at(date(2026, 11, 20), 17, 30), at(date(2026, 11, 21), 0, 15)),
}


@pytest.mark.parametrize("kind", list(LATE))
def test_a_reminder_missed_while_the_job_was_down_goes_late_only_inside_its_window(rhythm, kind):
    moment, late, stale = LATE[kind]
    r = rhythm(moment - timedelta(hours=1))
    expected = {eid for eid, k in expected_at(moment, r.program) if k == kind}
    assert expected
    r.move_to(late)
    sent = r.sent(r.round(), kind)
    assert set(sent) == expected and all(s.reminder.moment == moment for s in sent.values())


@pytest.mark.parametrize("kind", list(LATE))
def test_a_reminder_whose_window_closed_while_the_job_was_down_is_never_sent(rhythm, kind):
    moment, late, stale = LATE[kind]
    r = rhythm(stale)
    assert r.sent(r.round(), kind) == {}
    assert all(not [o for o in r.open_reminders(e.id) if o.kind == kind] for e in r.program.enrollments)
