"""Conformance with the Asana recordings (issue 10): every recorded interaction on the sandbox's
endpoints, replayed against a fresh sandbox set up as the recorder's workspace was, answers with
the recorded status, the recorded structure and the recorded values (error messages and help,
`next_page` null-ness, names, resource types and subtypes, section names, numbers, booleans, text)
and, for a create, a `Location` naming the new object.

Each cassette is replayed once, in order, against a sandbox wiped back to its initial state and
seeded with the recorder's workspace (asana_replay.py: seeding, gid and token mapping;
asana_structure.py: what "the same" means, and what cannot match by nature in `NOT_BY_VALUE`).
One test per in-scope interaction, named `<folder>/<cassette>#<index>-<METHOD>-<route>`. An
interaction that cannot be reproduced is in `UNREPRODUCIBLE`, xfailed (strictly) with its reason.

The comparison is itself tested: `test_the_comparison_catches_a_mutated_sandbox` applies each of
MUTATIONS to the sandbox's responses and requires that every interaction the mutation changes
then differs from its recording.
"""

from __future__ import annotations

import copy
import os

import httpx
import pytest

import asana_cassettes
import asana_replay
from asana_structure import differences
from certsync.sandbox import Sandbox

if not asana_cassettes.ROOT.is_dir():
    if os.environ.get("CI"):  # CI runs beside shared/: conformance must not vanish silently there
        raise RuntimeError(f"the recorded Asana interactions are not at {asana_cassettes.ROOT}")
    pytest.skip(f"the recorded Asana interactions are not beside this checkout ({asana_cassettes.ROOT})",
                allow_module_level=True)

ALL = asana_cassettes.load_all()
CASES = [it for items in ALL.values() for it in items if asana_replay.in_scope(it)]

# Interactions the sandbox cannot reproduce, by name, with the reason (xfailed, strict).
UNREPRODUCIBLE: dict[str, str] = {
    "test_events/test_events_sync_cycle#4-GET-/events": (
        "the same 4 events, but (1) the added_to_project story's text is in the recorder's language "
        "('E2E User さんが「pagination-test」にこのタスクを追加しました'; the sandbox writes Asana's English "
        "'E2E User added this task to pagination-test' and has no per-user language), and (2) real Asana "
        "lists the story event last, after the rename at 18.498 although it is stamped 17.474 (its order "
        "is neither by time nor documented), where the sandbox lists events in the order they happened"),
}


def case_id(it) -> str:
    return f"{it.cassette}#{it.index}-{it.method}-{asana_replay.route_of(it.method, it.path)}"


@pytest.fixture(scope="module")
def conformance_sandbox(asana_spec_check):
    sb = Sandbox(rate_limit=0, faults="").start()
    sb.on_response(asana_spec_check.hook)
    client = httpx.Client(timeout=30)
    try:
        yield sb, client, {}, asana_spec_check
    finally:
        client.close()
        sb.stop()


def replayed(env, cassette: str) -> dict:
    """{index: (status, body, headers, idmap)}, replayed once per module."""
    sb, client, cache, check = env
    if cassette not in cache:
        sb.reset(data=True)
        player = asana_replay.Replayer(sb, client, on_batch=check.batch)
        player.seed(ALL[cassette])
        out = {}
        for it in ALL[cassette]:
            if asana_replay.route_of(it.method, it.path) is None:
                continue  # an endpoint the sandbox does not serve: nothing to set up (none in these cassettes)
            status, body, headers = player.replay(it)
            out[it.index] = (status, body, dict(headers), player.ids)
        cache[cassette] = out
    return cache[cassette]


def compare(it, status, got, headers, ids) -> list[str]:
    if status != it.status:
        detail = got.get("errors") if isinstance(got, dict) else got
        return [f"status: recorded {it.status}, sandbox {status} ({detail})"]
    diffs = []
    if "location" in it.headers:
        want = ids.sub_str(it.headers["location"])
        if headers.get("location") != want:
            diffs.append(f"Location: recorded {want!r}, sandbox {headers.get('location')!r}")
    if it.response is not None:
        diffs += differences(it.response, got, ids)
    return diffs


