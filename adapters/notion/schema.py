"""The Enrollments and Check-ins schemas: what certsync needs, `check` and `provision`.

`provision` adds what is missing and never removes: Notion deletes the select options an update
leaves out, so every existing option is sent back with the new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx
from notion_client.errors import HTTPResponseError

from certsync.adapters.notion.errors import describe as describe_error
from certsync.adapters.tracker import SchemaReport
from certsync.config.values import did_you_mean
from certsync.adapters.notion.read import REQUIRED_CHECK_IN_FIELDS, REQUIRED_ENROLLMENT_FIELDS, missing_fields
from certsync.adapters.notion.write import NUMBER_FORMATS, OWNED_TYPES, option_name
from certsync.adapters.records import SUMMARY_OWNED
from certsync.rules import RULES
from certsync.rules.model import Severity, Status

if TYPE_CHECKING:
    from certsync.adapters.notion.tracker import NotionTracker

STATUS_COLORS = {Status.ON_TRACK: "green", Status.SLIGHTLY_BEHIND: "yellow",
                 Status.AT_RISK: "red", Status.COMPLETED: "blue"}
FLAG_COLORS = {Severity.RED: "red", Severity.YELLOW: "yellow"}

_PERSON = {"people", "select", "status", "title", "rich_text", "formula", "rollup"}
_NUMBER = {"number", "formula", "rollup", "rich_text"}
_DATE = {"date", "formula", "rollup", "rich_text"}
_TEXT = {"title", "rich_text", "select", "status", "formula", "rollup", "number"}
_COHORT = {"select", "status", "relation", "rich_text", "formula", "rollup"}

# Property types each read field accepts (see notion_read for how each is read).
ENROLLMENT_TYPES = {
    "name": {"title"}, "engineer": _PERSON, "manager": _PERSON, "certification": _TEXT,
    "exam_date": _DATE, "study_start": _DATE, "weekly_target_hours": _NUMBER,
    "certified": {"checkbox", "formula", "select", "status"},
    # The optional outcome and cohort fields (issue 13), checked when the data source has them.
    "exam_result": {"select", "status", "rich_text", "formula", "rollup"}, "attempts": _NUMBER,
    "certified_on": _DATE, "cost": _NUMBER, "cohort": _COHORT, "satisfaction": _NUMBER,
}
OWNED_ACCEPTED = {**{name: {kind} for name, kind in OWNED_TYPES.items()}, "status": {"select", "status"}}
CHECK_IN_TYPES = {
    "name": {"title"}, "enrollment": {"relation"}, "week_of": _DATE, "hours": _NUMBER,
    "milestones": {"select", "status", "rich_text", "title", "formula"}, "confidence": _NUMBER,
    "practice_score": _NUMBER, "blockers": _TEXT, "absence_reason": _TEXT,
    "weak_domains": {"multi_select", "select", "rich_text", "formula", "rollup"},
}
SESSION_TYPES = {"date": _DATE, "cohort": _COHORT, "topic": _TEXT, "attendees": {"relation"}}
REQUIRED_SESSION_FIELDS = ("date", "attendees")


def _new_property(name: str) -> dict[str, Any]:
    """The configuration of an owned property `provision` creates: its options, or its format."""
    if owned_options(name):
        return {"options": owned_options(name)}
    if name in NUMBER_FORMATS:
        return {"format": NUMBER_FORMATS[name]}
    return {}


def owned_options(name: str) -> list[dict[str, str]]:
    if name == "status":
        return [{"name": s.value, "color": STATUS_COLORS[s]} for s in Status]
    if name == "flags":
        return [{"name": option_name(r.name), "color": FLAG_COLORS[r.severity]} for r in RULES]
    return []


def status_options_problem(where: str, schema: dict[str, Any], prop_name: str) -> str | None:
    """What to do in the Notion app when `prop_name` is a `status` property lacking an option
    certsync writes: the API cannot add options to a status property (Notion would refuse every
    write of a missing one), so `provision` cannot either."""
    prop = schema.get("properties", {}).get(prop_name) or {}
    if prop.get("type") != "status":
        return None
    have = {option.get("name") for option in (prop.get("status") or {}).get("options") or []}
    missing = [status.value for status in Status if status.value not in have]
    if not missing:
        return None
    names = ", ".join(f'"{name}"' for name in missing)
    database = "".join(part.get("plain_text", "") for part in schema.get("title") or []) or where
    return (f"{where}: '{prop_name}' is a Notion status property without the options {names}, which "
            "certsync writes; the API cannot add options to a status property. In the Notion app, open the "
            f"'{database}' database, open the '{prop_name}' property's settings (click its column header, then "
            f"Edit property) and add {names} under any group (the names must match exactly). Or make "
            f"'{prop_name}' a select property and run `certsync provision`.")


# No data source has a property of this name, so an update of it is refused and changes nothing.
PROBE_PROPERTY = "certsync access probe (no such property)"


def probe_update(update_page: Callable[[dict[str, Any]], Any]) -> str | None:
    """What is wrong when the token may not update pages (a pass writes its owned fields so),
    asked without changing one: `update_page(properties)` sends a page update of a property
    that does not exist, which Notion refuses as invalid (400) when the capability is there and
    as restricted (403) when it is not. (An empty update would succeed and touch the page.)"""
    try:
        update_page({PROBE_PROPERTY: {"rich_text": []}})
    except HTTPResponseError as error:
        if error.status == 403:
            return ("cannot update pages, so no pass can write Status, Flags or Sync problem (enable "
                    f"'Update content' for the integration): {describe_error(error)}")
        if error.status != 400:
            return f"cannot tell whether the token may update pages: {describe_error(error)}"
    return None


def _check_fields(report: SchemaReport, where: str, schema: dict[str, Any], fields: Any,
                  accepted: dict[str, set[str]], section: str, required: tuple[str, ...]) -> None:
    props = schema.get("properties", {})
    for name, prop_name in missing_fields(props, fields, required):
        hint = did_you_mean(prop_name, sorted(props))
        report.problems.append(f"{where}: no property '{prop_name}'{f' ({hint})' if hint else ''} "
                               f"(expected a {' or '.join(sorted(accepted[name]))} "
                               f"property; rename it in Notion or set [{section}] {name})")
    for name, kinds in accepted.items():
        prop_name = getattr(fields, name)
        prop = props.get(prop_name)
        if prop is None:
            continue
        if prop.get("type") not in kinds:
            report.problems.append(f"{where}: '{prop_name}' is a {prop.get('type')} property; expected "
                                   f"{' or '.join(sorted(kinds))}")


def check(tracker: NotionTracker) -> SchemaReport:
    """Every mapped property exists with a usable type (a status-typed Status has the options
    certsync writes); the token can read pages and comments, insert comments and update pages."""
    report = SchemaReport()
    schemas = {}
    for setting in ("enrollments", "check_ins"):
        try:
            schemas[setting] = tracker.schema(setting)
        except httpx.TransportError as error:
            report.problems.append(f"cannot reach Notion at {tracker.settings.base_url}: {error}")
            return report
        except Exception as error:
            text = str(error)
            report.problems.append(text if text.startswith(f"[notion] {setting}") else f"[notion] {setting}: {text}")
    if "enrollments" in schemas:
        _check_fields(report, "Enrollments", schemas["enrollments"], tracker.fields, ENROLLMENT_TYPES, "notion.fields",
                      REQUIRED_ENROLLMENT_FIELDS)
        props = schemas["enrollments"].get("properties", {})
        for name, kinds in OWNED_ACCEPTED.items():
            prop = props.get(getattr(tracker.fields, name))
            if prop is None and name in SUMMARY_OWNED:
                report.problems.append(f"Enrollments: the summary property '{getattr(tracker.fields, name)}' is "
                                       "missing; passes sync the rest without it (run `certsync provision` to add it)")
            elif prop is None:
                report.problems.append(f"Enrollments: owned property '{getattr(tracker.fields, name)}' is missing "
                                       "(run `certsync provision` to add it)")
            elif prop.get("type") not in kinds:
                report.problems.append(f"Enrollments: '{getattr(tracker.fields, name)}' is a {prop.get('type')} "
                                       f"property; certsync writes it as {' or '.join(sorted(kinds))}")
        if problem := status_options_problem("Enrollments", schemas["enrollments"], tracker.fields.status):
            report.problems.append(problem)
        report.problems.extend(tracker.check_access())
    if "check_ins" in schemas:
        _check_fields(report, "Check-ins", schemas["check_ins"], tracker.check_in_fields, CHECK_IN_TYPES,
                      "notion.check_in_fields", REQUIRED_CHECK_IN_FIELDS)
    if tracker.settings.sessions is not None:
        try:
            sessions = tracker.schema("sessions")
        except Exception as error:
            text = str(error)
            report.problems.append(text if text.startswith("[notion] sessions") else f"[notion] sessions: {text}")
        else:
            _check_fields(report, "Sessions", sessions, tracker.settings.sessions_fields, SESSION_TYPES,
                          "notion.sessions_fields", REQUIRED_SESSION_FIELDS)
    return report


def provision(tracker: NotionTracker, dry_run: bool = False) -> SchemaReport:
    """Add every missing owned property (and missing Status/Flags options), keeping all else."""
    report = SchemaReport()
    schema = tracker.schema("enrollments")
    props = schema.get("properties", {})
    update: dict[str, Any] = {}
    for name, kind in OWNED_TYPES.items():
        prop_name = getattr(tracker.fields, name)
        prop = props.get(prop_name)
        if prop is None:
            update[prop_name] = {kind: _new_property(name)}
            report.changes.append(f"add '{prop_name}' ({kind})")
            continue
        if prop.get("type") not in OWNED_ACCEPTED[name]:
            report.problems.append(
                f"Enrollments: '{prop_name}' already exists as a {prop.get('type')} property; certsync needs a "
                f"{kind} property there. Rename or remove it in Notion, or map certsync to another name with "
                f"[notion.fields] {name}")
            continue
        if problem := status_options_problem("Enrollments", schema, prop_name):
            report.problems.append(problem)  # only the Notion app can add options to a status property
            continue
        have = prop.get(prop["type"], {}).get("options") if prop["type"] in ("select", "multi_select") else None
        if have is not None:
            missing = [o for o in owned_options(name) if o["name"] not in {h.get("name") for h in have}]
            if missing:
                kept = [{k: h[k] for k in ("id", "name", "color") if k in h} for h in have]
                update[prop_name] = {prop["type"]: {"options": kept + missing}}
                report.changes.append(f"add options to '{prop_name}': {', '.join(o['name'] for o in missing)}")
    if update and not report.problems and not dry_run:
        tracker.update_schema("enrollments", update)
    return report
