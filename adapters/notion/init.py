"""`certsync init notion`: the reference template made in a real workspace, under a page.

Creates the Enrollments, Check-ins, Study plan and Sessions databases (owned properties are left to
`provision`, as for a tracker a team already has) and returns the `[notion]` lines to paste.
"""

from __future__ import annotations

from notion_client import Client

from certsync.adapters.notion.client import quiet_log
from certsync.adapters.notion.errors import tracker_error
from certsync.adapters.notion.template import create_template
from certsync.config.fields import NotionCheckInFields, NotionFields, NotionSessionFields, NotionStudyPlanFields


def init(parent: str, token: str, *, base_url: str | None = None, token_env: str = "NOTION_TOKEN",
         title: str = "Certifications") -> str:
    """Make the template under the page `parent` (an id or URL, already shared with the
    integration); returns the config section that points at it."""
    from certsync.config.values import notion_id

    page_id = notion_id(parent)
    options = {"auth": token, "logger": quiet_log, **({"base_url": base_url.rstrip("/")} if base_url else {})}
    with Client(**options) as api:
        try:
            template = create_template(api, page_id, NotionFields(), NotionCheckInFields(), title=title,
                                       study_plan_fields=NotionStudyPlanFields(),
                                       sessions_fields=NotionSessionFields())
        except Exception as error:
            raise tracker_error(error, token_env, f"creating the template under page {page_id}: ") from error
    lines = ["[notion]", f'enrollments = "{template.enrollments}"', f'check_ins = "{template.check_ins}"',
             f'study_plan = "{template.study_plan}"',
             "# The cohorts' meetings and who attended (Attendees: a relation to Enrollments). Enrollments also",
             "# have the optional Exam result, Attempts, Certified on, Cost, Cohort and Satisfaction, and",
             "# Check-ins Weak domains: certsync reads them for the reviews and never writes them.",
             f'sessions = "{template.sessions}"']
    if base_url:
        lines.append(f'base_url = "{base_url}"')
    if token_env != "NOTION_TOKEN":
        lines.append(f'token_env = "{token_env}"')
    return "\n".join(lines) + "\n"
