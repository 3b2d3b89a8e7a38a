"""Builders for tests of the pass's promises on the in-memory tracker (fast: no HTTP).

`MemorySample` is the sample program in a MemoryTracker with a config file in a temporary
folder; `kill_at` makes the tracker die at one point of one call, as a killed process would.
"""

from __future__ import annotations

from pathlib import Path

from certsync.adapters.memory import MemoryTracker
from certsync.config import load_config
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

RED = ("enr-02", "enr-03", "enr-04", "enr-05", "enr-06")  # the sample's At risk enrollments
POINTS = ("before", "after")  # "after": the tool applied the call, its reply was lost


class Killed(BaseException):
    """Stands for the process dying: nothing in certsync catches it."""


def write_config(folder: Path, name: str = "certsync.toml", state: str = "state.sqlite") -> Path:
    path = folder / name
    path.write_text(f"""
[program]
name = "Sample"
timezone = "Europe/Berlin"
[notion]
enrollments = "11111111111111111111111111111111"
check_ins = "22222222222222222222222222222222"
[sync]
state = "{state}"
""")
    return path


def kill_at(tracker: MemoryTracker, n: int, point: str, error=None) -> None:
    """The memory tracker dies at its n-th call from now, before the call reaches the tool or
    after it was applied (or, given `error`, that call fails with it once)."""
    seen = [0]

    def hook(operation: str, when: str) -> None:
        if when == "before":
            seen[0] += 1
        if seen[0] == n and when == point:
            tracker.on_call = None
            raise error if error is not None else Killed(f"{operation} #{n} {point}")

    tracker.on_call = hook


def delete_state(config) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{config.state_path}{suffix}").unlink(missing_ok=True)


class MemorySample:
    def __init__(self, folder: Path, monkeypatch, name: str = "program") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(folder / "locks"))
        self.folder = folder
        self.tracker = MemoryTracker(name)
        self.tracker.add_program(sample_program())
        self.config_path = write_config(folder)

    def config(self, path: Path | None = None):
        return load_config(path or self.config_path)

    def sync(self, config=None, **options):
        options.setdefault("today", SAMPLE_TODAY)
        return run_pass(config or self.config(), tracker=self.tracker, **options)

    def owned(self) -> dict:
        return {i: r.owned for i, r in self.tracker.enrollments.items()}

    def alerts(self) -> dict[str, int]:
        return {i: len(self.tracker.alerts_on(i)) for i in self.tracker.enrollments}

    def total_alerts(self) -> int:
        return sum(self.alerts().values())

    def calls_of(self, operation: str) -> int:
        return self.tracker.calls.count(operation)

    def kill_at(self, n: int, point: str, error=None) -> None:
        """Die at the n-th call from now, before it reaches the tool or after it was applied
        (or, given `error`, have that call fail with it once)."""
        kill_at(self.tracker, n, point, error)

    def edit_check_in(self, check_in_id: str, **values) -> None:
        record = self.tracker.check_ins[check_in_id]
        self.tracker.put_check_in(record.check_in.model_copy(update=values))


def alerted_once_each(sample: MemorySample, red=RED) -> dict[str, int]:
    """The alert count of every enrollment: red ones must have exactly one, the others none."""
    return {i: n for i, n in sample.alerts().items() if n != (1 if i in red else 0)}
