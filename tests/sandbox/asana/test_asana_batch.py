"""POST /batch: up to 10 actions, each answered as if sent alone."""

import asana
import httpx
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import error_of, make_project


def batch(client, actions):
    return list(asana.BatchAPIApi(client).create_batch_request({"data": {"actions": actions}}, {}))


def test_a_batch_creates_updates_reads_and_deletes(client, ws):
    project = make_project(client, ws, "pytest-e2e-test_batch_crud_lifecycle")
    made = batch(client, [{"relative_path": "/tasks", "method": "post",
                           "data": {"name": f"batch-task-{i:02d}", "projects": [project["gid"]]}} for i in range(10)])
    assert [m["status_code"] for m in made] == [201] * 10
    gid = made[0]["body"]["data"]["gid"]
    assert made[0]["headers"]["headers"] == [{"key": "location", "value": f"/api/1.0/tasks/{gid}"}]
    assert made[0]["headers"]["empty"] is False
    updated = batch(client, [{"relative_path": f"/tasks/{gid}", "method": "put",
                              "data": {"notes": "batch-updated-00"}}])
    assert updated[0]["body"]["data"]["notes"] == "batch-updated-00"
    assert updated[0]["headers"]["empty"] is True
    read = batch(client, [{"relative_path": f"/tasks/{gid}", "method": "get",
                           "options": {"fields": ["gid", "name", "notes"]}}])
    assert read[0]["body"] == {"data": {"gid": gid, "name": "batch-task-00", "notes": "batch-updated-00"}}
    deleted = batch(client, [{"relative_path": f"/tasks/{gid}", "method": "delete"}])
    assert deleted[0] == {"body": {"data": {}}, "status_code": 200,
                          "headers": {"headers": [], "keys": [], "as_tuples": [], "empty": True}}


def test_one_failing_action_does_not_fail_the_others(client, sandbox):
    out = batch(client, [{"relative_path": "/users/me", "method": "get", "options": {"fields": ["gid", "name"]}}] * 9
                + [{"relative_path": "/tasks/1299999999999999", "method": "get"}])
    assert [o["status_code"] for o in out] == [200] * 9 + [404]
    assert out[0]["body"] == {"data": {"gid": sandbox.asana_user_gid, "name": "certsync"}}
    assert out[9]["body"]["errors"][0]["message"] == "task: Not a recognized ID: 1299999999999999"


@pytest.mark.parametrize("n, message", [(0, "Batch requests must contain at least one action"),
                                        (11, "Batch requests must contain no more than 10 actions")])
def test_a_batch_holds_1_to_10_actions(client, n, message):
    with pytest.raises(ApiException) as e:
        batch(client, [{"relative_path": "/users/me", "method": "get"}] * n)
    assert e.value.status == 400 and error_of(e.value)["errors"][0]["message"] == message


def test_a_batch_action_on_an_unknown_route_is_404_inside(sandbox):
    actions = [{"relative_path": "/nope", "method": "get"}]
    r = httpx.post(sandbox.asana_url + "/batch", json={"data": {"actions": actions}},
                   headers={"Authorization": f"Bearer {sandbox.token}"})
    assert r.status_code == 200 and r.json()["data"][0]["status_code"] == 404
