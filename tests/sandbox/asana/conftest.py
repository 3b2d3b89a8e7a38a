"""Asana sandbox tests: the real `asana` SDK, unmodified, pointed at the sandbox."""

from __future__ import annotations

import asana
import pytest


def sdk_client(sandbox, token: str | None = None) -> asana.ApiClient:
    cfg = asana.Configuration()
    cfg.access_token = token or sandbox.token
    cfg.host = sandbox.asana_url
    return asana.ApiClient(cfg)


@pytest.fixture
def client(sandbox):
    return sdk_client(sandbox)


@pytest.fixture
def ws(sandbox) -> str:
    return sandbox.asana_workspace_gid
