"""Shared fixtures: a fresh Notion sandbox per test, and a notion-client pointed at it."""

from __future__ import annotations

import notion_client
import pytest

from certsync.sandbox import DEFAULT_TOKEN, Sandbox

pytest_plugins = ["tracker_fixture"]


@pytest.fixture
def sb_token() -> str:
    return DEFAULT_TOKEN


@pytest.fixture
def sandbox(sb_token):
    """A started sandbox: in memory, rate limit off, no faults. Stopped after the test."""
    sb = Sandbox(token=sb_token, rate_limit=0, faults="").start()
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def notion(sandbox, sb_token):
    """The real notion-client, unmodified, talking to the sandbox."""
    client = notion_client.Client(auth=sb_token, base_url=sandbox.notion_url)
    try:
        yield client
    finally:
        client.close()
