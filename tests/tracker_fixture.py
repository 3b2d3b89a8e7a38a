"""A Notion tracker built from the reference template in the sandbox, holding the sample program.

Loaded as a pytest plugin by tests/conftest.py, so every test folder can use `tracker`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from notion_client import Client

from certsync.adapters.notion.schema import provision
from certsync.adapters.notion.template import Template, create_template, write_program
from certsync.config import load_config
from certsync.config.fields import NotionCheckInFields, NotionFields
from certsync.adapters.notion.tracker import NotionTracker
from certsync.sync.demo import people_of
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

TOKEN_ENV = "CERTSYNC_TEST_NOTION_TOKEN"


@dataclass
class Tracker:
    sandbox: object
    api: Client
    template: Template
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


def write_config(folder: Path, sandbox, template: Template, extra: str = "") -> Path:
    path = folder / "certsync.toml"
    path.write_text(f"""
[program]
name = "Sample"
timezone = "Europe/Berlin"

[notion]
enrollments = "{template.enrollments}"
check_ins = "{template.check_ins}"
base_url = "{sandbox.notion_url}"
token_env = "{TOKEN_ENV}"
requests_per_second = 1000

[sync]
state = "state.sqlite"
{extra}
""")
    return path


@pytest.fixture
def tracker(sandbox, tmp_path, monkeypatch) -> Tracker:
    monkeypatch.setenv(TOKEN_ENV, sandbox.token)
    program = sample_program()
    users = {name: sandbox.add_user(name, f"{name.split()[0].lower()}@example.com")["id"] for name in people_of(program)}
    api = Client(auth=sandbox.token, base_url=sandbox.notion_url)
    fields, check_in_fields = NotionFields(), NotionCheckInFields()
    template = create_template(api, sandbox.root_page_id, fields, check_in_fields)
    config_path = write_config(tmp_path, sandbox, template)
    config = load_config(config_path)
    provision(NotionTracker(config.notion, config.notion.token()))
    pages = write_program(api, template, program, fields, check_in_fields, users)
    sandbox.reset_stats() if hasattr(sandbox, "reset_stats") else None
    yield Tracker(sandbox, api, template, config_path, pages)
    api.close()
