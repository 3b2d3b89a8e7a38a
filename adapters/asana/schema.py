"""The projects' custom fields: what certsync needs, `check` and `provision`.

`provision` adds what is missing and never removes: a missing owned field is made in the
project's workspace (or a workspace field of the same name and type is reused) and added to the
project; missing Status and Flags options are added beside the existing ones. Custom fields
belong to the workspace, so an option added to one changes every project that uses it: those
projects are listed, and the options added only when the user says yes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from asana.rest import ApiException

from certsync.adapters.asana.errors import describe as describe_error, status_of
from certsync.adapters.asana.fields import FieldInfo, ProjectFields, field_of
from certsync.adapters.asana.read import (
    REQUIRED_CHECK_IN_FIELDS,
    REQUIRED_ENROLLMENT_FIELDS,
    TASK_FIELDS,
    enrollment_from_task,
)
from certsync.adapters.asana.write import NUMBER_SHAPES, OWNED_TYPES, owned_values
from certsync.adapters.records import SUMMARY_OWNED
from certsync.adapters.tracker import SchemaReport, TrackerError
from certsync.rules import RULES
from certsync.rules.model import Severity, Status

if TYPE_CHECKING:
    from certsync.adapters.asana.tracker import AsanaTracker

STATUS_COLORS = {Status.ON_TRACK: "green", Status.SLIGHTLY_BEHIND: "yellow",
                 Status.AT_RISK: "red", Status.COMPLETED: "blue"}
FLAG_COLORS = {Severity.RED: "red", Severity.YELLOW: "yellow"}
DEFINITION_FIELDS = "name,resource_subtype,type,format,precision,is_formula_field,enum_options.name," \
                    "enum_options.color,enum_options.enabled"

_PERSON = {"people", "enum", "text"}
_NUMBER = {"number", "text"}
_DATE = {"date", "text"}
_TEXT = {"text", "enum", "number"}
ENROLLMENT_TYPES = {
    "engineer": _PERSON, "manager": _PERSON, "certification": {"enum", "text"}, "exam_date": _DATE,
    "study_start": _DATE, "weekly_target_hours": _NUMBER, "certified": {"enum", "text"},
    # The optional outcome and cohort fields (issue 13), checked when the project has them.
    "exam_result": {"enum", "text"}, "attempts": _NUMBER, "certified_on": _DATE, "cost": _NUMBER,
    "cohort": {"enum", "text"}, "satisfaction": _NUMBER,
}
CHECK_IN_TYPES = {
    "enrollment": {"reference"}, "week_of": _DATE, "hours": _NUMBER, "milestones": {"enum", "text"},
    "confidence": {"number", "enum", "text"}, "practice_score": _NUMBER, "blockers": _TEXT, "absence_reason": _TEXT,
    "weak_domains": {"multi_enum", "enum", "text"},
}
SESSION_TYPES = {"date": _DATE, "cohort": {"enum", "text"}, "attendees": {"people", "reference"}}
REQUIRED_SESSION_FIELDS = ("attendees",)


def owned_options(name: str) -> list[dict[str, str]]:
    if name == "status":
        return [{"name": s.value, "color": STATUS_COLORS[s]} for s in Status]
    if name == "flags":
        return [{"name": r.name, "color": FLAG_COLORS[r.severity]} for r in RULES]
    return []


def _types(kinds: set[str]) -> str:
    return " or ".join(sorted(kinds))


def _check_fields(report: SchemaReport, where: str, known: ProjectFields, fields: Any, accepted: dict[str, set[str]],
                  section: str, required: tuple[str, ...]) -> None:
    keys = [*required, *(k for k in sorted(fields.model_fields_set) if k not in required)]
    for key in keys:
        name = getattr(fields, key, None)
        if name and known.get(name) is None:
            report.problems.append(f"{where}: no custom field '{name}' (expected a {_types(accepted[key])} field; "
                                   f"rename it in Asana or set [{section}] {key})")
    for key, kinds in accepted.items():
        info = known.get(getattr(fields, key, None))
        if info is not None and info.type not in kinds:
            report.problems.append(f"{where}: '{info.name}' is a {info.type} custom field; expected {_types(kinds)}")


def _missing_options(name: str, info: FieldInfo) -> list[dict[str, str]]:
    return [o for o in owned_options(name) if o["name"] not in info.options]


def check(tracker: AsanaTracker) -> SchemaReport:
    """Both projects, every mapped field and its type, the owned fields with their options, and
    what the token may do: read tasks, write the owned fields, comment. Also warns when the
    token's user is an engineer or manager in the program (their own mentions never notify them)."""
    report = SchemaReport()
    known: dict[str, ProjectFields] = {}
    for setting in ("project", "check_ins_project"):
        try:
            known[setting] = tracker.custom_fields(setting, refresh=True)
        except TrackerError as error:
            report.problems.append(str(error))
        except Exception as error:
            report.problems.append(tracker.describe(error))
            return report
    if "project" in known:
        fields = known["project"]
        _check_fields(report, "Enrollments project", fields, tracker.fields, ENROLLMENT_TYPES, "asana.fields",
                      REQUIRED_ENROLLMENT_FIELDS)
        for key, kind in OWNED_TYPES.items():
            name = getattr(tracker.fields, key)
            info = fields.get(name)
            if info is None and key in SUMMARY_OWNED:
                report.problems.append(f"Enrollments project: the summary field '{name}' is missing; passes sync "
                                       "the rest without it (run `certsync provision` to add it)")
            elif info is None:
                report.problems.append(f"Enrollments project: owned custom field '{name}' is missing "
                                       "(run `certsync provision` to add it)")
            elif info.type != kind or info.formula:
                report.problems.append(f"Enrollments project: '{name}' is a {'formula ' if info.formula else ''}"
                                       f"{info.type} custom field; certsync writes it as {kind}")
            elif missing := _missing_options(key, info):
                report.problems.append(f"Enrollments project: '{name}' lacks the options "
                                       f"{', '.join(o['name'] for o in missing)} (run `certsync provision`)")
        report.problems.extend(check_access(tracker))
    if "check_ins_project" in known:
        required = REQUIRED_CHECK_IN_FIELDS + (("enrollment",) if tracker.check_in_fields.enrollment else ())
        _check_fields(report, "Check-ins project", known["check_ins_project"], tracker.check_in_fields,
                      CHECK_IN_TYPES, "asana.check_in_fields", required)
    if tracker.settings.sessions_project is not None:
        try:
            sessions = tracker.custom_fields("sessions_project", refresh=True)
        except TrackerError as error:
            report.problems.append(str(error))
        else:
            _check_fields(report, "Sessions project", sessions, tracker.settings.sessions_fields, SESSION_TYPES,
                          "asana.sessions_fields", REQUIRED_SESSION_FIELDS)
    return report


