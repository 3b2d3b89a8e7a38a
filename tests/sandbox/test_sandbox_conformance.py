"""Conformance with the recordings (issues 3 and 10): every recorded interaction on the sandbox's
endpoints, replayed against a fresh sandbox, answers with the recorded status, the recorded
structure and the recorded values (error codes and messages, `has_more`, `next_cursor` null-ness,
object types, names, titles, option names and colors, numbers, booleans, text).

Each cassette is replayed once, in order, against a sandbox wiped back to its initial workspace
(replay.py maps recorded ids to sandbox ids; recorded_workspace.py rebuilds what the cassette reads
but never made: the integration's name, the people, workspace pages, data sources; structure.py
says what "the same" means, and names what cannot match by nature in `NOT_BY_VALUE`).
Requests on other endpoints are sent too when the sandbox serves them (they set up state, e.g.
`PATCH /v1/databases`), else skipped; either way they are not compared and count as not in scope.
One test per in-scope interaction, named `<set>/<cassette>#<index>-<METHOD>-<route>`; it is
xfailed only when it differs AND the replay found, once it had mapped the recorder's objects, a
reason it cannot be reproduced (replay.unreproducible).

The comparison is itself tested: `test_the_comparison_catches_a_mutated_sandbox` applies each of
MUTATIONS to the sandbox's responses and requires that every interaction the mutation changes
then differs from its recording.
"""

from __future__ import annotations

import copy
import os
import time

import httpx
import pytest

import cassettes
import recorded_workspace
import replay
from certsync.sandbox import Sandbox
from certsync.sandbox.core.clock import Clock
from certsync.sandbox.notion.common import parse_when
from structure import differences, order_difference

if not cassettes.ROOT.is_dir():
    if os.environ.get("CI"):  # CI runs beside shared/: conformance must not vanish silently there
        raise RuntimeError(f"the recorded Notion interactions are not at {cassettes.ROOT}")
    pytest.skip(f"the recorded Notion interactions are not beside this checkout ({cassettes.ROOT})",
                allow_module_level=True)

ALL = cassettes.load_all()
CASES = [it for items in ALL.values() for it in items if replay.in_scope(it)]
LENIENT = {("GET", "/v1/users"), ("POST", "/v1/search")}  # the recorder's workspace held more


def case_id(it) -> str:
    return f"{it.cassette}#{it.index}-{it.method}-{replay.route_of(it.method, it.path)}"


@pytest.fixture(scope="module")
def conformance_sandbox():
    sb = Sandbox(rate_limit=0, faults="").start()
    client = httpx.Client(timeout=30)
    try:
        yield sb, client, {}
    finally:
        client.close()
        sb.stop()


def replayed(env, cassette: str) -> dict:
    """{index: (status, body, idmap, reason it cannot be reproduced or None)}, replayed once per module."""
    sb, client, cache = env
    if cassette not in cache:
        sb.reset(data=True)
        recorded_clock(ALL[cassette])
        player = replay.Replayer(sb, client)
        incomplete = recorded_workspace.seed(player, ALL[cassette])
        out, reasons, reproduced = {}, {}, set()
        for it in ALL[cassette]:
            if replay.route_of(it.method, it.path) is None:  # an endpoint the sandbox does not model:
                if recorded_workspace.stand_in(player, it):  # text it wrote is made as in the app
                    reproduced.add(it.index)
                continue
            player.prepare(it)  # maps the recorder's objects it names first: then ask what is still unknown
            named = replay.uuids_in([it.path, it.query, it.body])
            reason = (next((incomplete[u] for u in named if u in incomplete), None)
                      or replay.unreproducible(ALL[cassette], it.index, player.ids, reasons, reproduced))
            status, body = player.replay(it, prepared=True)
            reasons[it.index] = reason
            out[it.index] = (status, body, player.ids, reason)
        cache[cassette] = out
    return cache[cassette]


def recorded_clock(items) -> None:
    """Put the sandbox's clock at the time of the recording, so relative date filters
    (this_week, past_month...) and timestamp filters see the recorded dates."""
    for it in items:
        stamp = (it.response or {}).get("created_time") if isinstance(it.response, dict) else None
        when = parse_when(stamp) if stamp else None
        if when is not None:
            Clock.offset = when.timestamp() - time.time()
            return
    Clock.offset = 0.0


