"""Persistence to a data file, stats, reset and the control API."""

import json

import httpx
import notion_client

from certsync.sandbox import Sandbox
from sandbox_builders import add_page, make_data_source, names


def test_a_data_file_survives_a_restart(tmp_path, sb_token):
    path = tmp_path / "notion.json"
    with Sandbox(rate_limit=0, data=str(path)).start() as sb:
        n = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
        ds = make_data_source(n, sb.root_page_id)
        page = add_page(n, ds, "Ada", Hours={"number": 3}, Status={"select": {"name": "New option"}})
        n.comments.create(parent={"page_id": page["id"]}, rich_text=[{"text": {"content": "hi"}}])
        user = sb.add_user("Mia", "mia@example.com")
    json.loads(path.read_text())  # a complete JSON document
    assert [p.name for p in tmp_path.iterdir()] == ["notion.json"]  # no temp files left behind
    with Sandbox(rate_limit=0, data=str(path)).start() as sb:
        n = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
        again = n.pages.retrieve(page["id"])
        assert again["properties"]["Hours"]["number"] == 3
        assert again["properties"]["Status"]["select"]["name"] == "New option"
        assert names(n.data_sources.query(ds)) == ["Ada"]
        assert len(n.comments.list(block_id=page["id"])["results"]) == 1
        assert n.users.retrieve(user["id"])["name"] == "Mia"
        add_page(n, ds, "Bea")
        assert names(n.data_sources.query(ds)) == ["Bea", "Ada"]


def test_stats_count_requests_by_route_and_status(sandbox, notion):
    ds = make_data_source(notion, sandbox.root_page_id)
    page = add_page(notion, ds, "Ada")
    for h in range(3):
        notion.pages.update(page["id"], properties={"Hours": {"number": h}})
    rows = httpx.get(sandbox.url + "/_sandbox/stats").json()["requests"]
    assert {"method": "PATCH", "route": "/v1/pages/{page_id}", "status": 200, "count": 3} in rows
    assert {"method": "POST", "route": "/v1/pages", "status": 200, "count": 1} in rows
    assert sandbox.stats() == {"requests": rows}


def test_reset_empties_stats_and_optionally_data(sandbox, notion):
    ds = make_data_source(notion, sandbox.root_page_id)
    httpx.post(sandbox.url + "/_sandbox/reset")
    assert sandbox.stats() == {"requests": []}
    assert notion.data_sources.retrieve(ds)["id"] == ds
    httpx.post(sandbox.url + "/_sandbox/reset?data=1")
    assert notion.search(query="")["results"][0]["id"] == sandbox.root_page_id
    assert len(notion.search(query="")["results"]) == 1


def test_control_users_and_root_pages(sandbox, notion):
    r = httpx.post(sandbox.url + "/_sandbox/users", json={"name": "Mia", "email": "mia@example.com"})
    assert r.status_code == 200 and r.json()["type"] == "person"
    assert notion.users.retrieve(r.json()["id"])["person"]["email"] == "mia@example.com"
    assert httpx.post(sandbox.url + "/_sandbox/users", json={"name": "x"}).status_code == 400
    page = httpx.post(sandbox.url + "/_sandbox/pages", json={"title": "Team space"}).json()
    assert page["parent"] == {"type": "workspace", "workspace": True}
    assert notion.search(query="Team space")["results"][0]["id"] == page["id"]


def test_the_control_api_describes_itself(sandbox):
    info = httpx.get(sandbox.url + "/_sandbox").json()
    assert info["notion_url"] == sandbox.notion_url and info["root_page_id"] == sandbox.root_page_id
    assert httpx.get(sandbox.url + "/_sandbox/nope").status_code == 404


def test_stop_is_clean_with_open_keep_alive_connections(sb_token):
    import threading

    before = threading.active_count()
    sb = Sandbox(rate_limit=0).start()
    n = notion_client.Client(auth=sb_token, base_url=sb.notion_url)
    n.users.me()
    sb.stop()
    assert threading.active_count() <= before + 1


def test_an_unreadable_data_file_is_a_clear_error(tmp_path):
    import pytest

    bad = tmp_path / "notion.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not a sandbox data file"):
        Sandbox(data=str(bad))
    with pytest.raises(ValueError, match="does not exist"):
        Sandbox(data=str(tmp_path / "missing" / "notion.json"))


def test_serve_forever_stops_cleanly_on_sigterm():
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = f"from certsync.sandbox import Sandbox; Sandbox(rate_limit=0).serve_forever('127.0.0.1', {port})"
    proc = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/_sandbox")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
