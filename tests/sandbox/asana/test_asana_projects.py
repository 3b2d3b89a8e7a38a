"""Projects CRUD and lists, sections, custom field settings, status updates."""

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import error_of, make_field, make_project, make_task


def test_project_crud_as_recorded(client, ws, sandbox):
    projects = asana.ProjectsApi(client)
    made = make_project(client, ws, "pytest-e2e-test_project_crud")
    assert made["team"]["gid"] == sandbox.asana_team_gid and made["owner"]["gid"] == sandbox.asana_user_gid
    assert made["color"] is None and made["icon"] == "list" and "custom_fields" not in made
    got = projects.get_project(made["gid"], {})
    assert got["color"] == "none" and got["custom_fields"] == [] and "icon" not in got
    assert got["workspace"] == {"gid": ws, "resource_type": "workspace", "name": "certsync sandbox"}
    updated = projects.update_project({"data": {"name": "renamed", "notes": "n"}}, made["gid"], {})
    assert updated["name"] == "renamed" and updated["notes"] == "n"
    assert projects.delete_project(made["gid"]) == {}
    with pytest.raises(ApiException) as e:
        projects.get_project(made["gid"], {})
    assert e.value.status == 404


def test_projects_list_compact_per_workspace_and_team(client, ws, sandbox):
    a = make_project(client, ws, "A")
    listed = list(asana.ProjectsApi(client).get_projects_for_workspace(ws, {}))
    assert listed == [{"gid": a["gid"], "resource_type": "project", "name": "A"}]
    assert list(asana.ProjectsApi(client).get_projects_for_workspace(ws, {"opt_fields": "name"})) == [
        {"gid": a["gid"], "name": "A"}]
    assert [p["gid"] for p in asana.ProjectsApi(client).get_projects_for_team(sandbox.asana_team_gid, {})] == [a["gid"]]


def test_a_new_project_has_one_section_and_sections_can_be_added(client, ws):
    project = make_project(client, ws)
    sections = asana.SectionsApi(client)
    first = list(sections.get_sections_for_project(project["gid"], {}))
    assert [s["name"] for s in first] == ["Untitled section"]
    done = sections.create_section_for_project(project["gid"], {"body": {"data": {"name": "Done"}}})
    assert [s["name"] for s in sections.get_sections_for_project(project["gid"], {})] == ["Untitled section", "Done"]
    task = make_task(client, project["gid"])
    sections.add_task_for_section(done["gid"], {"body": {"data": {"task": task["gid"]}}})
    got = asana.TasksApi(client).get_task(task["gid"], {})
    assert got["memberships"][0]["section"]["name"] == "Done"
    assert [t["gid"] for t in asana.TasksApi(client).get_tasks_for_section(done["gid"], {})] == [task["gid"]]


def test_custom_field_settings_are_listed_added_and_removed(client, ws):
    project = make_project(client, ws)
    hours = make_field(client, ws, "Hours", "number", project["gid"], precision=1)
    status = make_field(client, ws, "Status", "enum", project["gid"], enum_options=[{"name": "On track"}])
    settings = list(asana.CustomFieldSettingsApi(client).get_custom_field_settings_for_project(project["gid"], {}))
    assert [s["custom_field"]["name"] for s in settings] == ["Hours", "Status"]
    assert settings[0]["project"]["gid"] == project["gid"] and settings[0]["is_important"] is False
    projects = asana.ProjectsApi(client)
    with pytest.raises(ApiException) as e:
        projects.add_custom_field_setting_for_project({"data": {"custom_field": hours["gid"]}}, project["gid"], {})
    assert e.value.status == 400
    projects.remove_custom_field_setting_for_project({"data": {"custom_field": hours["gid"]}}, project["gid"])
    left = asana.CustomFieldSettingsApi(client).get_custom_field_settings_for_project(project["gid"], {})
    assert [s["custom_field"]["gid"] for s in left] == [status["gid"]]