def compare(it, status, got, ids) -> list[str]:
    if status != it.status:
        detail = got.get("message") if isinstance(got, dict) else got
        return [f"status: recorded {it.status}, sandbox {status} ({detail})"]
    if it.response is None:
        return []
    lenient = (it.method, replay.route_of(it.method, it.path)) in LENIENT
    diffs = differences(it.response, got, ids, lenient)
    if not diffs and it.path.endswith("/query") and (it.body or {}).get("sorts"):
        order = order_difference(it.response, got, ids)
        diffs = [order] if order else []
    return diffs


@pytest.mark.parametrize("it", CASES, ids=case_id)
def test_recorded_interaction_matches(conformance_sandbox, it):
    status, got, ids, reason = replayed(conformance_sandbox, it.cassette)[it.index]
    diffs = compare(it, status, got, ids)
    if reason and diffs:
        pytest.xfail(reason)
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
        if d.get("object") == "error" and isinstance(d.get("message"), str):
            d["message"] = "Something went wrong."
    return _each(body, one)


def _has_more(body):
    def one(d):
        if isinstance(d.get("has_more"), bool):
            d["has_more"] = not d["has_more"]
    return _each(body, one)


def _option_names(body):
    def one(d):  # a select / multi-select / status option, in a schema or as a value
        if isinstance(d.get("name"), str) and isinstance(d.get("color"), str):
            d["name"] = d["name"][::-1] + "~"
    return _each(body, one)


def _numbers(body):
    def one(d):
        for k, v in d.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                d[k] = v * 2
            elif isinstance(v, list):
                d[k] = [x * 2 if isinstance(x, (int, float)) and not isinstance(x, bool) else x for x in v]
    return _each(body, one)


def _next_cursor(body):
    def one(d):
        if "next_cursor" in d:
            d["next_cursor"] = None if d["next_cursor"] is not None else "s:not-the-end"
    return _each(body, one)


def _text(body):
    def one(d):
        if isinstance(d.get("plain_text"), str) and d["plain_text"]:
            d["plain_text"] = d["plain_text"].upper() + "!"
    return _each(body, one)


MUTATIONS = {"every error message replaced": _messages, "has_more inverted": _has_more,
             "option names garbled": _option_names, "numbers multiplied by 2": _numbers,
             "next_cursor null-ness flipped": _next_cursor, "plain_text garbled": _text}


def _own_results(got: dict, recorded: dict, ids) -> dict:
    """A users list or search result with only the items that stand for recorded ones of it."""
    mine = {(ids.get(r["id"]) or "").replace("-", "") for r in recorded.get("results", [])
            if isinstance(r, dict) and isinstance(r.get("id"), str)} - {""}
    return {**got, "results": [r for r in got["results"]
                               if isinstance(r, dict) and str(r.get("id", "")).replace("-", "") in mine]}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_the_comparison_catches_a_mutated_sandbox(conformance_sandbox, mutation, record_property):
    """Wrap the replay's responses in a mutator: every matching interaction whose response the
    mutation changes must then differ from its recording (and there must be many of them). In users
    lists and search results only the items standing for recorded ones are mutated: beside them,
    which are compared by value, those results hold objects the recorded list did not (another
    workspace's people, the sandbox's own root page, pages Notion's search had not indexed yet),
    compared by structure only (structure.py)."""
    changed, caught, missed = 0, 0, []
    for it in CASES:
        status, got, ids, _ = replayed(conformance_sandbox, it.cassette)[it.index]
        if got is None or compare(it, status, got, ids):
            continue  # only interactions that match as replayed say anything about the comparison
        if (it.method, replay.route_of(it.method, it.path)) in LENIENT and isinstance(got.get("results"), list):
            got = _own_results(got, it.response, ids)  # the others are compared by structure only
        bad = MUTATIONS[mutation](copy.deepcopy(got))
        if bad == got:
            continue
        changed += 1
        if compare(it, status, bad, ids):
            caught += 1
        else:
            missed.append(case_id(it))
    record_property("mutation", (mutation, caught, changed))
    assert changed >= 5, f"{mutation}: only {changed} responses have something to mutate"
    assert not missed, f"{mutation}: {len(missed)} of {changed} mutated responses still match, e.g. {missed[:5]}"
