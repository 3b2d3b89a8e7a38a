"""The sync command's output: JSON even on failure, and only the rows that need reading."""

import json
from click.testing import CliRunner
from certsync.sync.cli import cli


def invoke(*args):
    return CliRunner().invoke(cli, list(args), prog_name="certsync")


def test_a_settled_pass_lists_only_what_changed_and_all_lists_everything(tracker, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    c = str(tracker.config_path)
    first = invoke("sync", "-c", c)
    assert first.exit_code in (0, 1), first.output
    second = invoke("sync", "-c", c)
    assert "not shown; --all shows them" in second.stdout
    every = invoke("sync", "-c", c, "--all")
    assert "not shown" not in every.stdout
    assert len(every.stdout.splitlines()) > len(second.stdout.splitlines())


def test_json_is_printed_on_failure_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOTION_TOKEN", "ntn_x")
    (tmp_path / "certsync.toml").write_text('[program]\nname="x"\n[notion]\nenrollments="1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c21"\n'
                                            'check_ins="7d3e9b1a5c2f4e8d9a6b0c1d2e3f4a5b"\nbase_url="http://127.0.0.1:9/notion"\n')
    r = invoke("sync", "--json")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["exit_code"] == 1 and data["error"].startswith("cannot reach Notion at http://127.0.0.1:9/notion")
    (tmp_path / "certsync.toml").write_text('[program]\n' + "".join(f"k{i}=1\n" for i in range(100)))
    r = invoke("sync", "--json")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["exit_code"] == 2 and len(data["problems"]) == 51
    r = invoke("check")
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 51, r.stderr


def test_check_prints_the_asana_table_and_user_text_literally(tmp_path, monkeypatch):
    import certsync.sync.cli as m
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASANA_ACCESS_TOKEN", "x")
    monkeypatch.setattr(m, "check_tracker", lambda config: [])
    (tmp_path / "certsync.toml").write_text('[program]\nname="[ops] Eve [/red]"\n[asana]\nproject="12"\ncheck_ins_project="13"\n')
    r = invoke("check")
    assert r.exit_code == 0, r.output
    assert "1,500 requests/minute" in r.stdout and "[ops] Eve [/red]" in r.stdout


def test_sandbox_on_a_busy_port_says_so_and_exits_2():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("sandbox", "--port", str(port))
    assert result.exit_code == 2
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.output
