"""Helpers for config tests: write a certsync.toml in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest


@pytest.fixture
def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """write_config(text) -> the path of certsync.toml in a temporary working folder."""
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "certsync.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
