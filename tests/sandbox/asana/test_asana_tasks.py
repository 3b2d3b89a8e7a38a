"""Tasks: create, get, update, delete, lists with completed_since/modified_since, subtasks,
setParent, addProject/removeProject, and when modified_at moves."""

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import error_of, make_project, make_task


@pytest.fixture
def project(client, ws):
    return make_project(client, ws)


def test_task_crud_as_recorded(client, project, sandbox):
    tasks = asana.TasksApi(client)
    made = make_task(client, project["gid"], "pytest-e2e-test_task_crud")
    assert made["actual_time_minutes"] == 0 and made["assignee"] is None and made["parent"] is None
    assert made["memberships"][0]["section"]["name"] == "Untitled section"
    assert made["followers"][0]["gid"] == sandbox.asana_user_gid
    got = tasks.get_task(made["gid"], {})
    assert got["actual_time_minutes"] is None and got["projects"][0]["gid"] == project["gid"]
    updated = tasks.update_task({"data": {"notes": "updated by e2e test"}}, made["gid"], {})
    assert updated["notes"] == "updated by e2e test"
    assert tasks.delete_task(made["gid"]) == {}
    with pytest.raises(ApiException) as e:
        tasks.get_task(made["gid"], {})
    assert e.value.status == 404


def test_a_task_needs_a_workspace_parent_or_project(client):
    with pytest.raises(ApiException) as e:
        asana.TasksApi(client).create_task({"data": {"name": "x"}}, {})
    assert error_of(e.value)["errors"][0]["message"] == "You should specify one of workspace, parent, projects"


def test_create_with_memberships_assignee_and_due_on(client, project, sandbox):
    section = asana.SectionsApi(client).create_section_for_project(project["gid"], {"body": {"data": {"name": "W1"}}})
    made = asana.TasksApi(client).create_task({"data": {
        "name": "check-in", "memberships": [{"project": project["gid"], "section": section["gid"]}],
        "assignee": "ada@example.com", "due_on": "2026-03-06"}}, {})
    assert made["memberships"][0]["section"]["gid"] == section["gid"]
    assert made["assignee"]["name"] == "Ada Lovelace" and made["due_on"] == "2026-03-06"


def test_unknown_properties_and_bad_dates_are_refused(client, project):
    tasks = asana.TasksApi(client)
    task = make_task(client, project["gid"])
    for data in ({"colour": "red"}, {"due_on": "06/03/2026"}, {"completed": "yes"}):
        with pytest.raises(ApiException) as e:
            tasks.update_task({"data": data}, task["gid"], {})
        assert e.value.status == 400


def test_project_lists_are_newest_first_and_compact(client, project):
    a, b = make_task(client, project["gid"], "a"), make_task(client, project["gid"], "b")
    listed = list(asana.TasksApi(client).get_tasks({"project": project["gid"]}))
    assert listed == [{"gid": b["gid"], "name": "b", "resource_type": "task", "resource_subtype": "default_task"},
                      {"gid": a["gid"], "name": "a", "resource_type": "task", "resource_subtype": "default_task"}]
    assert [t["gid"] for t in asana.TasksApi(client).get_tasks_for_project(project["gid"], {})] == [b["gid"], a["gid"]]


def test_completed_since_and_modified_since(client, project, sandbox):
    tasks = asana.TasksApi(client)
    old = make_task(client, project["gid"], "old, done")
    tasks.update_task({"data": {"completed": True}}, old["gid"], {})
    sandbox.advance_clock(3600)
    cutoff = tasks.get_task(old["gid"], {})["modified_at"]
    sandbox.advance_clock(60)
    fresh = make_task(client, project["gid"], "fresh")
    names = lambda opts: [t["name"] for t in tasks.get_tasks_for_project(project["gid"], opts)]  # noqa: E731
    assert names({"completed_since": "now"}) == ["fresh"]
    assert names({"modified_since": cutoff}) == ["fresh", "old, done"]
    assert names({"modified_since": tasks.get_task(fresh["gid"], {})["created_at"]}) == ["fresh"]