def test_status_updates_are_created_listed_read_and_deleted_not_modified(client, ws, sandbox):
    project = make_project(client, ws)
    updates = asana.StatusUpdatesApi(client)
    made = updates.create_status_for_object({"data": {"parent": project["gid"], "status_type": "at_risk",
                                                      "title": "Week 3", "text": "Two people behind"}}, {})
    assert made["status_type"] == "at_risk" and made["author"]["gid"] == sandbox.asana_user_gid
    assert made["resource_subtype"] == "project_status_update" and made["parent"]["gid"] == project["gid"]
    assert [u["title"] for u in updates.get_statuses_for_object(project["gid"], {})] == ["Week 3"]
    assert updates.get_status(made["gid"], {})["text"] == "Two people behind"
    assert asana.ProjectsApi(client).get_project(project["gid"], {})["current_status_update"]["gid"] == made["gid"]
    import httpx

    r = httpx.put(f"{sandbox.asana_url}/status_updates/{made['gid']}", json={"data": {"title": "x"}},
                  headers={"Authorization": f"Bearer {sandbox.token}"})
    assert r.status_code == 404
    updates.delete_status(made["gid"])
    assert list(updates.get_statuses_for_object(project["gid"], {})) == []
    with pytest.raises(ApiException) as e:
        updates.create_status_for_object({"data": {"parent": project["gid"], "status_type": "meh"}}, {})
    assert e.value.status == 400 and "status_type" in error_of(e.value)["errors"][0]["message"]


def test_teams_and_users_are_listed(client, ws, sandbox):
    teams = list(asana.TeamsApi(client).get_teams_for_workspace(ws, {}))
    assert teams == [{"gid": sandbox.asana_team_gid, "resource_type": "team", "name": "Engineering"}]
    names = [u["name"] for u in asana.UsersApi(client).get_users({"workspace": ws})]
    assert names == ["certsync", "Ada Lovelace", "Grace Hopper", "Alan Turing"]
    ada = asana.UsersApi(client).get_user("ada@example.com", {})
    assert ada["name"] == "Ada Lovelace" and ada["email"] == "ada@example.com"


def test_a_private_project_gets_members_by_email_or_gid_and_loses_them(client, ws, sandbox):
    projects = asana.ProjectsApi(client)
    made = projects.create_project_for_workspace({"data": {"name": "Program reviews", "privacy_setting": "private"}},
                                                 ws, {"opt_fields": "privacy_setting,public,members"})
    assert made["privacy_setting"] == "private" and made["public"] is False
    assert [m["gid"] for m in made["members"]] == [sandbox.asana_user_gid]
    grace = asana.UsersApi(client).get_user("grace@example.com", {})["gid"]
    added = projects.add_members_for_project({"data": {"members": f"ada@example.com,{grace},me"}}, made["gid"],
                                             {"opt_fields": "members.email"})
    assert [m.get("email") for m in added["members"]] == ["certsync@example.com", "ada@example.com",
                                                          "grace@example.com"]
    left = projects.remove_members_for_project({"data": {"members": grace}}, made["gid"], {"opt_fields": "members"})
    assert len(left["members"]) == 2
    with pytest.raises(ApiException) as e:
        projects.add_members_for_project({"data": {"members": "nobody@example.com"}}, made["gid"], {})
    assert e.value.status == 404
    assert len(projects.get_project(made["gid"], {"opt_fields": "members"})["members"]) == 2


def test_task_notes_in_rich_text_are_kept_and_invalid_xml_is_refused(client, ws):
    project = make_project(client, ws, "Program reviews")
    html = "<body><h1>Weekly</h1>As of Fri.\n<ul><li><strong>A &amp; B</strong>: &lt;b&gt;</li></ul></body>"
    task = make_task(client, project["gid"], name="Weekly review", html_notes=html)
    got = asana.TasksApi(client).get_task(task["gid"], {"opt_fields": "notes,html_notes,created_by"})
    assert got["html_notes"] == html and "A & B: <b>" in got["notes"] and got["notes"].startswith("Weekly")
    for bad in ("<body><h1>open</body>", "no body", "<body><table><tr><td>x</td></tr></table></body>",
                '<body><strong class="x">x</strong></body>'):
        with pytest.raises(ApiException) as e:
            make_task(client, project["gid"], html_notes=bad)
        assert e.value.status == 400 and "html_notes" in error_of(e.value)["errors"][0]["message"]


def test_a_status_update_in_rich_text_reads_back_as_text(client, ws, sandbox):
    project = make_project(client, ws)
    updates = asana.StatusUpdatesApi(client)
    made = updates.create_status_for_object({"data": {
        "parent": project["gid"], "status_type": "on_track", "title": "Week 49",
        "html_text": "<body>3 on track.\n<ul><li><strong>Hannah</strong> (AWS)</li></ul></body>"}}, {})
    got = updates.get_status(made["gid"], {"opt_fields": "text,html_text,status_type,author"})
    assert got["status_type"] == "on_track" and "3 on track." in got["text"] and "Hannah (AWS)" in got["text"]
    assert got["author"]["gid"] == sandbox.asana_user_gid
