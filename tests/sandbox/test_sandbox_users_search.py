"""Users and search."""

import pytest
from notion_client import APIResponseError
from notion_client.helpers import collect_paginated_api

from sandbox_builders import make_data_source, text


def test_me_is_the_integration_bot(notion):
    me = notion.users.me()
    assert me["type"] == "bot" and me["bot"]["owner"] == {"type": "workspace", "workspace": True}


def test_list_includes_people_added_through_the_control_api(notion, sandbox):
    added = sandbox.add_user("Mia", "mia@example.com")
    assert added["object"] == "user" and added["person"]["email"] == "mia@example.com"
    every = collect_paginated_api(notion.users.list, page_size=2)
    assert added["id"] in [u["id"] for u in every]
    assert len([u for u in every if u["type"] == "person"]) >= 4
    assert notion.users.retrieve(added["id"].replace("-", ""))["name"] == "Mia"


def test_unknown_user_is_404(notion):
    with pytest.raises(APIResponseError) as e:
        notion.users.retrieve("5ca1ab1e-0000-4000-8000-00000000dead")
    assert e.value.status == 404


def test_the_root_page_is_discoverable_by_search(notion, sandbox):
    found = notion.search(query="certsync", filter={"property": "object", "value": "page"})
    assert sandbox.root_page_id in [r["id"] for r in found["results"]]


def test_search_finds_data_sources_by_title(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id, "Enrollments Q3")
    found = notion.search(query="enrollments", filter={"property": "object", "value": "data_source"})
    assert [r["id"] for r in found["results"]] == [ds]
    assert found["results"][0]["object"] == "data_source"


def test_search_excludes_trashed_pages(notion, sandbox):
    page = notion.pages.create(parent={"page_id": sandbox.root_page_id}, properties={"title": text("Scratch 1")})
    notion.blocks.delete(page["id"])
    assert notion.search(query="Scratch 1")["results"] == []


def test_search_filter_value_database_is_refused_in_2025_09_03(notion):
    with pytest.raises(APIResponseError) as e:
        notion.search(filter={"property": "object", "value": "database"})
    assert e.value.code == "validation_error"


def test_the_integration_is_named_through_the_control_api(notion, sandbox):
    import httpx

    r = httpx.put(f"{sandbox.url}/_sandbox/integration", json={"name": "Acme sync", "workspace_name": "Acme"})
    assert r.status_code == 200 and r.json()["name"] == "Acme sync"
    me = notion.users.me()
    assert (me["name"], me["bot"]["workspace_name"]) == ("Acme sync", "Acme")
    with pytest.raises(APIResponseError) as e:
        notion.pages.retrieve("5ca1ab1e-0000-4000-8000-00000000dead")
    assert e.value.status == 404 and 'shared with your integration "Acme sync"' in str(e.value)
    assert httpx.put(f"{sandbox.url}/_sandbox/integration", json={"name": ""}).status_code == 400
    sandbox.reset(data=True)
    assert notion.users.me()["name"] == "certsync sandbox"
