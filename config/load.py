"""load_config: read certsync.toml, validate it, and report every problem at once."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from certsync.config.errors import ConfigError, Problem
from certsync.config.model import TRACKERS_EXPECTED, Config
from certsync.config.sections import AsanaSection, NotionSection, token_problem
from certsync.config.translate import problems_from
from certsync.config.values import is_env_name, looks_like_token, shown_key

DEFAULT_PATH = "certsync.toml"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def load_config(
    path: str | os.PathLike[str] = DEFAULT_PATH,
    *,
    require_tokens: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """The validated configuration in `path`; ConfigError listing every problem otherwise.

    With `require_tokens`, a tracker's token missing from the environment is one more problem.
    """
    display = str(path)
    file = Path(path)
    data = _read(file, display)
    problems: list[Problem] = []
    config: Config | None = None
    try:
        config = Config.model_validate(data).bind(file.resolve(), display)
    except ValidationError as error:
        problems.extend(problems_from(error, Config, display))
        if "notion" not in data and "asana" not in data:
            problems.append(Problem(display, "", TRACKERS_EXPECTED, "neither"))
    reported = {problem.key for problem in problems}
    problems.extend(p for p in _pasted_tokens(data, display) if p.key not in reported)
    if require_tokens:
        problems.extend(_token_problems(data, display, os.environ if environ is None else environ))
    if problems:
        raise ConfigError(problems)
    assert config is not None
    return config


def _read(file: Path, display: str) -> dict[str, Any]:
    try:
        text = file.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError([Problem(
            display, "", "a certsync configuration file",
            "no such file (start from certsync.example.toml, or pass -c FILE)",
        )]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(display, "", "a certsync configuration file", "a directory")]) from None
    except UnicodeDecodeError as error:
        raise ConfigError([Problem(display, "", "UTF-8 text", f"a byte that is not UTF-8 at offset {error.start}")]) from None
    except OSError as error:
        raise ConfigError([Problem(display, "", "a readable file", error.strerror or type(error).__name__)]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = _TOML_POSITION.search(message)
        key = f"line {where[1]}, column {where[2]}" if where else ""
        reason = _TOML_POSITION.sub("", message)
        if looks_like_token(reason):  # tomllib quotes keys: "Cannot declare ('ntn_…',) twice"
            reason = "not shown: it quotes a key or value that looks like a token"
        raise ConfigError([Problem(display, key, "valid TOML", f"a syntax error ({reason})")]) from None


TOKEN_IN_FILE = (
    "found a value that looks like a token (not shown): certsync reads tokens only from the environment "
    "variable named by token_env; take it out of this file (and revoke it if the file was shared)"
)


def _pasted_tokens(table: dict[str, Any], display: str, loc: tuple[str, ...] = ()) -> list[Problem]:
    """Every value that looks like a token, wherever it was pasted: even where it would be a valid
    value (a program name), it would end up in output and in comments the team reads."""
    problems = []
    for key, value in table.items():
        here = (*loc, key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict):
                problems.extend(_pasted_tokens(item, display, here))
            elif isinstance(item, str) and looks_like_token(item):
                problems.append(Problem(display, shown_key(here), message=TOKEN_IN_FILE))
    return problems


def _token_problems(data: dict[str, Any], display: str, environ: Mapping[str, str]) -> list[Problem]:
    """Unset token variables of the tracker tables present, read from the raw file so that they
    are reported along with any other problem."""
    problems = []
    for section, model in (("notion", NotionSection), ("asana", AsanaSection)):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        name = table.get("token_env", model.model_fields["token_env"].default)
        if not isinstance(name, str) or not is_env_name(name):
            continue  # reported as a problem of token_env
        if not environ.get(name, "").strip():
            problems.append(token_problem(display, section, name))
    return problems