@pytest.mark.parametrize("it", CASES, ids=case_id)
def test_recorded_interaction_matches(conformance_sandbox, it, request):
    reason = UNREPRODUCIBLE.get(case_id(it))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    status, got, headers, ids = replayed(conformance_sandbox, it.cassette)[it.index]
    diffs = compare(it, status, got, headers, ids)
    assert not diffs, f"{it.method} {it.path} differs from the recording:\n  " + "\n  ".join(diffs[:20])


# -- the comparison must see values: a sandbox answering wrongly in each of these ways fails ------
def _each(obj, fn):
    """Apply fn(dict) to every object inside a JSON value, in place; returns the value."""
    if isinstance(obj, dict):
        fn(obj)
        for v in obj.values():
            _each(v, fn)
    elif isinstance(obj, list):
        for v in obj:
            _each(v, fn)
    return obj


def _messages(body):
    def one(d):
        if isinstance(d.get("errors"), list):
            for e in d["errors"]:
                if isinstance(e, dict) and isinstance(e.get("message"), str):
                    e["message"] = "Something went wrong."
    return _each(body, one)


def _next_page(body):
    def one(d):
        if "next_page" in d:
            d["next_page"] = None if d["next_page"] is not None else {"offset": "x", "path": "/x", "uri": "http://x/x"}
    return _each(body, one)


def _names(body):
    def one(d):  # every name: of tasks, projects, workspaces, users, teams, sections
        if isinstance(d.get("name"), str):
            d["name"] = d["name"][::-1] + "~"
    return _each(body, one)


def _enum_names(body):
    def one(d):  # the enumerations of the records: resource_type, resource_subtype, an event's type/action
        for k in ("resource_type", "resource_subtype", "type", "action", "default_view", "privacy_setting",
                  "assignee_status", "icon"):
            if isinstance(d.get(k), str):
                d[k] = d[k].upper() + "~"
    return _each(body, one)


def _numbers(body):
    def one(d):
        for k, v in d.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                d[k] = v * 2 + 1  # also moves a 0 (actual_time_minutes, num_likes)
    return _each(body, one)


def _booleans(body):
    def one(d):
        for k, v in d.items():
            if isinstance(v, bool):
                d[k] = not v
    return _each(body, one)


def _text(body):
    def one(d):
        for k in ("notes", "text", "html_notes", "message", "help"):
            if isinstance(d.get(k), str):
                d[k] = d[k] + " (edited)"
    return _each(body, one)


MUTATIONS = {"every error message replaced": _messages, "next_page null-ness inverted": _next_page,
             "names garbled": _names, "enum values garbled": _enum_names, "numbers changed": _numbers,
             "booleans inverted": _booleans, "text garbled": _text}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_the_comparison_catches_a_mutated_sandbox(conformance_sandbox, mutation, record_property):
    """Wrap the replay's responses in a mutator: every matching interaction whose response the
    mutation changes must then differ from its recording (and there must be some of them)."""
    changed, caught, missed = 0, 0, []
    for it in CASES:
        status, got, headers, ids = replayed(conformance_sandbox, it.cassette)[it.index]
        if got is None or compare(it, status, got, headers, ids):
            continue  # only interactions that match as replayed say anything about the comparison
        bad = MUTATIONS[mutation](copy.deepcopy(got))
        if bad == got:
            continue
        changed += 1
        if compare(it, status, bad, headers, ids):
            caught += 1
        else:
            missed.append(case_id(it))
    record_property("mutation", (mutation, caught, changed))
    assert changed >= 2, f"{mutation}: only {changed} responses have something to mutate"
    assert not missed, f"{mutation}: {len(missed)} of {changed} mutated responses still match, e.g. {missed[:5]}"
