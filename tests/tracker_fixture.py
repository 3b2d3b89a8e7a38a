"""A tracker built from the reference template in the sandbox, holding the sample program.

Loaded as a pytest plugin by tests/conftest.py, so every test folder can use `tracker`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from notion_client import Client

from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

TOKEN_ENV = "CERTSYNC_TEST_NOTION_TOKEN"


@dataclass
class Tracker:
    sandbox: object
    api: Client
    template: object
    config_path: Path
    pages: dict[str, str]  # sample ids -> page ids

    def config(self):
        return load_config(self.config_path)

    def sync(self, **kwargs):
        kwargs.setdefault("today", SAMPLE_TODAY)
        return run_pass(self.config(), **kwargs)

    def page(self, sample_id: str) -> dict:
        return self.api.pages.retrieve(page_id=self.pages[sample_id])

    def comments(self, sample_id: str) -> list[dict]:
        return self.api.comments.list(block_id=self.pages[sample_id], page_size=100)["results"]

    def writes(self) -> dict[str, int]:
        """Successful requests by route, from the sandbox's own count."""
        counts: dict[str, int] = {}
        for row in self.sandbox.stats()["requests"]:
            if row["status"] < 300:
                key = f"{row['method']} {row['route']}"
                counts[key] = counts.get(key, 0) + row["count"]
        return counts


def write_config(folder: Path, section: str, extra: str = "") -> Path:
    path = folder / "certsync.toml"
    path.write_text(f"""
[program]
name = "Sample"
timezone = "Europe/Berlin"

{section}
[sync]
state = "state.sqlite"
{extra}
""")
    return path


@pytest.fixture
def tracker(sandbox, tmp_path, monkeypatch) -> Tracker:
    monkeypatch.setenv(TOKEN_ENV, sandbox.token)
    built = sample("notion", sandbox, sample_program(), TOKEN_ENV)
    config_path = write_config(tmp_path, built.section())
    open_tracker(load_config(config_path), "notion").provision()
    pages = built.fill()
    sandbox.reset_stats()
    yield Tracker(sandbox, built.api, built.template, config_path, pages)
    built.close()
