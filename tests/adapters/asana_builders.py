"""For the Asana adapter's tests: the reference template in the sandbox, provisioned and filled
with the sample program, its config file, and the SDK to act in it as people do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asana
import pytest

from certsync.adapters.asana.template import project_fields
from certsync.adapters.asana.tracker import AsanaTracker
from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

TOKEN_ENV = "CERTSYNC_TEST_ASANA_TOKEN"


@dataclass
class AsanaProgram:
    sandbox: Any
    built: Any
    config_path: Path
    tasks: dict[str, str]  # sample ids -> task gids

    @property
    def api(self) -> asana.ApiClient:
        return self.built.api

    @property
    def template(self):
        return self.built.template

    def config(self):
        return load_config(self.config_path)

    def tracker(self) -> AsanaTracker:
        return open_tracker(self.config(), "asana")  # type: ignore[return-value]

    def sync(self, **kwargs):
        kwargs.setdefault("today", SAMPLE_TODAY)
        return run_pass(self.config(), **kwargs)

    def fields(self, which: str = "project"):
        return project_fields(self.api, getattr(self.template, which))

    def user(self, name: str) -> str:
        return self.built.users[name]

    def task(self, sample_id: str) -> dict:
        return asana.TasksApi(self.api).get_task(self.tasks[sample_id], {})

    def create_task(self, data: dict) -> dict:
        return asana.TasksApi(self.api).create_task({"data": data}, {"opt_fields": "name,modified_at"})

    def requests(self, method: str, route: str) -> int:
        """Requests the sandbox answered for an Asana route (`/tasks/{task_gid}`), any status."""
        full = f"/asana/api/1.0{route}"
        return sum(row["count"] for row in self.sandbox.stats()["requests"]
                   if row["method"] == method and row["route"] == full)


def write_config(folder: Path, section: str, timezone: str = "Europe/Berlin") -> Path:
    path = folder / "certsync.toml"
    path.write_text(f'[program]\nname = "Sample"\ntimezone = "{timezone}"\n\n{section}\n[sync]\nstate = "state.sqlite"\n')
    return path


def build(sandbox, folder: Path, monkeypatch, *, provision: bool = True, fill: bool = True) -> AsanaProgram:
    monkeypatch.setenv(TOKEN_ENV, sandbox.token)
    built = sample("asana", sandbox, sample_program(), TOKEN_ENV)
    config_path = write_config(folder, built.section())
    if provision:
        open_tracker(load_config(config_path), "asana").provision()
    tasks = built.fill() if fill else {}
    sandbox.reset_stats()
    return AsanaProgram(sandbox, built, config_path, tasks)


@pytest.fixture
def asana_program(sandbox, tmp_path, monkeypatch):
    program = build(sandbox, tmp_path, monkeypatch)
    yield program
    program.built.close()
