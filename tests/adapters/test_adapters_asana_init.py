"""`init` for Asana: the reference template made in a workspace, and the lines to paste; then
`provision` and `check` find nothing wrong. A free workspace is one line."""

from __future__ import annotations

import pytest

from certsync.adapters.registry import init, open_tracker
from certsync.adapters.tracker import TrackerError
from certsync.config import load_config


def test_init_makes_the_template_and_prints_lines_a_config_can_use(sandbox, tmp_path, monkeypatch):
    section = init("asana", sandbox.token, workspace=sandbox.asana_workspace_gid, team=sandbox.asana_team_gid,
                   base_url=sandbox.asana_url, token_env="CERTSYNC_TEST_ASANA_TOKEN")
    assert section.startswith("[asana]\nproject = \"")
    monkeypatch.setenv("CERTSYNC_TEST_ASANA_TOKEN", sandbox.token)
    path = tmp_path / "certsync.toml"
    path.write_text(f'[program]\nname = "New team"\n\n{section}\n[sync]\nstate = "state.sqlite"\n')
    config = load_config(path)
    open_tracker(config, "asana").provision()
    assert open_tracker(config, "asana").check() == []
    snapshot = open_tracker(config, "asana").read(None)
    assert snapshot.enrollments == () and snapshot.check_ins == ()


def test_init_on_a_free_workspace_says_custom_fields_need_a_paid_plan(sandbox):
    sandbox.mark_asana_workspace_free(sandbox.asana_workspace_gid)
    with pytest.raises(TrackerError) as caught:
        init("asana", sandbox.token, workspace=sandbox.asana_workspace_gid, base_url=sandbox.asana_url)
    assert str(caught.value).startswith("custom fields need a paid Asana plan") and "\n" not in str(caught.value)
