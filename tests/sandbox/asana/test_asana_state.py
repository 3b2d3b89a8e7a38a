"""Persistence of both APIs to one data file, reset, and the Asana control API."""

import json

import asana
import httpx
import notion_client

from sandbox_asana_builders import make_field, make_project, make_task, value_of
from certsync.sandbox import Sandbox
from sandbox_asana_builders import sdk_client


def test_one_data_file_keeps_both_apis_across_a_restart(tmp_path, sb_token):
    path = tmp_path / "sandbox.json"
    with Sandbox(rate_limit=0, data=str(path)).start() as sb:
        client = sdk_client(sb)
        project = make_project(client, sb.asana_workspace_gid)
        field = make_field(client, sb.asana_workspace_gid, "Hours", "number", project["gid"])
        task = make_task(client, project["gid"], custom_fields={field["gid"]: 3})
        sb.add_asana_user("Mia", "mia@example.com", token="mia-token")
        notion = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
        page = sb.add_root_page("Team space")
    data = json.loads(path.read_text())
    assert data["format"] == "certsync-sandbox/2" and {"notion", "asana"} <= set(data)
    with Sandbox(rate_limit=0, data=str(path)).start() as sb:
        client = sdk_client(sb)
        again = asana.TasksApi(client).get_task(task["gid"], {})
        assert value_of(again, field["gid"])["number_value"] == 3
        assert asana.UsersApi(sdk_client(sb, "mia-token")).get_user("me", {})["name"] == "Mia"
        assert make_task(client, project["gid"], "next")["gid"] > task["gid"]  # gids keep counting
        notion = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
        assert notion.pages.retrieve(page["id"])["id"] == page["id"]


def test_a_notion_only_data_file_is_still_read(tmp_path, sb_token):
    path = tmp_path / "notion.json"
    with Sandbox(rate_limit=0, data=str(path)).start() as sb:
        page = sb.add_root_page("Old")
    data = json.loads(path.read_text())
    path.write_text(json.dumps(data["notion"]))  # as the Notion-only sandbox wrote it
    with Sandbox(rate_limit=0, data=str(path)).start() as sb:
        notion = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
        assert notion.pages.retrieve(page["id"])["id"] == page["id"]
        assert asana.UsersApi(sdk_client(sb)).get_user("me", {})["name"] == "certsync"


def test_reset_with_data_wipes_asana_back_to_its_seed(sandbox, client, ws):
    make_project(client, ws)
    sandbox.add_asana_user("Mia", "mia@example.com")
    httpx.post(sandbox.url + "/_sandbox/reset?data=1")
    assert list(asana.ProjectsApi(client).get_projects_for_workspace(ws, {})) == []
    assert len(list(asana.UsersApi(client).get_users({"workspace": ws}))) == 4


def test_the_control_api_seeds_and_does_what_only_the_app_does(sandbox, client, ws):
    base = sandbox.url + "/_sandbox/asana"
    user = httpx.post(base + "/users", json={"name": "Mia", "email": "mia@example.com"}).json()
    assert user["resource_type"] == "user" and user["name"] == "Mia"
    assert httpx.post(base + "/users", json={"name": "x"}).status_code == 400
    project = make_project(client, ws, "Check-ins")
    hours = make_field(client, ws, "Hours", "number", project["gid"])
    task = httpx.post(base + "/form_submissions", json={"project": project["gid"], "name": "Week of 2 Mar",
                                                        "custom_fields": {hours["gid"]: 6},
                                                        "submitter": user["gid"]}).json()
    assert task["memberships"][0]["section"]["name"] == "Untitled section" and task["assignee"] is None
    assert value_of(task, hours["gid"])["number_value"] == 6
    stories = list(asana.StoriesApi(client).get_stories_for_task(task["gid"], {}))
    assert stories[-1]["resource_subtype"] == "form_submitted" and stories[-1]["created_by"]["name"] == "Mia"
    story = httpx.post(base + "/stories", json={"task": task["gid"], "text": "Mia changed Hours"}).json()
    assert story["type"] == "system"
    done = asana.SectionsApi(client).create_section_for_project(project["gid"], {"body": {"data": {"name": "Done"}}})
    sandbox.advance_clock(61)  # the submitter's own edits in the first minute write no story
    moved = httpx.post(base + "/moves", json={"task": task["gid"], "section": done["gid"], "user": user["gid"]}).json()
    assert moved["memberships"][0]["section"]["name"] == "Done"
    last = list(asana.StoriesApi(client).get_stories_for_task(task["gid"], {}))[-1]
    assert last["resource_subtype"] == "section_changed" and last["created_by"]["name"] == "Mia"
    formula = httpx.post(base + "/formula_fields", json={"project": project["gid"], "name": "Total", "value": 9}).json()
    assert formula["is_formula_field"] is True
    free = httpx.put(f"{base}/workspaces/{ws}", json={"free": True}).json()
    assert free["free"] is True
    restricted = httpx.put(f"{base}/custom_fields/{hours['gid']}", json={"restricted": True}).json()
    assert restricted["restricted"] is True
    assert httpx.put(base + "/rate_limit", json={"per_minute": 100}).json()["per_minute"] == 100
    assert httpx.get(base + "/nope").status_code == 404
    assert httpx.post(base + "/moves", json={"task": "1299999999999999", "section": done["gid"]}).status_code == 404


def test_a_workspace_like_the_recorded_one_can_be_seeded(sandbox):
    """A free workspace that is no organization, with a team, and a user of two workspaces with a
    token of their own: what the recordings were made in."""
    one = sandbox.add_asana_workspace("E2E Workspace", free=True, is_organization=False, team_name="E2E Team",
                                      section_name="無題のセクション")
    two = sandbox.add_asana_workspace("E2E Workspace", free=True, is_organization=False)
    sandbox.add_asana_user("E2E User", "e2e@example.com", token="e2e", workspace=[two["gid"], one["gid"]])
    client = sdk_client(sandbox, "e2e")
    assert [w["gid"] for w in asana.WorkspacesApi(client).get_workspaces({})] == [two["gid"], one["gid"]]
    project = make_project(client, one["gid"], "pytest-e2e-test_project_crud")
    assert project["team"]["name"] == "E2E Team" and project["owner"]["name"] == "E2E User"
    task = make_task(client, project["gid"])
    got = asana.TasksApi(client).get_task(task["gid"], {})
    assert "custom_fields" not in got and got["memberships"][0]["section"]["name"] == "無題のセクション"