def test_modified_at_moves_on_changes_and_stories_not_on_subtask_changes(client, project, sandbox):
    tasks = asana.TasksApi(client)
    parent = make_task(client, project["gid"], "parent")
    sub = tasks.create_subtask_for_task({"data": {"name": "sub"}}, parent["gid"], {})
    before = tasks.get_task(parent["gid"], {})["modified_at"]
    sandbox.advance_clock(5)
    tasks.update_task({"data": {"name": "sub renamed"}}, sub["gid"], {})
    assert tasks.get_task(parent["gid"], {})["modified_at"] == before
    tasks.update_task({"data": {"due_on": "2026-03-02"}}, parent["gid"], {})
    after_edit = tasks.get_task(parent["gid"], {})["modified_at"]
    assert after_edit > before
    sandbox.advance_clock(5)
    asana.StoriesApi(client).create_story_for_task({"data": {"text": "hello"}}, parent["gid"], {})
    assert tasks.get_task(parent["gid"], {})["modified_at"] > after_edit


def test_subtasks_list_create_and_set_parent(client, project):
    tasks = asana.TasksApi(client)
    parent, other = make_task(client, project["gid"], "parent"), make_task(client, project["gid"], "other")
    sub = tasks.create_subtask_for_task({"data": {"name": "week 1"}}, parent["gid"], {})
    assert sub["parent"]["gid"] == parent["gid"] and sub["projects"] == []
    assert [t["name"] for t in tasks.get_subtasks_for_task(parent["gid"], {})] == ["week 1"]
    moved = tasks.set_parent_for_task({"data": {"parent": other["gid"]}}, sub["gid"], {})
    assert moved["parent"]["gid"] == other["gid"]
    assert list(tasks.get_subtasks_for_task(parent["gid"], {})) == []
    with pytest.raises(ApiException):
        tasks.set_parent_for_task({"data": {"parent": sub["gid"]}}, other["gid"], {})


def test_add_project_and_remove_project(client, project, ws):
    tasks = asana.TasksApi(client)
    check_ins = make_project(client, ws, "Check-ins")
    task = make_task(client, project["gid"])
    tasks.add_project_for_task({"data": {"project": check_ins["gid"]}}, task["gid"])
    assert {p["name"] for p in tasks.get_task(task["gid"], {})["projects"]} == {"Enrollments", "Check-ins"}
    tasks.remove_project_for_task({"data": {"project": project["gid"]}}, task["gid"])
    assert [p["name"] for p in tasks.get_task(task["gid"], {})["projects"]] == ["Check-ins"]
    assert list(tasks.get_tasks_for_project(project["gid"], {})) == []


def test_completed_sets_completed_at_and_by(client, project, sandbox):
    tasks = asana.TasksApi(client)
    task = make_task(client, project["gid"])
    opts = {"opt_fields": "completed,completed_at,completed_by"}
    done = tasks.update_task({"data": {"completed": True}}, task["gid"], opts)
    assert done["completed"] is True and done["completed_at"] and done["completed_by"]["gid"] == sandbox.asana_user_gid
    undone = tasks.update_task({"data": {"completed": False}}, task["gid"], {})
    assert undone["completed_at"] is None


def test_tasks_by_assignee_and_workspace(client, project, ws):
    make_task(client, project["gid"], "mine", assignee="me")
    make_task(client, project["gid"], "not mine")
    assert [t["name"] for t in asana.TasksApi(client).get_tasks({"assignee": "me", "workspace": ws})] == ["mine"]
    with pytest.raises(ApiException) as e:
        list(asana.TasksApi(client).get_tasks({}))
    assert e.value.status == 400


def test_an_update_with_one_bad_value_changes_nothing(client, project):
    from sandbox_asana_builders import make_field

    tasks = asana.TasksApi(client)
    field = make_field(client, project["workspace"]["gid"], "Hours", "number", project["gid"])
    task = make_task(client, project["gid"], "before")
    for data in ({"name": "after", "due_on": "soon"}, {"name": "after", "custom_fields": {field["gid"]: "many"}}):
        with pytest.raises(ApiException):
            tasks.update_task({"data": data}, task["gid"], {})
    assert tasks.get_task(task["gid"], {})["name"] == "before"
    assert [s["resource_subtype"] for s in asana.StoriesApi(client).get_stories_for_task(task["gid"], {})] == [
        "added_to_project"]


def test_a_create_with_a_bad_value_makes_no_task(client, project):
    from sandbox_asana_builders import make_field

    field = make_field(client, project["workspace"]["gid"], "Hours", "number", project["gid"])
    with pytest.raises(ApiException):
        make_task(client, project["gid"], custom_fields={field["gid"]: "many"})
    assert list(asana.TasksApi(client).get_tasks_for_project(project["gid"], {})) == []
