"""Auth, versions, capabilities, URLs, the error envelope."""

import httpx
import notion_client
import pytest
from notion_client import APIResponseError

from sandbox_builders import make_data_source, text
from datetime import UTC


@pytest.mark.parametrize("token", ["ntn_wrong", None])
def test_a_wrong_or_missing_token_gets_notions_401(sandbox, token):
    client = notion_client.Client(auth=token, base_url=sandbox.notion_url)
    with pytest.raises(APIResponseError) as e:
        client.users.list()
    assert e.value.status == 401 and e.value.code == "unauthorized"
    assert str(e.value) == "API token is invalid."
    assert e.value.request_id


def test_a_custom_token(sb_token):
    from certsync.sandbox import Sandbox

    with Sandbox(token="secret_abc", rate_limit=0).start() as sb:
        assert notion_client.Client(auth="secret_abc", base_url=sb.notion_url).users.me()["type"] == "bot"
        with pytest.raises(APIResponseError):
            notion_client.Client(auth=sb_token, base_url=sb.notion_url).users.me()


def test_an_unknown_url_is_invalid_request_url(notion):
    with pytest.raises(APIResponseError) as e:
        notion.request(path="invalid", method="GET")
    assert e.value.status == 400 and e.value.code == "invalid_request_url"


def test_missing_or_unknown_notion_version_is_refused(sandbox, sb_token):
    r = httpx.get(sandbox.notion_url + "/v1/users/me", headers={"Authorization": f"Bearer {sb_token}"})
    assert r.status_code == 400 and r.json()["code"] == "missing_version"
    r = httpx.get(sandbox.notion_url + "/v1/users/me",
                  headers={"Authorization": f"Bearer {sb_token}", "Notion-Version": "2021-05-13"})
    assert r.status_code == 400 and r.json()["code"] == "validation_error"


def test_invalid_json_body(sandbox, sb_token):
    r = httpx.post(sandbox.notion_url + "/v1/pages", content=b"{nope",
                   headers={"Authorization": f"Bearer {sb_token}", "Notion-Version": "2025-09-03"})
    assert r.status_code == 400 and r.json()["code"] == "invalid_json"
    assert r.headers["x-notion-request-id"] == r.json()["request_id"]


@pytest.mark.parametrize("cap, call", [
    ("read_content", lambda n, ds: n.data_sources.query(ds)),
    ("insert_content", lambda n, ds: n.pages.create(parent={"data_source_id": ds},
                                                   properties={"Name": {"title": text("x")}})),
    ("update_content", lambda n, ds: n.data_sources.update(ds, title=text("y"))),
])
def test_a_switched_off_content_capability_gives_403(notion, sandbox, cap, call):
    ds = make_data_source(notion, sandbox.root_page_id)
    sandbox.set_capabilities(**{cap: False})
    with pytest.raises(APIResponseError) as e:
        call(notion, ds)
    assert e.value.status == 403 and e.value.code == "restricted_resource"


def test_capabilities_through_the_control_api(sandbox):
    r = httpx.put(sandbox.url + "/_sandbox/capabilities", json={"insert_comments": False})
    assert r.json()["insert_comments"] is False
    r = httpx.put(sandbox.url + "/_sandbox/capabilities", json={"fly": True})
    assert r.status_code == 400 and "fly" in r.json()["error"]
    with pytest.raises(ValueError):
        sandbox.set_capabilities(fly=True)


def test_every_error_body_has_object_status_code_message_request_id(notion):
    with pytest.raises(APIResponseError) as e:
        notion.pages.retrieve("5ca1ab1e-0000-4000-8000-00000000dead")
    import json

    body = json.loads(e.value.body)
    assert set(body) == {"object", "status", "code", "message", "additional_data", "request_id"}
    assert body["object"] == "error" and body["status"] == 404


def test_responses_carry_a_date_header_from_the_server_clock(sandbox, sb_token):
    from datetime import datetime
    from email.utils import parsedate_to_datetime

    r = httpx.get(sandbox.notion_url + "/v1/users/me",
                  headers={"Authorization": f"Bearer {sb_token}", "Notion-Version": "2025-09-03"})
    sent = parsedate_to_datetime(r.headers["date"])
    assert abs((datetime.now(UTC) - sent).total_seconds()) < 5
