"""Conformance with the spec (issue 10): the check every Asana test runs on every answer
(conftest.py, asana_spec.py) is itself checked here — against the recordings, which win where
real Asana contradicts its spec, and against answers broken on purpose."""

from __future__ import annotations

import json
import re

import asana
import pytest

import asana_cassettes
import asana_replay
import asana_spec
from sandbox_asana_builders import make_project, make_task

pytestmark = pytest.mark.skipif(not asana_cassettes.ROOT.is_dir(), reason="the Asana recordings are not beside this checkout")


def test_the_recordings_break_the_spec_only_with_the_allowed_nulls(asana_spec_check, monkeypatch):
    """Every recorded response validates once the allowance is made; without it, exactly 10 of
    the 60 break the spec, each only by a null where the spec says non-nullable, and only at the
    recorded paths of NULL_WHERE_THE_SPEC_SAYS_NOT."""
    items = [it for its in asana_cassettes.load_all().values() for it in its]
    assert len(items) == 60
    for it in items:
        route = asana_replay.route_of(it.method, it.path)
        assert asana_spec_check.check(it.method, route, it.status, json.dumps(it.response)) == [], it.name

    monkeypatch.setattr(asana_spec, "_ALLOWED", re.compile("(?!)"))  # no allowance at all
    broken, where = [], set()
    for it in items:
        found = asana_spec_check.check(it.method, asana_replay.route_of(it.method, it.path), it.status,
                                       json.dumps(it.response))
        if found:
            broken.append(it.name)
            assert all("None for not nullable" in f or "None is not of type" in f for f in found), found
            where |= {re.sub(r"\[\d+\]", "[0]", f.split(": ")[1]) for f in found}
    assert len(broken) == 10, broken
    assert where == {"$.data.assignee", "$.data.parent", "$.data.completed_by", "$.data.current_status",
                     "$.data.current_status_update", "$.data[0].user", "$.data[0].parent"}
    recorded = [p for p, why in asana_spec.NULL_WHERE_THE_SPEC_SAYS_NOT.values() if why.startswith("recorded")]
    assert all(any(re.search(f"(?:{p})$", w) for p in recorded) for w in where)


def test_a_violation_names_the_route_and_the_json_path(asana_spec_check):
    body = {"data": {"gid": "1", "resource_type": "task", "name": "x", "completed": "no",
                     "memberships": [{"section": {"gid": 3}}], "assignee": None}}
    found = asana_spec_check.check("GET", "/tasks/{task_gid}", 200, json.dumps(body))
    assert "GET /tasks/{task_gid} → 200: $.data.completed: 'no' is not of type 'boolean'" in found
    assert "GET /tasks/{task_gid} → 200: $.data.memberships[0].section.gid: 3 is not of type 'string'" in found
    assert len(found) == 2  # the null assignee is allowed


def test_an_error_status_the_operation_does_not_list_is_checked_against_the_errors_envelope(asana_spec_check):
    """429 and 402 appear in no operation's responses; the spec's ErrorResponse still holds."""
    ok = {"errors": [{"message": "You have made too many requests recently.", "help": "…"}]}
    assert asana_spec_check.check("GET", "/tasks/{task_gid}", 429, json.dumps(ok)) == []
    assert asana_spec_check.check("GET", "/tasks/{task_gid}", 429, json.dumps({"errors": [{"message": 5}]}))
    assert asana_spec_check.check("GET", "/tasks/{task_gid}", 402, json.dumps({"data": {}}))
    assert asana_spec_check.check("GET", "/users/me", 200, json.dumps({"data": {"gid": 1}}))  # as /users/{user_gid}


def test_every_answer_of_the_sandbox_fixture_reaches_the_check(sandbox, client, ws, asana_spec_check):
    asana_spec_check.take()
    before = asana_spec_check.checked
    project = make_project(client, ws)
    task = make_task(client, project["gid"])
    asana.TasksApi(client).get_task(task["gid"], {})
    assert asana_spec_check.take() == [] and asana_spec_check.checked - before == 3


def test_a_sandbox_answer_that_breaks_the_spec_fails_the_test(sandbox, asana_spec_check):
    """What the conftest does after each test, shown on an answer broken on purpose (not counted
    in the session's figures)."""
    counts = asana_spec_check.checked, asana_spec_check.failed
    asana_spec_check.hook("GET", "/asana/api/1.0/tasks/{task_gid}", 200, b'{"data": {"gid": 7}}')
    found = asana_spec_check.take()
    asana_spec_check.checked, asana_spec_check.failed = counts
    assert found == ["GET /tasks/{task_gid} → 200: $.data.gid: 7 is not of type 'string'"]


def test_each_action_of_a_batch_is_checked_as_its_own_operation(asana_spec_check):
    counts = asana_spec_check.checked, asana_spec_check.failed
    request = {"data": {"actions": [{"relative_path": "/tasks/1", "method": "get"},
                                    {"relative_path": "/users/me", "method": "get", "options": {"fields": ["name"]}}]}}
    answer = {"data": [{"status_code": 200, "body": {"data": {"gid": "1", "completed": "no"}}, "headers": {}},
                       {"status_code": 200, "body": {"data": {"gid": "2", "name": "E2E User"}}, "headers": {}}]}
    asana_spec_check.batch(request, answer)
    found = asana_spec_check.take()
    asana_spec_check.checked, asana_spec_check.failed = counts
    assert found == ["(batch action) GET /tasks/{task_gid} → 200: $.data.completed: 'no' is not of type 'boolean'"]
