"""A sample program as a real Asana tracker in a sandbox: the reference template, filled in.

What `certsync demo --tracker asana`, the end-to-end tests and the benchmarks build, the way a
team would: through the public API with the real `asana` SDK. Owned fields are left to
`provision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import asana

from certsync.adapters.asana.template import Template, create_template, write_program
from certsync.config.fields import AsanaCheckInFields, AsanaFields, AsanaSessionFields, AsanaStudyPlanFields
from certsync.rules.model import Program
from certsync.adapters.people import email_of, people_of


def sdk_client(host: str, token: str) -> asana.ApiClient:
    cfg = asana.Configuration()
    cfg.host = host
    cfg.access_token = token
    cfg.retry_strategy = False  # a create that failed is not sent again blindly
    return asana.ApiClient(cfg)


@dataclass
class AsanaSample:
    """The template in the sandbox: its config section, and `fill()` to write the program."""

    sandbox: Any
    program: Program
    template: Template
    api: asana.ApiClient
    token_env: str
    users: dict[str, str] = field(default_factory=dict)

    def section(self) -> str:
        plan = f'study_plan_project = "{self.template.study_plan_project}"\n' if self.template.study_plan_project else ""
        plan += f'sessions_project = "{self.template.sessions_project}"\n' if self.template.sessions_project else ""
        return (f'[asana]\nproject = "{self.template.project}"\ncheck_ins_project = "{self.template.check_ins_project}"\n'
                f'{plan}base_url = "{self.sandbox.asana_url}"\ntoken_env = "{self.token_env}"\n'
                "requests_per_minute = 60000\n")

    def fill(self) -> dict[str, str]:
        """Write the program's enrollments, check-ins, study plan and sessions; returns model id -> task gid."""
        return write_program(self.api, self.template, self.program, AsanaFields(), AsanaCheckInFields(), self.users,
                             AsanaStudyPlanFields(), AsanaSessionFields())

    def close(self) -> None:
        pool = getattr(self.api.rest_client, "pool_manager", None)
        if pool is not None:
            pool.clear()


def sample(sandbox: Any, program: Program, token_env: str, *, users: bool = True) -> AsanaSample:
    """Create the reference template in the sandbox's workspace (with a member per person)."""
    people = {name: sandbox.add_asana_user(name, email_of(name))["gid"] for name in people_of(program)} if users else {}
    api = sdk_client(sandbox.asana_url, sandbox.token)
    certifications = sorted({e.certification for e in program.enrollments if e.certification})
    template = create_template(api, sandbox.asana_workspace_gid, AsanaFields(), AsanaCheckInFields(),
                               title=program.name, certifications=certifications,
                               plan_fields=AsanaStudyPlanFields() if program.study_plan else None,
                               session_fields=AsanaSessionFields() if program.sessions else None,
                               cohorts=sorted({e.cohort for e in program.enrollments if e.cohort}
                                              | {s.cohort for s in program.sessions if s.cohort}),
                               weak_domains=sorted({d for c in program.check_ins for d in c.weak_domains}))
    return AsanaSample(sandbox, program, template, api, token_env, people)
