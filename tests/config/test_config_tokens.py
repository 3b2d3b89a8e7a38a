"""Tokens come only from environment variables and never show up in reprs, errors or dumps."""

from __future__ import annotations

import pytest
from config_texts import MINIMAL

from certsync.config import ConfigError, load_config

TOKEN = "ntn_4f9Zk2SecretValue0123456789abcdef"
NOT_SET = (
    "NOTION_TOKEN is not set: certsync reads the Notion token from this environment variable "
    "(set [notion] token_env to use another)"
)


def test_token_comes_from_notion_token(write_config, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", TOKEN)
    config = load_config(write_config(MINIMAL))
    assert config.notion.token() == TOKEN
    assert config.notion.secret().get_secret_value() == TOKEN
    assert TOKEN not in repr(config.notion.secret())


def test_token_env_names_another_variable(write_config, monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN", raising=False)
    monkeypatch.setenv("CERTSYNC_NOTION", TOKEN)
    config = load_config(write_config(MINIMAL + 'token_env = "CERTSYNC_NOTION"\n'))
    assert config.notion.token() == TOKEN


def test_missing_token_says_which_variable_to_set(write_config, monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN", raising=False)
    write_config(MINIMAL)
    config = load_config("certsync.toml")
    with pytest.raises(ConfigError) as caught:
        config.notion.token()
    assert str(caught.value) == f"certsync.toml: notion.token_env: {NOT_SET}"


def test_empty_token_counts_as_missing(write_config, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", "  ")
    config = load_config(write_config(MINIMAL))
    with pytest.raises(ConfigError, match="NOTION_TOKEN is not set"):
        config.notion.token()


def test_missing_asana_token_names_its_variable(write_config, monkeypatch):
    monkeypatch.delenv("ASANA_ACCESS_TOKEN", raising=False)
    config = load_config(write_config('[program]\nname = "x"\n[asana]\nproject = "12"\ncheck_ins_project = "13"\n'))
    with pytest.raises(ConfigError) as caught:
        config.asana.token()
    assert "ASANA_ACCESS_TOKEN is not set: certsync reads the Asana token" in str(caught.value)


def test_require_tokens_reports_the_token_with_the_other_problems(write_config, monkeypatch):
    monkeypatch.delenv("NOTION_TOKEN", raising=False)
    write_config(MINIMAL + "\n[sync]\nevery_minutes = 0\n")
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml", require_tokens=True)
    assert str(caught.value).splitlines() == [
        "certsync.toml: sync.every_minutes: expected a whole number at least 1, found 0",
        f"certsync.toml: notion.token_env: {NOT_SET}",
    ]


def test_token_is_not_in_repr_or_json_of_the_config(write_config, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", TOKEN)
    config = load_config(write_config(MINIMAL), require_tokens=True)
    config.notion.token()
    assert TOKEN not in repr(config)
    assert TOKEN not in str(config)
    assert TOKEN not in config.model_dump_json()
    assert TOKEN not in config.model_dump_json(by_alias=True)


def test_token_pasted_into_the_file_is_not_echoed(write_config, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", TOKEN)
    write_config(MINIMAL + f'token = "{TOKEN}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml", require_tokens=True)
    assert TOKEN not in str(caught.value)
    assert str(caught.value) == (
        "certsync.toml: notion.token: expected a key of [notion], found an unknown key "
        "(certsync reads the token from the environment variable named by token_env, never from this file)"
    )


@pytest.mark.parametrize("pasted", [TOKEN, "2/1209876543210987/1209876543210999:0a1b2c3d4e5f"])
def test_token_pasted_as_token_env_is_not_echoed(write_config, monkeypatch, pasted):
    write_config(MINIMAL + f'token_env = "{pasted}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml", require_tokens=True)
    assert pasted not in str(caught.value)
    assert str(caught.value) == (
        "certsync.toml: notion.token_env: expected an environment variable name (letters, digits and _), "
        "found something else (not shown, in case it is the token itself)"
    )


def test_config_built_in_code_still_words_the_missing_token(monkeypatch):
    from certsync.config import Config

    monkeypatch.delenv("NOTION_TOKEN", raising=False)
    config = Config.model_validate({
        "program": {"name": "x"},
        "notion": {"enrollments": "1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c21", "check_ins": "1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c22"},
    })
    with pytest.raises(ConfigError) as caught:
        config.notion.token()
    assert str(caught.value) == f"notion.token_env: {NOT_SET}"
