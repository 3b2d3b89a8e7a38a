"""Safe to interrupt, safe under faults, one pass at a time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from certsync.adapters.notion.tracker import NotionTracker
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY

from test_sync_sample import EXPECTED, NEWLY_RED


def final_state(tracker):
    """Owned values and comment counts of every enrollment, as Notion holds them."""
    state = {}
    for sample_id in EXPECTED:
        p = tracker.page(sample_id)["properties"]
        state[sample_id] = (
            (p["Status"]["select"] or {}).get("name"),
            frozenset(o["name"] for o in p["Flags"]["multi_select"]),
            p["Postponements"]["number"],
            len(tracker.comments(sample_id)),
        )
    return state


def expected_state():
    return {sid: (status, frozenset(flags), {"enr-05": 2, "enr-10": 1, "enr-11": 1}.get(sid, 0),
                  1 if sid in NEWLY_RED else 0)
            for sid, (status, flags) in EXPECTED.items()}


class Died(BaseException):
    """Stands for the process dying: nothing in certsync catches it."""


class DiesAfter(NotionTracker):
    """The real adapter, dying right after its n-th successful write of the given kind."""

    def __init__(self, config, kind: str, n: int) -> None:
        super().__init__(config.notion, config.notion.token())
        self.kind, self.left = kind, n

    def _count(self, kind: str) -> None:
        if kind == self.kind:
            self.left -= 1
            if self.left == 0:
                raise Died()

    def write(self, page_id, changes):
        super().write(page_id, changes)
        self._count("page")

    def post_comment(self, page_id, manager, text, marker):
        super().post_comment(page_id, manager, text, marker)
        self._count("comment")


@pytest.mark.parametrize("kind,n", [("page", 3), ("page", 9), ("comment", 1), ("comment", 3)])
@pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
def test_a_pass_that_dies_between_writes_is_completed_by_the_next(tracker, kind, n, lose_state):
    config = tracker.config()
    with pytest.raises(Died):
        run_pass(config, today=SAMPLE_TODAY, tracker=DiesAfter(config, kind, n))
    if lose_state:
        config.state_path.unlink()
    tracker.sync()
    assert final_state(tracker) == expected_state()


def test_a_killed_process_is_completed_by_the_next_pass(tracker):
    slow = tracker.config_path.read_text().replace("requests_per_second = 1000", "requests_per_second = 25")
    tracker.config_path.write_text(slow)
    env = {**os.environ}
    command = [sys.executable, "-m", "certsync.sync", "sync", "-c", str(tracker.config_path),
               "--today", SAMPLE_TODAY.isoformat()]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and tracker.writes().get("PATCH /v1/pages/{page_id}", 0) < 4:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert 0 < tracker.writes().get("PATCH /v1/pages/{page_id}", 0) < len(EXPECTED)
    tracker.sync()
    assert final_state(tracker) == expected_state()


def test_passes_converge_through_rate_limits_errors_timeouts_and_drops(tracker):
    tracker.sandbox.set_faults("429=0.05,500=0.03,502=0.03,503=0.03,504=0.02,slow=0.02,drop=0.02", seed=7)
    config = tracker.config()
    for _ in range(6):
        report = run_pass(config, today=SAMPLE_TODAY,
                          tracker=NotionTracker(config.notion, config.notion.token(), timeout_seconds=0.5))
        if report.exit_code == 0:
            break
    tracker.sandbox.set_faults("", seed=0)
    assert report.exit_code == 0
    assert final_state(tracker) == expected_state()


def test_two_passes_at_once_one_runs_and_the_other_says_why_not(tracker):
    # Slow enough (about 5 s) that the second process starts while the first holds the lock, on a busy machine too.
    slow = tracker.config_path.read_text().replace("requests_per_second = 1000", "requests_per_second = 4")
    tracker.config_path.write_text(slow)
    command = [sys.executable, "-m", "certsync.sync", "sync", "-c", str(tracker.config_path),
               "--today", SAMPLE_TODAY.isoformat()]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    while first.poll() is None and not tracker.writes().get("PATCH /v1/pages/{page_id}"):
        time.sleep(0.02)
    second = subprocess.run(command, capture_output=True, text=True, timeout=60)
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert "another certsync pass is running on this tracker" in second.stderr
    assert final_state(tracker) == expected_state()


def test_records_not_written_are_listed_exit_1_and_the_next_pass_completes_them(tracker):
    tracker.sandbox.set_capabilities(update_content=False)
    report = tracker.sync()
    assert report.exit_code == 1
    assert len(report.failures) == len(EXPECTED)
    assert all("restricted_resource" in o.error or "403" in o.error for o in report.failures)
    assert "12 records not written (the next pass completes them)" in report.summary()
    tracker.sandbox.set_capabilities(update_content=True)
    assert tracker.sync().exit_code == 0
    assert final_state(tracker) == expected_state()


def test_the_scheduled_job_runs_passes_and_outlives_a_failing_one():
    import datetime

    import schedule

    from certsync.sync.job import run_every
    from certsync.sync.lock import Busy

    outcomes = iter([Busy("another pass"), RuntimeError("Notion is down"), None])
    ran = []

    def one_pass():
        ran.append(len(ran))
        outcome = next(outcomes)
        if outcome is not None:
            raise outcome

    scheduler = schedule.Scheduler()
    waits = []

    def sleep(seconds):  # time flies: the next pass is due at once
        waits.append(seconds)
        for job in scheduler.jobs:
            job.next_run = datetime.datetime.now() - datetime.timedelta(seconds=1)

    assert run_every(60, one_pass, passes=3, sleep=sleep, scheduler=scheduler) == 3
    assert ran == [0, 1, 2]
    assert waits and all(1.0 <= w <= 60.0 for w in waits)


def test_comments_of_a_pass_whose_page_writes_failed_are_not_repeated_once_the_state_is_lost(tracker):
    tracker.sandbox.set_capabilities(update_content=False)  # pages cannot be written; comments can
    assert tracker.sync().exit_code == 1
    tracker.sandbox.set_capabilities(update_content=True)
    tracker.config().state_path.unlink()
    assert tracker.sync().exit_code == 0
    assert final_state(tracker) == expected_state()