def check_access(tracker: AsanaTracker) -> list[str]:
    """What the token cannot do that a pass needs. Writing is probed by writing back the values
    the first enrollment already holds (a field whose edits are restricted answers 403); commenting
    by an empty story, which Asana refuses as invalid (400) when comments are allowed."""
    client = tracker.client
    problems: list[str] = []
    try:
        me = tracker._me()
        tasks = list(client.pages(client.tasks.get_tasks, opts={"project": tracker.project_gid("project"),
                                                                "opt_fields": TASK_FIELDS}))
    except ApiException as error:
        return [f"cannot read the enrollments project's tasks: {describe_error(error, tracker.settings.token_env)}"]
    if not tasks:
        return problems
    for task in tasks:
        record = enrollment_from_task(task, tracker.fields)
        e = record.enrollment
        roles = [role for role, person in (("engineer", e.engineer), ("manager", e.manager))
                 if person is not None and person.id == me]
        if roles:
            problems.append(f"the token belongs to {(e.manager if 'manager' in roles else e.engineer).name}, the "
                            f"{' and '.join(roles)} of '{e.name}': certsync's comments carry that person's name and "
                            "Asana does not notify anyone of their own mentions; give certsync a dedicated member "
                            "(a service account) and its token")
    if not tracker.check_in_fields.enrollment:
        problems.extend(_unfiled_subtasks(tracker, tasks[:SUBTASK_SAMPLE]))
    first = tasks[0]
    current = enrollment_from_task(first, tracker.fields).owned
    try:
        held = {name: value for name, value in current.model_dump().items() if name in tracker.owned_fields}
        body = owned_values(held, tracker.fields, tracker.custom_fields("project"))
        client.read(client.tasks.update_task, {"data": {"custom_fields": body}}, first["gid"],
                    {"opt_fields": "modified_at"})
    except TrackerError:
        pass  # a missing field or option: reported above
    except ApiException as error:
        if error.status in (402, 403):
            problems.append("cannot write the fields certsync owns, so no pass can write Status, Flags or Sync "
                            f"problem: {describe_error(error, tracker.settings.token_env)}")
        elif error.status != 400:
            problems.append(f"cannot tell whether the token may write tasks: {describe_error(error)}")
    try:
        client.stories.create_story_for_task({"data": {}}, first["gid"], {})
        problems.append("an empty comment was accepted (certsync could not tell whether it may comment)")
    except ApiException as error:
        if error.status in (401, 403):
            problems.append(f"cannot comment on tasks: {describe_error(error, tracker.settings.token_env)}")
    return problems


SUBTASK_SAMPLE = 20  # enrollments whose subtasks `check` looks at


