"""The scheduled job: a pass every `[sync] every_minutes`, and a reminder round and a review round
at each moment the program's rhythm sets, for as long as the process runs.

`schedule` drives the ticks; *which* reminders are due is the rules' pure function of the program
and the time (rules/reminders.py), and *when* a round is next due is `next_round` (reminders) and `next_review` below, on the
program's wall clock, so Friday's 15:00 stays 15:00 local across a daylight-saving change. A pass
or round that fails, or finds another one running, is logged and the job carries on; the next one
completes whatever was left.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time as clock_time, timedelta

import schedule

from certsync.rules.policy import Policy, ReminderSettings
from certsync.rules.review_periods import ReviewKind, ReviewSettings, review_due
from certsync.sync.lock import Busy

log = logging.getLogger("certsync.job")


def reminder_moments(day: datetime, settings: ReminderSettings, policy: Policy) -> list[datetime]:
    """The moments on `day`'s date (in its zone) at which some reminder may become due."""
    zone, date = day.tzinfo, day.date()
    moments = []
    update_day = int(policy.checkin_deadline if settings.update_day is None else settings.update_day)
    if settings.update and date.weekday() == update_day:
        moments.append(datetime.combine(date, settings.update_at, tzinfo=zone))
    if settings.goals and date.weekday() == int(settings.goals_day):
        moments.append(datetime.combine(date, settings.goals_at, tzinfo=zone))
    if settings.practice_exam:  # any day can be the eve of someone's practice exam
        moments.append(datetime.combine(date, settings.practice_exam_at, tzinfo=zone))
    return sorted(moments)


def next_round(now: datetime, settings: ReminderSettings, policy: Policy) -> datetime | None:
    """The first moment after `now` (an aware time in the program's zone) at which a reminder
    round is due, or None when every kind is switched off."""
    for days in range(8):
        for moment in reminder_moments(now + timedelta(days=days), settings, policy):
            if moment > now:
                return moment
    return None


def next_review(now: datetime, settings: ReviewSettings, policy: Policy,
                kinds: Sequence[str] = tuple(ReviewKind)) -> datetime:
    """The first moment after `now` (aware, in the program's zone) at which a review of `kinds`
    is due: the posting moment that begins its next period."""
    for days in range(0, 100):
        end_of_day = datetime.combine((now + timedelta(days=days)).date(), clock_time(23, 59, 59), tzinfo=now.tzinfo)
        moments = [review_due(kind, end_of_day, policy, settings).posts_at for kind in kinds]
        later = [m for m in moments if now < m <= end_of_day]
        if later:
            return min(later)
    raise AssertionError("every review kind is due at least once a quarter")


@dataclass(frozen=True)
class Round:
    """Work the job does at moments of the program's rhythm: now (to do what is still due after
    the job was down), then at each moment `next_moment` gives after the last one ran."""

    name: str
    work: Callable[[], object]
    next_moment: Callable[[datetime], datetime | None]


def _guarded(what: str, work: Callable[[], object]) -> bool:
    """Run `work`; False when it failed or did not run (a report with failures counts as failed)."""
    try:
        outcome = work()
    except Busy as busy:
        log.warning("%s skipped: %s", what, busy)
        return False
    except Exception as error:  # the job outlives a bad pass; the next one retries
        log.error("%s failed: %s: %s", what, type(error).__name__, error)
        return False
    return not getattr(outcome, "failures", None)


def run_every(minutes: int, one_pass: Callable[[], object], *, passes: int | None = None,
              sleep: Callable[[float], None] = time.sleep, scheduler: schedule.Scheduler | None = None,
              remind: Callable[[], object] | None = None,
              next_reminder: Callable[[datetime], datetime | None] | None = None,
              now: Callable[[], datetime] | None = None, rounds: Sequence[Round] = ()) -> int:
    """Run `one_pass` now and then every `minutes`; each of `rounds` (and, with `remind`, a
    reminder round) now and then at each of its moments. A round that fails is retried a minute
    later (the rules drop what no longer makes sense). Stops after `passes` passes if given.
    Returns how many passes ran."""
    done = 0
    clock = now or (lambda: datetime.now().astimezone())
    if remind is not None and next_reminder is not None:
        rounds = (Round("reminder round", remind, next_reminder), *rounds)

    def job() -> None:
        nonlocal done
        done += 1
        _guarded("pass", one_pass)

    due: list[datetime | None] = [clock() for _ in rounds]  # None: never due again (every kind is off)

    def tick() -> None:
        for n, each in enumerate(rounds):
            moment = clock()
            if due[n] is None or moment < due[n]:
                continue
            if _guarded(each.name, each.work):
                due[n] = each.next_moment(moment)
            else:
                due[n] = moment + timedelta(minutes=1)

    scheduler = scheduler or schedule.Scheduler()
    scheduler.every(minutes).minutes.do(job)
    if rounds:
        scheduler.every(1).minutes.do(tick)
    job()
    tick()
    while passes is None or done < passes:
        sleep(max(1.0, min(60.0, scheduler.idle_seconds or 1.0)))
        scheduler.run_pending()
    return done
