"""Asana's limits: a per-token budget a minute (1,500 by default, 150 in a free workspace), at most
50 concurrent reads and 15 concurrent writes, 429 with an integer Retry-After, and `rate_limit=0`
turning every limit off."""

import threading

import asana
import httpx

from certsync.sandbox import Sandbox
from sandbox_asana_builders import sdk_client


def hammer(sb, n, path="/users/me"):
    with httpx.Client(headers={"Authorization": f"Bearer {sb.token}"}) as http:
        return [http.get(sb.asana_url + path) for _ in range(n)]


def test_the_default_budget_is_1500_a_minute_per_token():
    sb = Sandbox()
    try:
        assert sb.asana.per_minute == 1500 and sb.asana.reads.limit == 50 and sb.asana.writes.limit == 15
    finally:
        sb.stop()


def test_over_the_budget_is_429_with_an_integer_retry_after(sandbox):
    sandbox.set_asana_rate_limit(60)
    statuses = [r.status_code for r in hammer(sandbox, 61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429
    r = hammer(sandbox, 1)[0]
    assert r.status_code == 429 and r.headers["Retry-After"].isdigit() and int(r.headers["Retry-After"]) >= 1
    assert "too many requests" in r.json()["errors"][0]["message"].lower()


def test_the_sdk_retries_a_429_after_retry_after(sandbox):
    sandbox.set_asana_rate_limit(60)
    hammer(sandbox, 60)
    me = asana.UsersApi(sdk_client(sandbox)).get_user("me", {})  # urllib3 waits Retry-After, then retries
    assert me["name"] == "certsync"
    assert any(row["status"] == 429 for row in sandbox.stats()["requests"])


def test_a_free_workspace_gets_150_a_minute(sandbox):
    sandbox.set_asana_rate_limit(1500)
    sandbox.mark_asana_workspace_free(sandbox.asana_workspace_gid)
    statuses = [r.status_code for r in hammer(sandbox, 151)]
    assert statuses.count(200) == 150 and statuses[-1] == 429


def test_at_most_15_writes_at_once(sandbox, ws):
    sandbox.set_asana_rate_limit(1500)
    statuses = []

    def write():
        r = httpx.post(f"{sandbox.asana_url}/workspaces/{ws}/projects", json={"data": {"name": "p"}},
                       headers={"Authorization": f"Bearer {sandbox.token}"}, timeout=30)
        statuses.append(r.status_code)

    with sandbox.asana.store.lock:  # every write that got in waits here, in flight
        threads = [threading.Thread(target=write) for _ in range(20)]
        for t in threads:
            t.start()
        for _ in range(200):
            if statuses.count(429) == 5:
                break
            threading.Event().wait(0.02)
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] * 15 + [429] * 5


def test_rate_limit_0_turns_every_limit_off(sandbox):
    assert sandbox.asana.per_minute == 0 and sandbox.asana.writes.limit == 0
    sandbox.mark_asana_workspace_free(sandbox.asana_workspace_gid)
    assert {r.status_code for r in hammer(sandbox, 200)} == {200}
