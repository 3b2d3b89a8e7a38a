"""Events: 412 with a fresh sync token first and for a token older than 24 hours of the sandbox
clock, then the task and story changes since the token, has_more past 100."""

import json

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import make_project, make_task


def first_sync(client, resource) -> str:
    with pytest.raises(ApiException) as e:
        asana.EventsApi(client).get_events(resource, {}, full_payload=True)
    assert e.value.status == 412
    body = json.loads(e.value.body)
    assert body["errors"][0]["message"].startswith("Sync token invalid or too old.")
    return body["sync"]


def events_since(client, resource, sync) -> dict:
    return asana.EventsApi(client).get_events(resource, {"sync": sync}, full_payload=True)


def test_the_sync_cycle_as_recorded(client, ws, sandbox):
    project = make_project(client, ws, "pagination-test")
    task = make_task(client, project["gid"], "pytest-e2e-events-sync")
    sync = first_sync(client, task["gid"])
    assert sync.endswith(":0") and len(sync) == 34
    asana.TasksApi(client).update_task({"data": {"name": "pytest-e2e-events-sync-renamed"}}, task["gid"], {})
    page = events_since(client, task["gid"], sync)
    assert page["has_more"] is False and page["sync"] != sync
    changed = [e for e in page["data"] if e["type"] == "task" and e["action"] == "changed"]
    assert changed[0]["change"] == {"field": "name", "action": "changed"}
    assert changed[0]["resource"]["name"] == "pytest-e2e-events-sync-renamed"
    assert changed[0]["user"]["gid"] == sandbox.asana_user_gid
    stories = [e for e in page["data"] if e["type"] == "story"]
    assert stories and stories[0]["parent"]["gid"] == task["gid"] and stories[0]["user"] is None
    assert events_since(client, task["gid"], page["sync"])["data"] == []


def test_a_project_sees_its_tasks_changes_and_comments(client, ws):
    project = make_project(client, ws)
    sync = first_sync(client, project["gid"])
    task = make_task(client, project["gid"])
    asana.StoriesApi(client).create_story_for_task({"data": {"text": "hi"}}, task["gid"], {})
    page = events_since(client, project["gid"], sync)
    kinds = [(e["type"], e["action"]) for e in page["data"]]
    assert ("task", "added") in kinds and ("story", "added") in kinds
    comment = next(e for e in page["data"] if e["type"] == "story" and e["resource"]["type"] == "comment")
    assert comment["user"]["name"] == "certsync" and comment["resource"]["text"] == "hi"


def test_a_token_older_than_24_hours_is_412_again(client, ws, sandbox):
    project = make_project(client, ws)
    sync = first_sync(client, project["gid"])
    sandbox.advance_clock(24 * 3600 + 1)
    with pytest.raises(ApiException) as e:
        events_since(client, project["gid"], sync)
    assert e.value.status == 412 and json.loads(e.value.body)["sync"] != sync


def test_more_than_100_events_come_with_has_more(client, ws, sandbox):
    project = make_project(client, ws)
    sync = first_sync(client, project["gid"])
    task = make_task(client, project["gid"])
    sandbox.advance_clock(61)  # past the first minute, each edit writes a story too
    for i in range(60):
        asana.TasksApi(client).update_task({"data": {"notes": f"n{i}"}}, task["gid"], {})
    page = events_since(client, project["gid"], sync)
    assert len(page["data"]) == 100 and page["has_more"] is True
    rest = events_since(client, project["gid"], page["sync"])
    assert rest["has_more"] is False and len(page["data"]) + len(rest["data"]) > 100


def test_the_sdks_event_iterator_resends_old_sync_tokens(client, ws, sandbox):
    """python-asana #200 (not fixed in 5.4.0): the iterator keeps the first sync token it is given
    back and never the newer ones, so past 100 events it repeats pages and never ends. The direct
    `get_events(..., full_payload=True)` calls above are what works."""
    from itertools import islice

    project = make_project(client, ws)
    sync = first_sync(client, project["gid"])
    task = make_task(client, project["gid"])
    sandbox.advance_clock(61)
    for i in range(130):
        asana.TasksApi(client).update_task({"data": {"notes": f"n{i}"}}, task["gid"], {})
    items = asana.EventsApi(client).get_events(project["gid"], {"sync": sync})
    seen = [json.dumps(e, sort_keys=True) for e in islice(items, 600)]
    assert len(seen) == 600  # from about 265 events: it does not stop
    assert seen[:100] == seen[100:200]  # the first page again, sent with the first token
    assert seen[200:300] == seen[300:400]  # and then the second page forever
