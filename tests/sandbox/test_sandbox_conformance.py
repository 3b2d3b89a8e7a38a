"""Conformance with the recordings (issue 3): every recorded interaction on the sandbox's endpoints,
replayed against a fresh sandbox, answers with the recorded status and the recorded structure.

Each cassette is replayed once, in order, against a sandbox wiped back to its initial workspace
(replay.py maps recorded ids to sandbox ids; structure.py says what "same structure" means).
Requests on other endpoints are sent too when the sandbox serves them (they set up state, e.g.
`PATCH /v1/databases`), else skipped; either way they are not compared and count as not in scope.
One test per in-scope interaction, named `<set>/<cassette>#<index>-<METHOD>-<route>`.
"""

from __future__ import annotations

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
        out, reasons = {}, {}
        for it in ALL[cassette]:
            if replay.route_of(it.method, it.path) is None:
                continue  # an endpoint the sandbox does not model: nothing to set up
            player.prepare(it)  # maps the recorder's objects it names first: then ask what is still unknown
            named = replay.uuids_in([it.path, it.query, it.body])
            reason = (next((incomplete[u] for u in named if u in incomplete), None)
                      or replay.unreproducible(ALL[cassette], it.index, player.ids, reasons))
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
