"""`certsync demo`: the sample program as a real Notion tracker in the sandbox, synced once.

Everything a team would do, through the public API with the real notion-client: create the
reference template, `provision` it, fill in the program, and run a pass as of the sample date.
Nothing is left running; the state file lives in a temporary folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from notion_client import Client

from certsync.adapters.notion.tracker import NotionTracker
from certsync.adapters.notion.schema import provision
from certsync.adapters.notion.template import create_template, write_program
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

[notion]
enrollments = "{enrollments}"
check_ins = "{check_ins}"
base_url = "{base_url}"
token_env = "{token_env}"
requests_per_second = 1000

[sync]
state = "state.sqlite"
"""


def people_of(program) -> list[str]:
    names: list[str] = []
    for e in program.enrollments:
        for person in (e.engineer, e.manager):
            if person and person.name not in names:
                names.append(person.name)
    return names


def write_config(folder: Path, sandbox: Sandbox, template, name: str) -> Path:
    path = folder / "certsync.toml"
    path.write_text(CONFIG.format(name=name, enrollments=template.enrollments, check_ins=template.check_ins,
                                  base_url=sandbox.notion_url, token_env=DEMO_TOKEN_ENV))
    return path


def run_demo(folder: Path | None = None) -> PassReport:
    program = sample_program()
    with tempfile.TemporaryDirectory(prefix="certsync-demo-") as scratch, \
            Sandbox(rate_limit=0).start() as sandbox:
        where = Path(folder or scratch)
        os.environ[DEMO_TOKEN_ENV] = sandbox.token
        users = {name: sandbox.add_user(name, name.lower().replace(" ", ".").replace("'", "") + "@example.com")["id"]
                 for name in people_of(program)}
        api = Client(auth=sandbox.token, base_url=sandbox.notion_url)
        config_path = None
        try:
            from certsync.config.fields import NotionCheckInFields, NotionFields

            fields, check_in_fields = NotionFields(), NotionCheckInFields()
            template = create_template(api, sandbox.root_page_id, fields, check_in_fields, title=program.name)
            config_path = write_config(where, sandbox, template, program.name)
            config = load_config(config_path)
            tracker = NotionTracker(config.notion, config.notion.token())
            provision(tracker)
            write_program(api, template, program, fields, check_in_fields, users)
            return run_pass(config, today=SAMPLE_TODAY, tracker=tracker)
        finally:
            api.close()
