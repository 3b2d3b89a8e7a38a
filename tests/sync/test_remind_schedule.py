"""`certsync schedule`'s job without waiting: `run_every` with a reminder round, `next_round` as
its next reminder and a sleep that moves a fake clock (the scheduler's own clock included), so
days pass in a moment. Rounds run at the moments of the program's rhythm, across the October
clock change, and a round that fails does not stop the job."""

from __future__ import annotations

import datetime as dt
import types
from datetime import date, timedelta

import pytest
import schedule

from certsync.rules.policy import Policy, ReminderSettings
from certsync.sync.job import next_round, run_every
from certsync.sync.remind import run_reminders
from remind_builders import BERLIN, at, expected_at, memory_rhythm

SETTINGS, POLICY = ReminderSettings(), Policy()


class FakeClock:
    """An instant that only a sleep moves; the scheduler sees it as naive UTC."""

    def __init__(self, start: dt.datetime) -> None:
        self.t = start.astimezone(dt.UTC)
        self.slept = 0.0

    def sleep(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)
        self.slept += seconds

    def now(self) -> dt.datetime:
        return self.t.astimezone(BERLIN)


@pytest.fixture
def clock(monkeypatch):
    holder: list[FakeClock] = []

    class Now(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            t = holder[0].t
            return t.astimezone(tz) if tz else t.replace(tzinfo=None)

    monkeypatch.setattr(schedule, "datetime", types.SimpleNamespace(
        datetime=Now, timedelta=dt.timedelta, time=dt.time, date=dt.date))

    def make(start: dt.datetime) -> FakeClock:
        holder[:] = [FakeClock(start)]
        return holder[0]

    return make


def moments(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    found, moment = [], next_round(start, SETTINGS, POLICY)
    while moment <= end:
        found.append(moment)
        moment = next_round(moment, SETTINGS, POLICY)
    return found


def test_the_job_runs_a_round_at_start_and_at_each_moment_across_the_clock_change(clock):
    start = at(date(2026, 10, 22), 8)  # Thursday before the clocks go back on Sunday 25 Oct
    fake = clock(start)
    rounds, passes = [], []
    hours = 9 * 24
    ran = run_every(60, lambda: passes.append(fake.now()), passes=hours + 1, sleep=fake.sleep,
                    remind=lambda: rounds.append(fake.now()),
                    next_reminder=lambda now: next_round(now.astimezone(BERLIN), SETTINGS, POLICY), now=fake.now)
    assert ran == hours + 1 and fake.t >= start.astimezone(dt.UTC) + timedelta(hours=hours)
    due = moments(start, fake.now())
    assert rounds[0] == start  # what was still due while the job was down
    late = [(m, r) for m, r in zip(due, rounds[1:]) if not timedelta(0) <= r - m <= timedelta(minutes=1)]
    assert late == [] and len(rounds) == 1 + len(due)
    fridays = [r for r in rounds if r.weekday() == 4 and r.hour == 15]
    assert [(r.date(), r.strftime("%H:%M"), r.utcoffset()) for r in fridays] == [
        (date(2026, 10, 23), "15:00", timedelta(hours=2)), (date(2026, 10, 30), "15:00", timedelta(hours=1))]
    assert all(r.strftime("%H:%M") in ("09:00", "15:00") for r in rounds[1:])
    assert len(passes) == hours + 1


def test_a_failing_round_does_not_stop_the_job_and_the_next_moment_still_runs(clock):
    start = at(date(2026, 11, 19), 8)
    fake = clock(start)
    rounds = []

    def remind():
        rounds.append(fake.now())
        if len(rounds) == 2:
            raise RuntimeError("Notion is down")

    run_every(60, lambda: None, passes=2 * 24 + 3, sleep=fake.sleep, remind=remind,
              next_reminder=lambda now: next_round(now, SETTINGS, POLICY), now=fake.now)
    # The failed round is tried again at the next tick (the rules drop what no longer makes sense).
    assert [r.strftime("%a %H:%M") for r in rounds] == ["Thu 08:00", "Thu 09:00", "Thu 09:01", "Fri 09:00", "Fri 15:00",
                                                        "Sat 09:00"]


def test_the_job_sends_each_reminder_of_a_week_at_its_moment(clock, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    start = at(date(2026, 11, 16), 8)  # Monday of the week of Priya's mid-point practice exam
    fake = clock(start)
    r = memory_rhythm(tmp_path, start)
    config = r.config()
    sent: list[tuple[dt.datetime, str, str]] = []

    def one_round():
        r.move_to(fake.now())
        report = run_reminders(config, tracker=r.tracker, now=fake.now())
        sent.extend((fake.now(), s.reminder.enrollment_id, s.reminder.kind.value) for s in report.sent if s.posted)

    run_every(60, lambda: None, passes=7 * 24 + 3, sleep=fake.sleep, remind=one_round,
              next_reminder=lambda now: next_round(now, config.reminders, config.policy), now=fake.now)
    by_moment: dict[dt.datetime, set[tuple[str, str]]] = {}
    for when, eid, kind in sent:
        by_moment.setdefault(when, set()).add((eid, kind))
    expected = {m: expected_at(m, r.program) for m in moments(start, fake.now())}
    assert by_moment == {m: due for m, due in expected.items() if due}
    assert ("enr-01", "practice-exam") in by_moment[at(date(2026, 11, 23), 9)]
    assert len(sent) == len(set(sent))


@pytest.mark.parametrize("failing", ["post_comment", "read"])
def test_a_friday_round_that_fails_at_15_00_is_retried_while_the_update_still_makes_sense(clock, tmp_path, monkeypatch,
                                                                                           failing):
    from certsync.adapters.tracker import TrackerError

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    friday = date(2026, 11, 20)
    start = at(friday, 14)
    fake = clock(start)
    r = memory_rhythm(tmp_path, start)
    config = r.config()
    down_until = at(friday, 15, 10)

    def one_round():
        r.move_to(fake.now())
        if fake.now() < down_until:
            r.tracker.failures[failing] = TrackerError("memory: 503 service unavailable", status=503)
        else:
            r.tracker.failures.clear()
        return run_reminders(config, tracker=r.tracker, now=fake.now())  # its failures tell the job to retry

    run_every(60, lambda: None, passes=8, sleep=fake.sleep, remind=one_round,
              next_reminder=lambda now: next_round(now, config.reminders, config.policy), now=fake.now)
    assert fake.now() >= at(friday, 21)
    due = {eid for eid, kind in expected_at(at(friday, 15), r.program) if kind == "friday-update"}
    assert due
    got = {eid for eid in due if any(o.kind == "friday-update" for o in r.open_reminders(eid))}
    assert got == due


def test_a_program_with_every_reminder_switched_off_runs_no_reminder_rounds_after_the_first(clock):
    off = ReminderSettings(update=False, goals=False, practice_exam=False)
    assert next_round(at(date(2026, 11, 16), 8), off, POLICY) is None
    fake = clock(at(date(2026, 11, 16), 8))
    rounds = []
    run_every(60, lambda: None, passes=24, sleep=fake.sleep, remind=lambda: rounds.append(fake.now()),
              next_reminder=lambda now: next_round(now, off, POLICY), now=fake.now)
    assert len(rounds) <= 1


def test_certsync_schedule_gives_the_job_a_reminder_round_and_the_programs_next_moment(tracker, tmp_path, monkeypatch):
    from click.testing import CliRunner

    import certsync.sync.job as job
    from certsync.sync.cli import cli

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    given = {}

    def fake_run_every(minutes, one_pass, **options):
        given.update(options, minutes=minutes)
        options["remind"]()  # one round, now, on the sandbox
        return 0

    monkeypatch.setattr(job, "run_every", fake_run_every)
    result = CliRunner().invoke(cli, ["schedule", "-c", str(tracker.config_path), "--passes", "1"])
    assert result.exit_code == 0, result.output
    assert "reminders;" in result.output  # the round's summary
    assert given["minutes"] == tracker.config().sync.every_minutes
    thursday = at(date(2026, 10, 29), 16)
    assert given["next_reminder"](thursday) == at(date(2026, 10, 30), 9)
    assert given["next_reminder"](thursday.astimezone(dt.UTC)) == at(date(2026, 10, 30), 9)
    assert given["now"]().tzinfo is not None and given["now"]().utcoffset() in (timedelta(hours=1), timedelta(hours=2))
