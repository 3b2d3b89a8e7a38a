"""Pagination: limit 1–100, next_page {offset, path, uri}, the SDK's iterator past 100 and
item_limit, offsets that expire after 15 minutes, and "The result is too large" without a limit."""

import asana
import httpx
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import error_of, make_project


@pytest.fixture
def big(sandbox, client, ws):
    """A project of 1,500 tasks ptest-0001 … ptest-1500, as the recordings had."""
    project = make_project(client, ws, "pagination-test")
    r = httpx.post(sandbox.url + "/_sandbox/asana/tasks",
                   json={"project": project["gid"], "names": [f"ptest-{i:04d}" for i in range(1, 1501)]})
    assert r.status_code == 200 and len(r.json()["gids"]) == 1500
    return project


def get(sandbox, path, **params):
    return httpx.get(sandbox.asana_url + path, params=params, headers={"Authorization": f"Bearer {sandbox.token}"})


def test_the_sdk_iterator_walks_every_page(client, big):
    names = [t["name"] for t in asana.TasksApi(client).get_tasks({"project": big["gid"]})]
    assert len(names) == 1500 and names[0] == "ptest-1500" and names[-1] == "ptest-0001"


def test_item_limit_caps_the_results(client, big):
    names = [t["name"] for t in asana.TasksApi(client).get_tasks({"project": big["gid"]}, item_limit=250)]
    assert len(names) == 250 and names[-1] == "ptest-1251"


def test_next_page_has_offset_path_and_uri_and_is_null_at_the_end(sandbox, big):
    first = get(sandbox, "/tasks", project=big["gid"], limit=100).json()
    nxt = first["next_page"]
    assert set(nxt) == {"offset", "path", "uri"} and nxt["uri"] == sandbox.asana_url + nxt["path"]
    assert nxt["path"].startswith(f"/tasks?project={big['gid']}&limit=100&offset=")
    last = get(sandbox, "/tasks", project=big["gid"], limit=100, offset=nxt["offset"])
    assert last.json()["data"][0]["name"] == "ptest-1400"
    tail = get(sandbox, "/tasks", project=big["gid"], limit=100)
    for _ in range(14):
        tail = get(sandbox, "/tasks", project=big["gid"], limit=100, offset=tail.json()["next_page"]["offset"])
    assert tail.json()["next_page"] is None and len(tail.json()["data"]) == 100


def test_without_a_limit_a_big_list_is_too_large_and_a_small_one_has_no_next_page(sandbox, client, ws, big):
    r = get(sandbox, "/tasks", project=big["gid"])
    assert r.status_code == 400 and r.json()["errors"][0]["message"] == (
        "The result is too large. You should use pagination (may require specifying a workspace)!")
    small = make_project(client, ws, "pagination-test-small")
    asana.TasksApi(client).create_task({"data": {"name": "psmall-0001", "projects": [small["gid"]]}}, {})
    body = get(sandbox, "/tasks", project=small["gid"]).json()
    assert "next_page" not in body and len(body["data"]) == 1


def test_an_offset_expires_after_15_minutes_of_the_sandbox_clock(sandbox, big):
    offset = get(sandbox, "/tasks", project=big["gid"], limit=10).json()["next_page"]["offset"]
    assert get(sandbox, "/tasks", project=big["gid"], limit=10, offset=offset).status_code == 200
    sandbox.advance_clock(15 * 60 + 1)
    r = get(sandbox, "/tasks", project=big["gid"], limit=10, offset=offset)
    assert r.status_code == 400 and "expired" in r.json()["errors"][0]["message"]


def test_an_offset_of_another_list_or_a_made_up_one_is_refused(sandbox, client, ws, big):
    offset = get(sandbox, "/tasks", project=big["gid"], limit=10).json()["next_page"]["offset"]
    other = make_project(client, ws, "other")
    assert get(sandbox, "/tasks", project=other["gid"], limit=10, offset=offset).status_code == 400
    assert get(sandbox, "/tasks", project=big["gid"], limit=10, offset="made-up").status_code == 400


@pytest.mark.parametrize("limit", [0, 101, "ten"])
def test_limit_must_be_1_to_100(sandbox, big, limit):
    assert get(sandbox, "/tasks", project=big["gid"], limit=limit).status_code == 400


def test_opt_fields_on_a_list(client, big):
    first = next(iter(asana.TasksApi(client).get_tasks({"project": big["gid"], "opt_fields": "name,completed",
                                                         "limit": 5})))
    assert set(first) == {"gid", "name", "completed"}


def test_a_page_error_reaches_the_sdk(client):
    with pytest.raises(ApiException) as e:
        list(asana.TasksApi(client).get_tasks({"project": "1299999999999999"}))
    assert error_of(e.value)["errors"][0]["message"] == "project: Not a recognized ID: 1299999999999999"


def test_a_list_shows_a_change_made_after_it_was_last_read(client, ws):
    """Lists are rendered once per state of the store: a write must show on the next read."""
    project = make_project(client, ws, "cache")
    task = asana.TasksApi(client).create_task({"data": {"name": "before", "projects": [project["gid"]]}}, {})
    opts = {"opt_fields": "name,notes"}
    assert [t["name"] for t in asana.TasksApi(client).get_tasks_for_project(project["gid"], opts)] == ["before"]
    asana.TasksApi(client).update_task({"data": {"name": "after"}}, task["gid"], {})
    assert [t["name"] for t in asana.TasksApi(client).get_tasks_for_project(project["gid"], opts)] == ["after"]


def test_nested_opt_fields_reach_into_other_objects(client, ws, sandbox):
    project = make_project(client, ws, "nested")
    asana.TasksApi(client).create_task({"data": {"name": "t", "projects": [project["gid"]], "assignee": "me"}}, {})
    got = next(iter(asana.TasksApi(client).get_tasks_for_project(
        project["gid"], {"opt_fields": "assignee,projects.name,assignee.email"})))
    assert got["assignee"] == {"gid": sandbox.asana_user_gid, "email": "certsync@example.com"}
    assert got["projects"] == [{"gid": project["gid"], "name": "nested"}]
    bare = next(iter(asana.TasksApi(client).get_tasks_for_project(project["gid"], {"opt_fields": "assignee"})))
    assert bare["assignee"] == {"gid": sandbox.asana_user_gid}
