"""One process serves Notion and Asana; Asana's auth, envelope, errors, 201 + Location, 404s."""

import asana
import httpx
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import error_of, make_project
from sandbox_asana_builders import sdk_client


def test_the_sdk_reads_the_token_users_workspace(client, sandbox, ws):
    me = asana.UsersApi(client).get_user("me", {})
    assert me["gid"] == sandbox.asana_user_gid and me["workspaces"][0]["gid"] == ws
    assert list(asana.WorkspacesApi(client).get_workspaces({}))[0] == {
        "gid": ws, "resource_type": "workspace", "name": "certsync sandbox"}
    assert asana.WorkspacesApi(client).get_workspace(ws, {})["is_organization"] is True


def test_notion_and_asana_answer_on_one_port_with_one_token(sandbox, notion, client):
    assert notion.users.me()["type"] == "bot"
    assert asana.UsersApi(client).get_user("me", {})["name"] == "certsync"
    assert sandbox.asana_url == sandbox.url + "/asana/api/1.0"


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer wrong", "Basic ntn_sandbox"])
def test_a_missing_empty_or_wrong_token_gets_asanas_401(sandbox, header):
    headers = {"Authorization": header} if header is not None else {}
    r = httpx.get(sandbox.asana_url + "/users/me", headers=headers)
    assert r.status_code == 401
    assert r.json()["errors"][0]["message"] == "Not Authorized"
    assert "developers.asana.com/docs/errors" in r.json()["errors"][0]["help"]


def test_the_sdk_raises_401_for_a_wrong_token(sandbox):
    with pytest.raises(ApiException) as e:
        asana.UsersApi(sdk_client(sandbox, "nope")).get_user("me", {})
    assert e.value.status == 401


def test_an_unknown_gid_is_not_a_recognized_id_and_a_word_is_not_a_long(client):
    tasks = asana.TasksApi(client)
    with pytest.raises(ApiException) as e:
        tasks.get_task("1299999999999999", {})
    assert e.value.status == 404
    assert error_of(e.value)["errors"][0]["message"] == "task: Not a recognized ID: 1299999999999999"
    with pytest.raises(ApiException) as e:
        tasks.get_task("abc", {})
    assert e.value.status == 400 and error_of(e.value)["errors"][0]["message"] == "task: Not a Long: abc"


def test_an_unknown_route_is_404_in_asanas_envelope(sandbox):
    r = httpx.get(sandbox.asana_url + "/nothing/here", headers={"Authorization": f"Bearer {sandbox.token}"})
    assert r.status_code == 404 and r.json()["errors"][0]["message"] == "No matching route for request"


def test_create_answers_201_with_location_and_the_data_envelope(sandbox, ws):
    r = httpx.post(f"{sandbox.asana_url}/workspaces/{ws}/projects", json={"data": {"name": "Über ✓"}},
                   headers={"Authorization": f"Bearer {sandbox.token}", "Content-Type": "application/json"})
    assert r.status_code == 201
    gid = r.json()["data"]["gid"]
    assert r.headers["Location"] == f"/api/1.0/projects/{gid}"
    assert r.json()["data"]["name"] == "Über ✓"


def test_non_ascii_sent_as_escapes_reads_back_as_text(client, ws):
    # the SDK sends json.dumps(body): non-ASCII as \\uXXXX escapes
    project = make_project(client, ws, "Zertifizierung – Ü")
    assert asana.ProjectsApi(client).get_project(project["gid"], {})["name"] == "Zertifizierung – Ü"


def test_a_body_that_is_not_json_is_400(sandbox):
    r = httpx.post(sandbox.asana_url + "/tasks", content=b"{nope",
                   headers={"Authorization": f"Bearer {sandbox.token}", "Content-Type": "application/json"})
    assert r.status_code == 400 and "errors" in r.json()


def test_stats_and_reset_cover_both_apis(sandbox, notion, client, ws):
    notion.users.me()
    make_project(client, ws)
    routes = {row["route"] for row in sandbox.stats()["requests"]}
    assert {"/v1/users/me", "/asana/api/1.0/workspaces/{workspace_gid}/projects"} <= routes
    sandbox.reset(data=True)
    assert sandbox.stats() == {"requests": []}
    assert list(asana.ProjectsApi(client).get_projects_for_workspace(ws, {})) == []


def test_the_control_api_describes_asana_too(sandbox):
    info = httpx.get(sandbox.url + "/_sandbox").json()
    assert info["asana_url"] == sandbox.asana_url and info["notion_url"] == sandbox.notion_url
    assert httpx.get(sandbox.url + "/_sandbox/asana").json()["asana"]["workspace_gid"] == sandbox.asana_workspace_gid