def _unfiled_subtasks(tracker: AsanaTracker, tasks: list[dict[str, Any]]) -> list[str]:
    """Subtask check-ins not filed in the check-ins project are never read (a pass reads that
    project's list): named, from the subtasks of the first enrollments."""
    client = tracker.client
    project = tracker.project_gid("check_ins_project")
    unfiled = []
    for task in tasks:
        for sub in client.pages(client.tasks.get_subtasks_for_task, task["gid"], opts={"opt_fields": "name,projects"}):
            if not any(p.get("gid") == project for p in sub.get("projects") or []):
                unfiled.append(f"'{sub.get('name') or sub['gid']}' (under '{task.get('name')}')")
    if not unfiled:
        return []
    shown = ", ".join(unfiled[:5]) + (f" and {len(unfiled) - 5} more" if len(unfiled) > 5 else "")
    return [f"subtasks of enrollments that are not in the check-ins project are never read as check-ins: {shown}; "
            "add them to the check-ins project too (in Asana: the subtask's ⋯ menu, Add to another project)"]


def _workspace_fields(tracker: AsanaTracker) -> dict[str, dict[str, Any]]:
    client = tracker.client
    found = {}
    for definition in client.pages(client.custom_fields.get_custom_fields_for_workspace, tracker.workspace_gid(),
                                   opts={"opt_fields": DEFINITION_FIELDS}):
        found.setdefault(definition.get("name", "").lower(), definition)
    return found


def _projects_using(tracker: AsanaTracker, field_gid: str) -> list[str]:
    """The names of the workspace's other projects that use a custom field."""
    client = tracker.client
    mine = {tracker.project_gid("project"), tracker.project_gid("check_ins_project")}
    names = []
    for project in client.pages(client.projects.get_projects_for_workspace, tracker.workspace_gid(),
                                opts={"opt_fields": "name,custom_field_settings.custom_field"}):
        if project["gid"] in mine:
            continue
        if any((s.get("custom_field") or {}).get("gid") == field_gid for s in project.get("custom_field_settings") or []):
            names.append(project.get("name") or project["gid"])
    return names


def provision(tracker: AsanaTracker, dry_run: bool = False, yes: bool = False) -> SchemaReport:
    """Add every missing owned custom field (and missing Status/Flags options), keeping all else."""
    report = SchemaReport()
    client = tracker.client
    project = tracker.project_gid("project")
    known = tracker.custom_fields("project", refresh=True)
    workspace: dict[str, dict[str, Any]] | None = None
    to_create: list[dict[str, Any]] = []  # field definitions to make, then add
    to_add: list[str] = []  # workspace field gids to add to the project
    options: list[tuple[FieldInfo, list[dict[str, str]]]] = []
    for key, kind in OWNED_TYPES.items():
        name = getattr(tracker.fields, key)
        info = known.get(name)
        reused = False
        if info is None:
            workspace = workspace if workspace is not None else _workspace_fields(tracker)
            existing = workspace.get(name.lower())
            if existing is None:
                definition = {"name": name, "resource_subtype": kind, "workspace": tracker.workspace_gid()}
                if owned_options(key):
                    definition["enum_options"] = owned_options(key)
                if kind == "number":
                    definition.update(NUMBER_SHAPES.get(key, {"precision": 0}))
                to_create.append(definition)
                report.changes.append(f"add '{name}' ({kind})")
                continue
            info, reused = field_of(existing), True
        if info.type != kind or info.formula:
            report.problems.append(
                f"{'the workspace' if reused else 'Enrollments project'}: '{info.name}' already exists as a "
                f"{'formula ' if info.formula else ''}{info.type} custom field; certsync needs a {kind} field there. "
                f"Rename it in Asana, or map certsync to another name with [asana.fields] {key}")
            continue
        if reused:
            to_add.append(info.gid)
            report.changes.append(f"add the workspace's '{info.name}' ({kind}) to the project")
        missing = _missing_options(key, info)
        disabled = [o["name"] for o in missing if o["name"] in info.disabled]
        if disabled:
            report.problems.append(f"'{info.name}': the options {', '.join(disabled)} are disabled; enable them "
                                   "in Asana (certsync writes them)")
            continue
        if missing:
            others = _projects_using(tracker, info.gid)
            if others and not yes:
                report.problems.append(
                    f"adding the options {', '.join(o['name'] for o in missing)} to '{info.name}' changes it in every "
                    f"project that uses it: {', '.join(others)}. Run `certsync provision --yes` to add them anyway")
                continue
            options.append((info, missing))
            also = f" (also in {', '.join(others)})" if others else ""
            report.changes.append(f"add options to '{info.name}': {', '.join(o['name'] for o in missing)}{also}")
    if report.problems or dry_run:
        return report
    for definition in to_create:
        made = client.write(client.custom_fields.create_custom_field, {"data": definition}, {"opt_fields": "name"})
        to_add.append(made["gid"])
    for gid in to_add:
        client.write(client.projects.add_custom_field_setting_for_project, {"data": {"custom_field": gid}}, project,
                     {"opt_fields": "custom_field.name"})
    for info, missing in options:
        for option in missing:
            client.write(client.custom_fields.create_enum_option_for_custom_field, info.gid,
                         {"body": {"data": option}, "opt_fields": "name"})
    if to_create or to_add or options:
        tracker.custom_fields("project", refresh=True)
    return report


def is_payment_required(error: BaseException) -> bool:
    return status_of(error) == 402
