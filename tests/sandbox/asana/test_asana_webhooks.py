"""Webhooks: the X-Hook-Secret handshake on create, deliveries signed with X-Hook-Signature,
filters, list and delete."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import make_project, make_task


class Target:
    """A local webhook target that answers the handshake (unless told not to) and keeps what it got."""

    def __init__(self, echo_secret=True):
        self.secret = None
        self.deliveries: list[tuple[dict, str]] = []
        target = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                if self.headers.get("X-Hook-Secret"):
                    target.secret = self.headers["X-Hook-Secret"]
                    if echo_secret:
                        self.send_header("X-Hook-Secret", target.secret)
                else:
                    target.deliveries.append((json.loads(body), self.headers.get("X-Hook-Signature"), body))
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait(self, n, seconds=5.0):
        deadline = time.time() + seconds
        while len(self.deliveries) < n and time.time() < deadline:
            time.sleep(0.02)
        return self.deliveries

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def target():
    t = Target()
    yield t
    t.close()


def test_create_shakes_hands_then_delivers_signed_events(client, ws, target):
    project = make_project(client, ws)
    hooks = asana.WebhooksApi(client)
    hook = hooks.create_webhook({"data": {"resource": project["gid"], "target": target.url}}, {})
    assert target.secret and hook["active"] is True and hook["resource"]["gid"] == project["gid"]
    assert hook["target"] == target.url
    task = make_task(client, project["gid"])
    payload, signature, raw = target.wait(1)[0]
    assert signature == hmac.new(target.secret.encode(), raw, hashlib.sha256).hexdigest()
    added = [e for e in payload["events"] if e["action"] == "added" and e["resource"]["resource_type"] == "task"]
    assert added[0]["resource"] == {"gid": task["gid"], "resource_type": "task"}
    assert added[0]["parent"] == {"gid": project["gid"], "resource_type": "project"}
    assert hooks.get_webhook(hook["gid"], {})["last_success_at"] is not None


def test_a_target_that_does_not_echo_the_secret_is_refused(client, ws):
    bad = Target(echo_secret=False)
    try:
        with pytest.raises(ApiException) as e:
            asana.WebhooksApi(client).create_webhook(
                {"data": {"resource": make_project(client, ws)["gid"], "target": bad.url}}, {})
        assert e.value.status == 400
    finally:
        bad.close()


def test_filters_choose_what_is_delivered(client, ws, target):
    project = make_project(client, ws)
    asana.WebhooksApi(client).create_webhook({"data": {
        "resource": project["gid"], "target": target.url,
        "filters": [{"resource_type": "task", "action": "changed", "fields": ["name"]}]}}, {})
    task = make_task(client, project["gid"])
    asana.TasksApi(client).update_task({"data": {"notes": "not delivered"}}, task["gid"], {})
    asana.TasksApi(client).update_task({"data": {"name": "delivered"}}, task["gid"], {})
    events = [e for payload, _, _ in target.wait(1) for e in payload["events"]]
    assert events and all(e["change"]["field"] == "name" for e in events)


def test_webhooks_are_listed_updated_and_deleted(client, ws, target):
    project = make_project(client, ws)
    hooks = asana.WebhooksApi(client)
    hook = hooks.create_webhook({"data": {"resource": project["gid"], "target": target.url}}, {})
    assert [h["gid"] for h in hooks.get_webhooks(ws, {})] == [hook["gid"]]
    updated = hooks.update_webhook({"data": {"filters": [{"resource_type": "story"}]}}, hook["gid"], {})
    assert updated["filters"] == [{"resource_type": "story"}]
    hooks.delete_webhook(hook["gid"])
    assert list(hooks.get_webhooks(ws, {})) == []
    make_task(client, project["gid"])
    time.sleep(0.3)
    assert target.deliveries == []
