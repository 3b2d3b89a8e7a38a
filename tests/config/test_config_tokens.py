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


PASTED = [
    TOKEN,
    "secret_AbCdEf0123456789AbCdEf0123456789AbCdEf01234",
    "2/1209876543210987/1209876543210999:0a1b2c3d4e5f6a7b8c9d",
    "1/1234567890123:0a1b2c3d4e5f6a7b8c9d",
    "Zk2f9QmX4rT8vB1nL6pW3sY7dH0jK5cA2eG9uR4x",  # no known shape: long, both cases and digits
]
# (where the value goes, how the text reads with it): invalid values, valid ones, unknown keys, keys
PLACES = {
    "an invalid id": lambda v: MINIMAL.replace('enrollments = "', f'enrollments = "{v}"\n#'),
    "a time zone": lambda v: MINIMAL.replace("[program]", f'[program]\ntimezone = "{v}"'),
    "a weekday": lambda v: MINIMAL.replace("[program]", f'[program]\ncheckin_deadline = "{v}"'),
    "a number": lambda v: MINIMAL + f'\n[policy]\nlow_hours_ratio = "{v}"\n',
    "a base URL": lambda v: MINIMAL + f'base_url = "{v}"\n',
    "an Asana project": lambda v: MINIMAL + f'\n[asana]\nproject = "{v}"\ncheck_ins_project = "12"\n',
    "a valid program name": lambda v: MINIMAL.replace('name = "Cloud certifications"', f'name = "{v}"'),
    "a valid field name": lambda v: MINIMAL + f'\n[notion.fields]\nstatus = "{v}"\n',
    "two fields named alike": lambda v: MINIMAL + f'\n[notion.fields]\nstatus = "{v}"\nflags = "{v}"\n',
    "an unknown key": lambda v: MINIMAL + f'\n[sync]\napi_key = "{v}"\n',
    "a key": lambda v: MINIMAL + f'\n[sync]\n"{v}" = 1\n',
    "a key twice": lambda v: MINIMAL + f'\n[sync]\n"{v}" = 1\n"{v}" = 2\n',
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("pasted", PASTED)
def test_a_token_pasted_anywhere_is_never_echoed(write_config, monkeypatch, place, pasted):
    monkeypatch.setenv("NOTION_TOKEN", TOKEN)
    write_config(PLACES[place](pasted))
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml", require_tokens=True)
    text = str(caught.value)
    secret = pasted.split(":")[-1].split("_", 1)[-1]
    assert secret[:8] not in text
    if place not in ("an unknown key", "a key twice"):  # these never show the value
        assert "looks like a token" in text


def test_a_token_in_a_valid_place_says_where_and_what_to_do(write_config):
    write_config(MINIMAL.replace('name = "Cloud certifications"', f'name = "{TOKEN}"'))
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml")
    assert str(caught.value) == (
        "certsync.toml: program.name: found a value that looks like a token (not shown): certsync reads tokens "
        "only from the environment variable named by token_env; take it out of this file "
        "(and revoke it if the file was shared)"
    )


def test_a_token_as_an_invalid_value_says_what_was_expected(write_config):
    write_config(MINIMAL.replace("[program]", f'[program]\ntimezone = "{TOKEN}"'))
    with pytest.raises(ConfigError) as caught:
        load_config("certsync.toml")
    assert str(caught.value) == (
        "certsync.toml: program.timezone: expected an IANA time zone name, such as Europe/Berlin, "
        "found a value that looks like a token (not shown)"
    )


@pytest.mark.parametrize("value", [
    "https://www.notion.so/acme/Cloud-Certifications-2025-Q3-Enrollments-1c2f4e6a0b7d4c1e9a3f5d8e7b6a4c21?v=7d3e9b1a",
    "https://app.asana.com/1/1209876543210987/project/1209876543210999/list",
    "America/Argentina/ComodRivadavia", "CERTSYNC_NOTION_TOKEN_2025", "/Users/JohnSmith2/certsync/state-2025.sqlite",
    "Under half of target – 2 weeks", "http://127.0.0.1:8765/notion",
])
def test_ids_urls_names_and_paths_do_not_look_like_tokens(value):
    from certsync.config.values import looks_like_token

    assert not looks_like_token(value)
