"""The reference template (DESIGN.md) as two Asana projects with their custom fields, and a
program written into it.

Used by `certsync demo`, the end-to-end tests and `certsync init asana`, to build a tracker the
way a team would, through the public API and the real SDK; the owned fields are left to
`provision`, as on a real tracker. Check-ins are filed as subtasks of their enrollment and in the
check-ins project too, so one list read of that project sees them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from certsync.adapters.asana.fields import ProjectFields
from certsync.adapters.asana.schema import DEFINITION_FIELDS
from certsync.adapters.asana.fields import SETTING_FIELDS
from certsync.rules.model import CheckIn, Enrollment, Milestones, Program, Session, StudyPlanRow

YES_NO = [{"name": "Yes", "color": "green"}, {"name": "No", "color": "red"}]
EXAM_RESULTS = [{"name": "Passed", "color": "green"}, {"name": "Failed", "color": "red"}]
MILESTONES = [{"name": "Yes", "color": "green"}, {"name": "Partial", "color": "yellow"}, {"name": "No", "color": "red"}]


@dataclass(frozen=True)
class Template:
    workspace: str
    project: str  # gids
    check_ins_project: str
    study_plan_project: str | None = None
    sessions_project: str | None = None


def _options(names: list[str], color: str) -> list[dict[str, str]]:
    return [{"name": name, "color": color} for name in names]


def enrollment_fields(f: Any, certifications: list[str], cohorts: list[str] | None = None) -> list[dict[str, Any]]:
    fields = [
        {"name": f.manager, "resource_subtype": "people"},
        {"name": f.certification, "resource_subtype": "enum",
         "enum_options": [{"name": name, "color": "blue"} for name in certifications]},
        {"name": f.exam_date, "resource_subtype": "date"},
        {"name": f.study_start, "resource_subtype": "date"},
        {"name": f.weekly_target_hours, "resource_subtype": "number", "precision": 1},
        {"name": f.certified, "resource_subtype": "enum", "enum_options": YES_NO},
    ]
    if f.engineer:
        fields.insert(0, {"name": f.engineer, "resource_subtype": "people"})
    # The optional fields of issue 12, where the config names them.
    for key, kind in (("planned_hours", "number"), ("diagnostic_exam", "date"), ("midpoint_exam", "date"),
                      ("final_exam", "date"), ("reminders_off", "enum")):
        if name := getattr(f, key, None):
            fields.append({"name": name, "resource_subtype": kind, **({"precision": 1} if kind == "number" else {}),
                           **({"enum_options": YES_NO} if kind == "enum" else {})})
    # The optional outcome and cohort fields of issue 13, where the config names them (read only).
    outcomes = {"exam_result": {"resource_subtype": "enum", "enum_options": EXAM_RESULTS},
                "attempts": {"resource_subtype": "number", "precision": 0},
                "certified_on": {"resource_subtype": "date"},
                "cost": {"resource_subtype": "number", "precision": 2},
                "cohort": {"resource_subtype": "enum", "enum_options": _options(cohorts or [], "purple")},
                "satisfaction": {"resource_subtype": "number", "precision": 1}}
    for key, definition in outcomes.items():
        if name := getattr(f, key, None):
            fields.append({"name": name, **definition})
    return fields


def sessions_fields(f: Any, cohorts: list[str]) -> list[dict[str, Any]]:
    """One task per meeting of a cohort: its name the topic, its due date the day (a `Date` custom
    field is read when a team adds one), who came in the `Attendees` people field."""
    return [
        {"name": f.cohort, "resource_subtype": "enum", "enum_options": _options(cohorts, "purple")},
        {"name": f.attendees, "resource_subtype": "people"},
    ]


def check_in_fields(f: Any, enrollment: Any, weak_domains: list[str] | None = None) -> list[dict[str, Any]]:
    fields = [
        {"name": f.week_of, "resource_subtype": "date"},
        {"name": f.hours, "resource_subtype": "number", "precision": 1},
        {"name": f.milestones, "resource_subtype": "enum", "enum_options": MILESTONES},
        {"name": f.confidence, "resource_subtype": "number", "precision": 0},
        {"name": f.practice_score, "resource_subtype": "number", "precision": 1, "format": "percentage"},
        {"name": f.blockers, "resource_subtype": "text"},
        {"name": f.absence_reason, "resource_subtype": "text"},
        # What a form submission (a top-level check-in) names its enrollment by, with its submitter.
        {"name": enrollment.certification, "resource_subtype": "enum"},
    ]
    if f.enrollment:
        fields.insert(0, {"name": f.enrollment, "resource_subtype": "reference"})
    if name := getattr(f, "weak_domains", None):  # optional: the domains the engineer found hard
        fields.append({"name": name, "resource_subtype": "multi_enum",
                       "enum_options": _options(weak_domains or [], "orange")})
    return fields


def study_plan_fields(f: Any, certifications: list[str]) -> list[dict[str, Any]]:
    return [
        {"name": f.certification, "resource_subtype": "enum",
         "enum_options": [{"name": name, "color": "blue"} for name in certifications]},
        {"name": f.week, "resource_subtype": "number", "precision": 0},
        {"name": f.study_target, "resource_subtype": "text"},
        {"name": f.practice_activity, "resource_subtype": "text"},
        {"name": f.verification, "resource_subtype": "text"},
        {"name": f.enrollment, "resource_subtype": "reference"},
    ]


class Builder:
    """Makes projects and custom fields through the SDK, reusing a workspace field of the same
    name and type (custom fields belong to the workspace)."""

    def __init__(self, client: Any, workspace: str) -> None:
        import asana

        self.workspace = workspace
        self.projects = asana.ProjectsApi(client)
        self.custom_fields = asana.CustomFieldsApi(client)
        self.tasks = asana.TasksApi(client)
        self.settings = asana.CustomFieldSettingsApi(client)
        self.existing = {f["name"].lower(): f for f in self.custom_fields.get_custom_fields_for_workspace(
            workspace, {"opt_fields": DEFINITION_FIELDS})}

    def field(self, definition: dict[str, Any]) -> str:
        found = self.existing.get(definition["name"].lower())
        if found is not None:
            if found.get("resource_subtype") != definition["resource_subtype"]:
                raise ValueError(f"the workspace has a {found.get('resource_subtype')} custom field "
                                 f"'{found['name']}'; the template needs a {definition['resource_subtype']} one")
            have = {o.get("name") for o in found.get("enum_options") or []}
            for option in definition.get("enum_options") or []:
                if option["name"] not in have:
                    self.custom_fields.create_enum_option_for_custom_field(found["gid"], {"body": {"data": option}})
            return found["gid"]
        made = self.custom_fields.create_custom_field({"data": {**definition, "workspace": self.workspace}}, {})
        self.existing[definition["name"].lower()] = {**made, **definition}
        return made["gid"]

    def project(self, name: str, fields: list[dict[str, Any]], team: str | None = None) -> str:
        body = {"data": {"name": name, **({"team": team} if team else {})}}
        made = self.projects.create_project_for_workspace(body, self.workspace, {})
        for definition in fields:
            self.projects.add_custom_field_setting_for_project({"data": {"custom_field": self.field(definition)}},
                                                               made["gid"], {})
        return made["gid"]


def create_template(client: Any, workspace: str, fields: Any, check_in_fields_: Any, *, title: str = "Certifications",
                    certifications: list[str] | None = None, team: str | None = None,
                    plan_fields: Any = None, session_fields: Any = None, cohorts: list[str] | None = None,
                    weak_domains: list[str] | None = None) -> Template:
    """The projects with their custom fields. `cohorts` and `weak_domains` are the options the
    Cohort and Weak domains enums start with (a team adds its own)."""
    builder = Builder(client, workspace)
    project = builder.project(f"{title}: Enrollments", enrollment_fields(fields, certifications or [], cohorts), team)
    check_ins = builder.project(f"{title}: Check-ins", check_in_fields(check_in_fields_, fields, weak_domains), team)
    plan = sessions = None
    if plan_fields is not None:
        plan = builder.project(f"{title}: Study plan", study_plan_fields(plan_fields, certifications or []), team)
    if session_fields is not None:
        sessions = builder.project(f"{title}: Sessions", sessions_fields(session_fields, cohorts or []), team)
    return Template(workspace=workspace, project=project, check_ins_project=check_ins, study_plan_project=plan,
                    sessions_project=sessions)


def project_fields(client: Any, project: str) -> ProjectFields:
    import asana

    settings = asana.CustomFieldSettingsApi(client).get_custom_field_settings_for_project(
        project, {"opt_fields": SETTING_FIELDS})
    return ProjectFields.of_settings(list(settings))


def _date(value: Any) -> dict[str, str] | None:
    return {"date": value.isoformat()} if value else None


def _set(values: dict[str, Any], known: ProjectFields, name: str | None, value: Any) -> None:
    info = known.get(name)
    if info is None:
        return
    if info.type in ("enum",) and value is not None:
        value = info.options[value]
    if info.type == "multi_enum" and value is not None:
        # Asana refuses an option the field lacks: a weak domain the template was not made with
        # (a check-in written after the sample, say) is left out rather than failing the check-in.
        value = [info.options[name] for name in value if name in info.options] or None
    values[info.gid] = value


def enrollment_data(e: Enrollment, f: Any, known: ProjectFields, users: dict[str, str], project: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    manager = users.get(e.manager.name) if e.manager else None
    _set(values, known, f.manager, [manager] if manager else None)
    if f.engineer:
        engineer = users.get(e.engineer.name) if e.engineer else None
        _set(values, known, f.engineer, [engineer] if engineer else None)
    _set(values, known, f.certification, e.certification)
    _set(values, known, f.exam_date, _date(e.exam_date))
    _set(values, known, f.study_start, _date(e.study_start))
    _set(values, known, f.weekly_target_hours, e.weekly_target_hours)
    _set(values, known, f.certified, "Yes" if e.certified else "No")
    _set(values, known, getattr(f, "planned_hours", None), e.planned_hours)
    for key in ("diagnostic_exam", "midpoint_exam", "final_exam"):
        _set(values, known, getattr(f, key, None), _date(getattr(e, key)))
    _set(values, known, getattr(f, "reminders_off", None), "Yes" if e.reminders_off else None)
    for key in ("exam_result", "attempts", "cost", "cohort", "satisfaction"):
        _set(values, known, getattr(f, key, None), getattr(e, key))
    _set(values, known, getattr(f, "certified_on", None), _date(e.certified_on))
    if e.exam_history.postponements:
        # What earlier passes would have recorded: the tracker keeps the count.
        _set(values, known, f.postponements, e.exam_history.postponements)
    data: dict[str, Any] = {"name": e.name, "projects": [project], "custom_fields": values}
    engineer = users.get(e.engineer.name) if e.engineer else None
    if engineer and not f.engineer:
        data["assignee"] = engineer
    return data


def check_in_values(c: CheckIn, f: Any, known: ProjectFields) -> dict[str, Any]:
    values: dict[str, Any] = {}
    _set(values, known, f.week_of, _date(c.week_of))
    _set(values, known, f.hours, c.hours)
    _set(values, known, f.milestones, c.milestones.value if isinstance(c.milestones, Milestones) else None)
    _set(values, known, f.confidence, c.confidence)
    score = known.get(f.practice_score)
    if c.practice_score is not None and score is not None:
        _set(values, known, f.practice_score,
             round(c.practice_score / 100, 4) if score.format == "percentage" else c.practice_score)
    _set(values, known, f.blockers, c.blockers or None)
    _set(values, known, f.absence_reason, c.absence_reason or None)
    _set(values, known, getattr(f, "weak_domains", None), list(c.weak_domains) or None)
    return values


def check_in_data(c: CheckIn, task_of: dict[str, str], name: str, f: Any, known: ProjectFields,
                  project: str) -> dict[str, Any]:
    """A check-in as a subtask of its enrollment, filed in the check-ins project too (or linked by
    the reference field, when the config names one)."""
    values = check_in_values(c, f, known)
    data: dict[str, Any] = {"name": name, "projects": [project], "custom_fields": values}
    if f.enrollment and known.get(f.enrollment) is not None:
        values[known.get(f.enrollment).gid] = [task_of[c.enrollment_id]]  # type: ignore[union-attr]
    else:
        data["parent"] = task_of[c.enrollment_id]
    return data


def plan_row_data(row: StudyPlanRow, f: Any, known: ProjectFields, task_of: dict[str, str],
                  project: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    _set(values, known, f.certification, row.certification)
    _set(values, known, f.week, row.week)
    _set(values, known, f.study_target, row.study_target or None)
    _set(values, known, f.practice_activity, row.practice_activity or None)
    _set(values, known, f.verification, row.verification or None)
    if row.enrollment_id and known.get(f.enrollment) is not None:
        values[known.get(f.enrollment).gid] = [task_of[row.enrollment_id]]  # type: ignore[union-attr]
    return {"name": f"{row.certification or 'Personal'}, week {row.week}", "projects": [project],
            "custom_fields": values}


def session_data(session: Session, f: Any, known: ProjectFields, engineers: dict[str, str], users: dict[str, str],
                 project: str) -> dict[str, Any]:
    """A session as its task: the topic its name, the day its due date, who came in `Attendees`
    (the engineers of the attending enrollments, `engineers`: enrollment id -> name)."""
    values: dict[str, Any] = {}
    _set(values, known, f.cohort, session.cohort)
    people = [users[engineers[ident]] for ident in session.attendees if engineers.get(ident) in users]
    _set(values, known, f.attendees, list(dict.fromkeys(people)) or None)
    return {"name": session.topic, "projects": [project], "due_on": session.day.isoformat(), "custom_fields": values}


def write_program(client: Any, template: Template, program: Program, fields: Any, check_in_fields_: Any,
                  users: dict[str, str], plan_fields: Any = None, session_fields: Any = None) -> dict[str, str]:
    """Create one task per enrollment, check-in, study plan row and session; returns model id ->
    task gid."""
    import asana

    tasks = asana.TasksApi(client)
    enrollments = project_fields(client, template.project)
    check_ins = project_fields(client, template.check_ins_project)
    task_of: dict[str, str] = {}
    for e in program.enrollments:
        made = tasks.create_task({"data": enrollment_data(e, fields, enrollments, users, template.project)},
                                 {"opt_fields": "name"})
        task_of[e.id] = made["gid"]
    names = {e.id: (e.engineer.name if e.engineer else e.name) for e in program.enrollments}
    for c in program.check_ins:
        name = f"{names[c.enrollment_id]}, week of {c.week_of:%d %b}"
        made = tasks.create_task({"data": check_in_data(c, task_of, name, check_in_fields_, check_ins,
                                                        template.check_ins_project)}, {"opt_fields": "name"})
        task_of[c.id] = made["gid"]
    if template.study_plan_project and plan_fields is not None:
        plan = project_fields(client, template.study_plan_project)
        for row in program.study_plan:
            tasks.create_task({"data": plan_row_data(row, plan_fields, plan, task_of, template.study_plan_project)},
                              {"opt_fields": "name"})
    if template.sessions_project and session_fields is not None:
        known = project_fields(client, template.sessions_project)
        for session in program.sessions:
            made = tasks.create_task({"data": session_data(session, session_fields, known, names, users,
                                                           template.sessions_project)}, {"opt_fields": "name"})
            task_of[session.id] = made["gid"]
    return task_of
