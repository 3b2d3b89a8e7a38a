"""`certsync demo`: the sample program as a real tracker in the sandbox, synced once.

Everything a team would do, through the public API with the tool's real SDK: create the
reference template, `provision` it, fill in the program, and run a pass as of the sample date.
Nothing is left running; the state file lives in a temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from datetime import datetime, time, timedelta

from certsync.adapters.registry import open_tracker, sample
from certsync.rules.policy import Policy, ReminderSettings
from certsync.rules.reminders import Reminder, due_reminders
from certsync.sync.job import next_round
from certsync.config import load_config
from certsync.sandbox import Sandbox
from certsync.sync.report import PassReport
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

DEMO_TOKEN_ENV = "CERTSYNC_DEMO_TOKEN"

CONFIG = """\
[program]
name = "{name}"
timezone = "Europe/Berlin"

{section}
[sync]
state = "state.sqlite"
"""


def write_config(folder: Path, name: str, section: str) -> Path:
    path = folder / "certsync.toml"
    path.write_text(CONFIG.format(name=name, section=section))
    return path


def run_demo(folder: Path | None = None, kind: str = "notion") -> PassReport:
    program = sample_program()
    with tempfile.TemporaryDirectory(prefix="certsync-demo-") as scratch, \
            Sandbox(rate_limit=0).start() as sandbox:
        where = Path(folder or scratch)
        os.environ[DEMO_TOKEN_ENV] = sandbox.token
        built = sample(kind, sandbox, program, DEMO_TOKEN_ENV)
        try:
            config = load_config(write_config(where, program.name, built.section()))
            tracker = open_tracker(config, kind)
            tracker.provision()
            built.fill()
            return run_pass(config, today=SAMPLE_TODAY, tracker=tracker)
        finally:
            built.close()


def week_of_reminders(program, zone_name: str = "Europe/Berlin") -> list[tuple[datetime, Reminder]]:
    """The reminders the sample program gets in the week of SAMPLE_TODAY, at their moments (each
    reminder once, at the first moment of its window), computed by the rules alone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(zone_name)
    policy, settings = Policy(), ReminderSettings()
    monday = SAMPLE_TODAY - timedelta(days=SAMPLE_TODAY.weekday())
    start = datetime.combine(monday, time(0), tzinfo=zone)
    seen: set[tuple[str, str]] = set()
    found = []
    moment = start
    while moment < start + timedelta(days=7):
        for reminder in due_reminders(program.enrollments, program.check_ins, program.study_plan, moment,
                                      policy=policy, settings=settings):
            if (reminder.enrollment_id, reminder.occasion) not in seen:
                seen.add((reminder.enrollment_id, reminder.occasion))
                found.append((reminder.moment, reminder))
        moment = next_round(moment, settings, policy) or start + timedelta(days=7)
    return found
