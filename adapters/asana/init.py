"""`certsync init asana --workspace GID [--team GID]`: the reference template in a real workspace.

Creates the enrollments, check-ins, study plan and sessions projects with their custom fields
(reusing workspace fields of the same name and type), and returns the `[asana]` lines to paste
into certsync.toml. The owned fields are left to `certsync provision`, so a new team goes from
nothing to a synced tracker with `init`, `provision`, `sync`.
"""

from __future__ import annotations

from typing import Any

from asana.rest import ApiException

from certsync.adapters.asana.errors import describe
from certsync.adapters.asana.sample import sdk_client
from certsync.adapters.asana.template import create_template
from certsync.adapters.tracker import TrackerError
from certsync.config.fields import AsanaCheckInFields, AsanaFields, AsanaSessionFields, AsanaStudyPlanFields

ASANA_API = "https://app.asana.com/api/1.0"


def init(token: str, workspace: str, *, team: str | None = None, base_url: str = ASANA_API,
         token_env: str = "ASANA_ACCESS_TOKEN", title: str = "Certifications", fields: Any = None,
         check_in_fields: Any = None, certifications: list[str] | None = None) -> str:
    """Create the template; returns the config section. Asana's refusals are a TrackerError in
    Asana's words (402: custom fields need a paid plan)."""
    client = sdk_client(base_url, token)
    try:
        template = create_template(client, workspace, fields or AsanaFields(), check_in_fields or AsanaCheckInFields(),
                                   title=title, certifications=certifications or [], team=team,
                                   plan_fields=AsanaStudyPlanFields(), session_fields=AsanaSessionFields())
    except ApiException as error:
        if error.status == 402:
            raise TrackerError(f"custom fields need a paid Asana plan: this workspace has none ({describe(error)})",
                               status=402) from error
        raise TrackerError(f"cannot create the template in workspace {workspace}: {describe(error, token_env)}",
                           status=error.status) from error
    except ValueError as error:  # a workspace field of a template name and another type
        raise TrackerError(f"cannot create the template in workspace {workspace}: {error}") from error
    finally:
        client.rest_client.pool_manager.clear()
    lines = ["[asana]", f'project = "{template.project}"', f'check_ins_project = "{template.check_ins_project}"',
             f'study_plan_project = "{template.study_plan_project}"',
             "# One task per meeting of a cohort: the topic its name, the day its due date, who came in the",
             "# Attendees people field. Enrollments also have the optional Exam result, Attempts, Certified on,",
             "# Cost, Cohort and Satisfaction fields, and check-ins Weak domains: read for the reviews, never written.",
             f'sessions_project = "{template.sessions_project}"']
    if base_url.rstrip("/") != ASANA_API:
        lines.append(f'base_url = "{base_url.rstrip("/")}"')
    if token_env != "ASANA_ACCESS_TOKEN":
        lines.append(f'token_env = "{token_env}"')
    return "\n".join(lines) + "\n"
