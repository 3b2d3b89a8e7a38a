"""Asana sandbox tests: the real `asana` SDK, unmodified, pointed at the sandbox."""

from __future__ import annotations

import pytest

from asana_builders import sdk_client


@pytest.fixture
def client(sandbox):
    return sdk_client(sandbox)


@pytest.fixture
def ws(sandbox) -> str:
    return sandbox.asana_workspace_gid
