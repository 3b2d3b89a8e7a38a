"""One pass per tracker: two configs with different state files on one tracker share its lock,
and whichever order they run in, each red enrollment gets one alert."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from certsync.sync.lock import Busy
from pass_builders import RED, MemorySample, alerted_once_each, write_config

BUSY = "another certsync pass is running on this tracker"


@pytest.fixture
def sample(tmp_path, monkeypatch):
    return MemorySample(tmp_path, monkeypatch)


def two_configs(sample):
    first = write_config(sample.folder, "first.toml", state="first/state.sqlite")
    second = write_config(sample.folder, "second.toml", state="second/state.sqlite")
    return sample.config(first), sample.config(second)


def test_two_state_files_one_after_the_other_post_each_alert_once(sample):
    first, second = two_configs(sample)
    assert sample.sync(first).comments == len(RED)
    assert sample.sync(second).comments == 0
    assert sample.total_alerts() == len(RED) and alerted_once_each(sample) == {}


def test_a_second_pass_on_the_same_tracker_while_one_runs_is_refused(sample):
    first, second = two_configs(sample)
    reading, refused = threading.Event(), threading.Event()

    def hold(operation, when):
        if operation == "read" and when == "after" and not reading.is_set():
            reading.set()
            refused.wait(10)

    sample.tracker.on_call = hold
    outcome = {}
    runner = threading.Thread(target=lambda: outcome.setdefault("first", sample.sync(first)))
    runner.start()
    assert reading.wait(10)
    try:
        with pytest.raises(Busy, match=BUSY):
            sample.sync(second)
    finally:
        refused.set()
        runner.join(10)
    assert outcome["first"].comments == len(RED)
    assert sample.sync(second).comments == 0
    assert sample.total_alerts() == len(RED) and alerted_once_each(sample) == {}


def test_two_state_files_in_threads_at_once_post_each_alert_once(sample):
    first, second = two_configs(sample)
    start = threading.Barrier(2)
    results: list = []

    def one(config):
        start.wait(5)
        try:
            results.append(sample.sync(config))
        except Busy as error:
            results.append(error)

    threads = [threading.Thread(target=one, args=(c,)) for c in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(results) == 2
    assert sample.total_alerts() == len(RED) and alerted_once_each(sample) == {}


# --- the same on Notion, with real processes ------------------------------------------------------

def notion_configs(tracker, requests_per_second=1000):
    """Two configs on the template, each with its own state file (slowed down to overlap)."""
    text = tracker.config_path.read_text().replace("requests_per_second = 1000",
                                                   f"requests_per_second = {requests_per_second}")
    paths = []
    for name in ("first", "second"):
        path = tracker.config_path.with_name(f"{name}.toml")
        path.write_text(text.replace('state = "state.sqlite"', f'state = "{name}/state.sqlite"'))
        paths.append(path)
    return paths


def notion_alerts(tracker):
    return sum(len(tracker.comments(sample_id)) for sample_id in tracker.pages if sample_id.startswith("enr-"))


def test_notion_two_state_files_one_after_the_other_post_each_alert_once(tracker, tmp_path, monkeypatch):
    from certsync.config import load_config
    from certsync.sync.run import run_pass
    from certsync.sync.sample_program import SAMPLE_TODAY

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    first, second = notion_configs(tracker)
    assert run_pass(load_config(first), today=SAMPLE_TODAY).comments == len(RED)
    assert run_pass(load_config(second), today=SAMPLE_TODAY).comments == 0
    assert notion_alerts(tracker) == len(RED)


@pytest.mark.slow
def test_notion_two_sync_processes_started_together_one_runs_the_other_says_why_not(tracker, tmp_path, monkeypatch):
    from certsync.sync.sample_program import SAMPLE_TODAY

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    commands = [[sys.executable, "-m", "certsync.sync", "sync", "-c", str(path), "--today", SAMPLE_TODAY.isoformat()]
                for path in notion_configs(tracker, requests_per_second=10)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    finished = [p.communicate(timeout=60) + (p.returncode,) for p in procs]
    codes = sorted(code for _, _, code in finished)
    assert codes == [0, 1], finished
    loser = next(err for _, err, code in finished if code == 1)
    assert BUSY in loser and "Traceback" not in loser
    assert notion_alerts(tracker) == len(RED)
    refused = commands[[code for *_, code in finished].index(1)]
    rerun = subprocess.run(refused, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert notion_alerts(tracker) == len(RED)


def test_notion_configs_naming_the_tracker_by_database_or_data_source_share_one_lock(tracker, tmp_path, monkeypatch):
    from certsync.adapters.registry import open_tracker
    from certsync.config import load_config
    from certsync.sync.lock import TrackerLock
    from certsync.sync.run import run_pass
    from certsync.sync.sample_program import SAMPLE_TODAY

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    by_source, by_database = notion_configs(tracker)
    template = tracker.template
    by_database.write_text(by_database.read_text().replace(template.enrollments, template.enrollments_database)
                           .replace(template.check_ins, template.check_ins_database))
    with TrackerLock(open_tracker(load_config(by_source), "notion").key):
        with pytest.raises(Busy, match=BUSY):
            run_pass(load_config(by_database), today=SAMPLE_TODAY)
    assert run_pass(load_config(by_database), today=SAMPLE_TODAY).comments == len(RED)
    assert run_pass(load_config(by_source), today=SAMPLE_TODAY).comments == 0
    assert notion_alerts(tracker) == len(RED)


def test_a_pass_on_another_machine_that_ends_while_this_one_plans_brings_no_duplicate(sample, monkeypatch):
    here, there = two_configs(sample)

    def other_machine_runs_after_our_read(operation, when):
        if operation == "read" and when == "after":
            sample.tracker.on_call = None
            monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(sample.folder / "other-machine-locks"))
            assert sample.sync(there).comments == len(RED)

    sample.tracker.on_call = other_machine_runs_after_our_read
    sample.sync(here)
    assert alerted_once_each(sample) == {}
