"""The scheduled job: a pass every `[sync] every_minutes`, for as long as the process runs.

A pass that fails, or finds another pass running, is reported and the job carries on; the next
pass completes whatever was left.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import schedule

from certsync.sync.lock import Busy

log = logging.getLogger("certsync.job")


def run_every(minutes: int, one_pass: Callable[[], object], *, passes: int | None = None,
              sleep: Callable[[float], None] = time.sleep, scheduler: schedule.Scheduler | None = None) -> int:
    """Run `one_pass` now and then every `minutes`; stop after `passes` passes if given.
    Returns how many passes ran."""
    done = 0

    def job() -> None:
        nonlocal done
        done += 1
        try:
            one_pass()
        except Busy as busy:
            log.warning("skipped: %s", busy)
        except Exception as error:  # the job outlives a bad pass; the next one retries
            log.error("pass failed: %s: %s", type(error).__name__, error)

    scheduler = scheduler or schedule.Scheduler()
    scheduler.every(minutes).minutes.do(job)
    job()
    while passes is None or done < passes:
        sleep(max(1.0, min(60.0, scheduler.idle_seconds or 1.0)))
        scheduler.run_pending()
    return done
