"""The endpoints the other tests do not reach, each driven by the real SDK."""

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import make_field, make_project, make_task


def test_teams_users_of_a_team_and_a_users_teams(client, ws, sandbox):
    team = asana.TeamsApi(client).get_team(sandbox.asana_team_gid, {})
    assert team["name"] == "Engineering" and team["organization"]["gid"] == ws
    mine = list(asana.TeamsApi(client).get_teams_for_user("me", ws, {}))
    assert [t["gid"] for t in mine] == [sandbox.asana_team_gid]
    assert len(list(asana.UsersApi(client).get_users_for_team(sandbox.asana_team_gid, {}))) == 4
    assert len(list(asana.UsersApi(client).get_users_for_workspace(ws, {}))) == 4


def test_workspace_memberships(client, ws, sandbox):
    members = list(asana.WorkspaceMembershipsApi(client).get_workspace_memberships_for_workspace(ws, {}))
    assert len(members) == 4 and members[0]["resource_type"] == "workspace_membership"
    assert members[0]["gid"] != sandbox.asana_user_gid


def test_projects_made_by_workspace_field_and_for_a_team(client, ws, sandbox):
    projects = asana.ProjectsApi(client)
    a = projects.create_project({"data": {"name": "A", "workspace": ws}}, {})
    b = projects.create_project_for_team({"data": {"name": "B"}}, sandbox.asana_team_gid, {})
    assert a["workspace"]["gid"] == ws and b["team"]["gid"] == sandbox.asana_team_gid
    assert {p["name"] for p in projects.get_projects({"workspace": ws})} == {"A", "B"}
    assert {p["name"] for p in projects.get_projects({})} == {"A", "B"}


def test_a_section_is_read_renamed_and_deleted_when_empty(client, ws):
    project = make_project(client, ws)
    sections = asana.SectionsApi(client)
    week = sections.create_section_for_project(project["gid"], {"body": {"data": {"name": "Week 1"}}})
    assert sections.get_section(week["gid"], {})["project"]["gid"] == project["gid"]
    assert sections.update_section(week["gid"], {"body": {"data": {"name": "Week one"}}})["name"] == "Week one"
    task = make_task(client, project["gid"])
    sections.add_task_for_section(week["gid"], {"body": {"data": {"task": task["gid"]}}})
    with pytest.raises(ApiException) as e:
        sections.delete_section(week["gid"])
    assert e.value.status == 400
    asana.TasksApi(client).delete_task(task["gid"])
    sections.delete_section(week["gid"])
    assert [s["name"] for s in sections.get_sections_for_project(project["gid"], {})] == ["Untitled section"]


def test_a_deleted_custom_field_leaves_its_projects_and_tasks(client, ws):
    project = make_project(client, ws)
    field = make_field(client, ws, "Hours", "number", project["gid"])
    task = make_task(client, project["gid"], custom_fields={field["gid"]: 2})
    asana.CustomFieldsApi(client).delete_custom_field(field["gid"])
    assert asana.TasksApi(client).get_task(task["gid"], {})["custom_fields"] == []
    assert list(asana.CustomFieldSettingsApi(client).get_custom_field_settings_for_project(project["gid"], {})) == []
    with pytest.raises(ApiException) as e:
        asana.CustomFieldsApi(client).get_custom_field(field["gid"], {})
    assert e.value.status == 404
