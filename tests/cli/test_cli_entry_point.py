"""The installed `certsync` console script, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

CERTSYNC = Path(sys.executable).parent / "certsync"

pytestmark = pytest.mark.skipif(not CERTSYNC.exists(), reason="certsync is not installed next to this Python")


def certsync(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NOTION_TOKEN")} | env
    return subprocess.run([str(CERTSYNC), *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=60)


def test_version_is_the_installed_distribution(tmp_path):
    result = certsync("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"certsync {version('certsync')}"


def test_broken_config_exits_2_with_messages_and_no_traceback(tmp_path):
    (tmp_path / "certsync.toml").write_text('[program]\nname = "x"\n[notion]\nenrollments = 7\n')
    result = certsync("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "certsync.toml: notion.enrollments: expected a Notion data source id, database id or URL, found 7",
        "certsync.toml: notion.check_ins: expected a Notion data source id, database id or URL (required), found nothing",
        "certsync.toml: notion.token_env: NOTION_TOKEN is not set: certsync reads the Notion token from this "
        "environment variable (set [notion] token_env to use another)",
    ]


def test_demo_runs_from_the_entry_point(tmp_path):
    result = certsync("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for status in ("On track", "Slightly behind", "At risk", "Completed"):
        assert status in result.stdout
    assert "\x1b[" not in result.stdout


def test_help_does_not_import_the_heavy_parts(tmp_path):
    """`certsync --help` stays fast: pydantic, rich and the rule engine load only when a command runs."""
    code = (
        "import sys\n"
        "from certsync.sync.cli import main\n"
        "sys.argv = ['certsync', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('pydantic', 'rich', 'certsync.rules', 'certsync.config') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
