"""python-asana #200 (not fixed in 5.4.0), seen on the wire: the SDK's events iterator keeps the
sync token of the first answer it gets and sends it on every later request (after sending the
token it was given twice), never the newer ones the answers carry, so past one page it re-reads
the same events forever. The direct
`EventsApi.get_events(resource, {"sync": …}, full_payload=True)`, handing each answer's `sync` to
the next call, ends. (test_asana_events.py shows the repeated pages; this shows the tokens.)

The SDK's REST client is wrapped at the urllib3 level, in this test only, to see what it sends."""

from __future__ import annotations

import json
from itertools import islice
from urllib.parse import parse_qs, urlsplit

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import make_project, make_task


def wire(client) -> list[tuple[str | None, str | None]]:
    """(sync sent, sync answered) of every GET /events the client sends from now on."""
    seen = []
    pool = client.rest_client.pool_manager
    send = pool.request

    def request(method, url, *args, **kwargs):
        r = send(method, url, *args, **kwargs)
        if "/events" in url:  # a GET's query goes as `fields`
            query = dict(kwargs.get("fields") or ()) or {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
            sent = query.get("sync")
            seen.append((sent, json.loads(r.data).get("sync")))
        return r

    pool.request = request
    return seen


@pytest.fixture
def busy_project(client, ws, sandbox):
    """A project with a sync token and about 265 events after it (three pages of at most 100)."""
    project = make_project(client, ws)
    with pytest.raises(ApiException) as e:
        asana.EventsApi(client).get_events(project["gid"], {}, full_payload=True)
    sync = json.loads(e.value.body)["sync"]
    task = make_task(client, project["gid"])
    sandbox.advance_clock(61)  # past the creator's first minute, each edit writes a story too
    for i in range(130):
        asana.TasksApi(client).update_task({"data": {"notes": f"n{i}"}}, task["gid"], {})
    return project["gid"], sync


def test_the_sdk_iterator_resends_one_sync_token_forever(client, busy_project):
    resource, sync = busy_project
    seen = wire(client)
    events = asana.EventsApi(client).get_events(resource, {"sync": sync})
    list(islice(events, 1000))  # bounded: unbounded, it never stops
    assert len(seen) >= 10  # 1,000 events from about 265: it re-read pages
    first_answer = seen[0][1]
    assert [sent for sent, _ in seen[:2]] == [sync, sync]  # the given token, twice (the first page twice)
    assert all(sent == first_answer for sent, _ in seen[2:])  # then the first answer's token, every time
    assert len({answered for _, answered in seen}) == len(seen)  # although every answer gave a new one


def test_the_direct_call_follows_each_new_token_and_ends(client, busy_project):
    resource, sync = busy_project
    seen = wire(client)
    pages = []
    for _ in range(10):  # bounded; it ends after 3
        page = asana.EventsApi(client).get_events(resource, {"sync": sync}, full_payload=True)
        pages.append(page)
        sync = page["sync"]
        if not page["has_more"]:
            break
    assert [p["has_more"] for p in pages] == [True, True, False]
    assert [sent for sent, _ in seen[1:]] == [answered for _, answered in seen[:-1]]  # each answer's token next
    gids = [e["resource"]["gid"] for p in pages for e in p["data"]]
    assert 250 < len(gids) < 300
    assert asana.EventsApi(client).get_events(resource, {"sync": sync}, full_payload=True)["data"] == []
