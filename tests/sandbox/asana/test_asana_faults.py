"""Faults drawn for Asana requests are answered in Asana's envelope; a dropped connection has none."""

import httpx
import pytest


def get(sandbox):
    return httpx.get(sandbox.asana_url + "/users/me", headers={"Authorization": f"Bearer {sandbox.token}"})


@pytest.mark.parametrize("kind", ["500", "503", "429"])
def test_an_injected_error_uses_asanas_envelope(sandbox, kind):
    sandbox.set_faults(f"{kind}=1", seed=1)
    r = get(sandbox)
    assert r.status_code == int(kind)
    error = r.json()["errors"][0]
    assert error["message"] and error["help"]
    assert ("phrase" in error) == (int(kind) >= 500)
    if kind == "429":
        assert r.headers["Retry-After"] == "1"


def test_a_dropped_connection_has_no_answer(sandbox):
    sandbox.set_faults("drop=1")
    with pytest.raises(httpx.TransportError):
        get(sandbox)
    assert {"method": "GET", "route": "/asana/api/1.0/users/me", "status": 0, "count": 1} in sandbox.stats()["requests"]
