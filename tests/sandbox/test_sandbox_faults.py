"""Fault injection as a client sees it, applied-or-not writes, reproducibility, spec errors."""

import httpx
import notion_client
import pytest
from notion_client import APIResponseError, RequestTimeoutError
from notion_client.errors import UnknownHTTPResponseError

from certsync.sandbox import Sandbox, parse_faults
from sandbox_builders import text


def client(sb, token, **kw):
    return notion_client.Client(auth=token, base_url=sb.notion_url, retry=False, **kw)


@pytest.mark.parametrize("kind, status, code", [
    ("409", 409, "conflict_error"),
    ("429", 429, "rate_limited"),
    ("500", 500, "internal_server_error"),
    ("503", 503, "service_unavailable"),
    ("504", 504, "gateway_timeout"),
    ("529", 529, "service_unavailable"),
])
def test_error_faults_arrive_as_api_response_errors(sandbox, sb_token, kind, status, code):
    sandbox.set_faults(f"{kind}=1", seed=1)
    with pytest.raises(APIResponseError) as e:
        client(sandbox, sb_token).users.me()
    assert e.value.status == status and e.value.code == code
    if kind == "429":
        assert e.value.headers["retry-after"] == "1"


def test_502_is_a_gateway_page_not_json(sandbox, sb_token):
    sandbox.set_faults("502=1")
    with pytest.raises(UnknownHTTPResponseError) as e:
        client(sandbox, sb_token).users.me()
    assert e.value.status == 502


def test_slow_responses_time_the_client_out(sandbox, sb_token):
    sandbox.set_faults("slow=1", slow_seconds=0.5)
    with pytest.raises(RequestTimeoutError):
        client(sandbox, sb_token, timeout_ms=100).users.me()


def test_dropped_connections_are_transport_errors(sandbox, sb_token):
    sandbox.set_faults("drop=1")
    with pytest.raises(httpx.TransportError):
        client(sandbox, sb_token).users.me()


def _scratch_writes(sb, token, n):
    c = client(sb, token, timeout_ms=200)
    outcomes = []
    for i in range(n):
        try:
            c.pages.create(parent={"page_id": sb.root_page_id}, properties={"title": text(f"w{i}")})
            outcomes.append("ok")
        except (APIResponseError, UnknownHTTPResponseError, RequestTimeoutError, httpx.TransportError) as e:
            outcomes.append(type(e).__name__ + str(getattr(e, "status", "")))
    sb.set_faults("")
    found = client(sb, token).search(query="w", filter={"property": "object", "value": "page"})["results"]
    written = {p["properties"]["title"]["title"][0]["plain_text"] for p in found}
    return outcomes, written


@pytest.mark.parametrize("kind", ["500", "502", "504", "drop", "slow"])
def test_some_failed_writes_were_applied_so_clients_must_reread(sb_token, kind):
    with Sandbox(rate_limit=0, faults=f"{kind}=1", seed=7, slow_seconds=0.4).start() as sb:
        outcomes, written = _scratch_writes(sb, sb_token, 8)
    assert "ok" not in outcomes
    assert 0 < len(written) < 8


@pytest.mark.parametrize("kind", ["409", "429", "503", "529"])
def test_refusals_are_never_applied(sb_token, kind):
    with Sandbox(rate_limit=0, faults=f"{kind}=1", seed=7).start() as sb:
        outcomes, written = _scratch_writes(sb, sb_token, 8)
    assert "ok" not in outcomes and written == set()


def test_same_seed_same_faults(sb_token):
    runs = []
    for _ in range(2):
        with Sandbox(rate_limit=0, faults="500=0.3,503=0.2", seed=42).start() as sb:
            runs.append(_scratch_writes(sb, sb_token, 15))
    assert runs[0] == runs[1]
    assert len(set(runs[0][0])) > 1


def test_faults_through_the_control_api(sandbox, sb_token):
    r = httpx.put(sandbox.url + "/_sandbox/faults", json={"spec": "503=1", "seed": 3})
    assert r.json()["rates"] == {"503": 1.0}
    with pytest.raises(APIResponseError):
        client(sandbox, sb_token).users.me()
    r = httpx.put(sandbox.url + "/_sandbox/faults", json={"spec": "bogus=1"})
    assert r.status_code == 400 and "bogus" in r.json()["error"]


def test_parse_faults():
    assert parse_faults("429=0.1,503=0.05,drop=0.02,slow=0.01") == {"429": 0.1, "503": 0.05, "drop": 0.02,
                                                                    "slow": 0.01}
    assert parse_faults("") == {}


@pytest.mark.parametrize("spec, words", [
    ("418=0.1", "unknown kind"), ("503", "kind=rate"), ("503=abc", "not a number"),
    ("503=2", "between 0 and 1"), ("503=0.6,500=0.6", "more than 1"), ("503=0.1,503=0.2", "twice"),
])
def test_bad_fault_specs_say_what_is_wrong(spec, words):
    with pytest.raises(ValueError, match=words):
        parse_faults(spec)
    with pytest.raises(ValueError):
        Sandbox(faults=spec)
