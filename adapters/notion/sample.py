"""A sample program as a real Notion tracker in a sandbox: the reference template, filled in.

What `certsync demo`, the end-to-end tests and the benchmarks build, the way a team would:
through the public API with the real notion-client. Owned properties are left to `provision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from notion_client import Client

from certsync.adapters.notion.template import Template, create_template, write_program
from certsync.config.fields import NotionCheckInFields, NotionFields, NotionSessionFields, NotionStudyPlanFields
from certsync.rules.model import Program
from certsync.adapters.people import email_of, people_of


@dataclass
class NotionSample:
    """The template in the sandbox: its config section, and `fill()` to write the program."""

    sandbox: Any
    program: Program
    template: Template
    api: Client
    token_env: str
    users: dict[str, str] = field(default_factory=dict)

    def section(self) -> str:
        plan = f'study_plan = "{self.template.study_plan}"\n' if self.template.study_plan else ""
        plan += f'sessions = "{self.template.sessions}"\n' if self.template.sessions else ""
        return (f'[notion]\nenrollments = "{self.template.enrollments}"\ncheck_ins = "{self.template.check_ins}"\n'
                f'{plan}base_url = "{self.sandbox.notion_url}"\ntoken_env = "{self.token_env}"\n'
                "requests_per_second = 1000\n")

    def fill(self) -> dict[str, str]:
        """Write the program's enrollments, check-ins, study plan and sessions; returns model id -> page id."""
        return write_program(self.api, self.template, self.program, NotionFields(), NotionCheckInFields(), self.users,
                             NotionStudyPlanFields(), NotionSessionFields())

    def close(self) -> None:
        self.api.close()


def sample(sandbox: Any, program: Program, token_env: str, *, users: bool = True) -> NotionSample:
    """Create the reference template under the sandbox's root page (with a user per person)."""
    people = {name: sandbox.add_user(name, email_of(name))["id"] for name in people_of(program)} if users else {}
    api = Client(auth=sandbox.token, base_url=sandbox.notion_url)
    template = create_template(api, sandbox.root_page_id, NotionFields(), NotionCheckInFields(), title=program.name,
                               study_plan_fields=NotionStudyPlanFields() if program.study_plan else None,
                               sessions_fields=NotionSessionFields() if program.sessions else None)
    return NotionSample(sandbox, program, template, api, token_env, people)
