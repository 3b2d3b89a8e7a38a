"""`certsync sandbox --asana-rate-limit PER_MINUTE`, and `--rate-limit 0` turning Asana's off too."""

from click.testing import CliRunner

from certsync.sandbox import Sandbox
from certsync.sync.cli import cli


def started(monkeypatch, *args):
    seen = {}
    monkeypatch.setattr(Sandbox, "start", lambda self, host="127.0.0.1", port=0: self)  # no port taken
    monkeypatch.setattr(Sandbox, "serve_forever", lambda self, host, port: seen.setdefault("sb", self))
    result = CliRunner().invoke(cli, ["sandbox", *args], prog_name="certsync")
    return result, seen.get("sb")


def test_the_asana_budget_is_set_by_its_own_option(monkeypatch):
    result, sb = started(monkeypatch, "--asana-rate-limit", "100")
    assert result.exit_code == 0 and sb.asana.per_minute == 100 and sb.limiter.rate == 3
    assert "/asana/api/1.0" in result.output


def test_rate_limit_0_turns_both_off(monkeypatch):
    result, sb = started(monkeypatch, "--rate-limit", "0")
    assert result.exit_code == 0 and sb.asana.per_minute == 0 and sb.limiter.rate == 0


def test_a_negative_asana_budget_is_a_usage_error(monkeypatch):
    result, _ = started(monkeypatch, "--asana-rate-limit", "-5")
    assert result.exit_code == 2 and "--asana-rate-limit" in result.output
