"""The value types of certsync.toml that need more than a type check, each with its own wording.

Every annotated type carries an `Expect`: the phrase an error uses for what the key should hold.
Validators raise `invalid(...)`, which the loader turns into "expected ..., found ...".
"""

from __future__ import annotations

import difflib
import re
from datetime import time
import zoneinfo
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from certsync.rules.policy import Weekday


class Expect:
    """Annotation metadata: how error messages describe a valid value of this key."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Expect({self.text!r})"


def invalid(hint: str = "", *, expected: str = "", key: str = "", found: Any = None) -> PydanticCustomError:
    """An error the loader words as "expected ..., found ... (hint)".

    `expected` defaults to the key's `Expect`; `key` names a key inside the table that failed (for
    checks across keys); `found` replaces the value pydantic saw.
    """
    ctx = {"hint": hint, "expected": expected, "key": key, "found": found}
    return PydanticCustomError("certsync", "{hint}", ctx)


def did_you_mean(value: str, choices: list[str] | tuple[str, ...]) -> str:
    """`did you mean X?` for the closest choice (case-insensitive), or ""."""
    folded = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(value.lower(), list(folded), n=1, cutoff=0.6)
    return f"did you mean {folded[close[0]]}?" if close else ""


# --- time zone ---------------------------------------------------------------------------------

@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def _check_timezone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise invalid(did_you_mean(name, _zones())) from None
    return name


TimeZoneName = Annotated[
    str,
    AfterValidator(_check_timezone),
    Expect("an IANA time zone name, such as Europe/Berlin"),
    Field(json_schema_extra={"examples": ["UTC", "Europe/Berlin", "America/New_York"]}),
]


# --- weekday -----------------------------------------------------------------------------------

WEEKDAY_NAMES = tuple(day.name.lower() for day in Weekday)


def _parse_weekday(value: Any) -> Any:
    if isinstance(value, Weekday):
        return value
    if not isinstance(value, str):
        raise invalid()
    try:
        return Weekday[value.strip().upper()]
    except KeyError:
        raise invalid(did_you_mean(value.strip(), WEEKDAY_NAMES)) from None


WeekdayName = Annotated[
    Weekday,
    BeforeValidator(_parse_weekday),
    PlainSerializer(lambda day: day.name.lower(), return_type=str),
    WithJsonSchema({"type": "string", "enum": [*WEEKDAY_NAMES, *(n.title() for n in WEEKDAY_NAMES)]}),
    Expect("a weekday name, such as friday"),
]


# --- a time of day --------------------------------------------------------------------------------

def _parse_time(value: Any) -> Any:
    """A TOML local time (15:00:00) or a string "15:00"."""
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value.strip())
        except ValueError:
            raise invalid() from None
    return value


LocalTime = Annotated[
    time,
    BeforeValidator(_parse_time),
    PlainSerializer(lambda at: at.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$"}),
    Expect('a time of day, such as 15:00 or "15:00"'),
]


# --- tracker ids -------------------------------------------------------------------------------

_HEX32 = re.compile(r"[0-9a-fA-F]{32}")


def _dashed(hex32: str) -> str:
    h = hex32.lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _notion_id(value: str) -> str:
    """A data source or database id, dashed or not, or a Notion URL whose path ends in one."""
    text = value.strip()
    if "://" in text:
        # a page URL is ".../<title>-<id>?v=<view id>": the id is the last 32 hex digits of the path
        tail = urlsplit(text).path.rstrip("/").replace("-", "")[-32:]
        if _HEX32.fullmatch(tail):
            return _dashed(tail)
        raise invalid("a URL without a Notion id in its path")
    if _HEX32.fullmatch(text.replace("-", "")):
        return _dashed(text.replace("-", ""))
    raise invalid()


def notion_id(value: str) -> str:
    """The dashed id in a Notion id or URL; ValueError when there is none."""
    try:
        return _notion_id(value)
    except PydanticCustomError:
        raise ValueError(f"'{value}' is not a Notion id or URL: expected 32 hexadecimal characters") from None


NotionPage = Annotated[
    str,
    AfterValidator(_notion_id),
    Expect("a Notion page id or URL"),
    Field(json_schema_extra={"examples": ["5ca1ab1e-0000-4000-8000-0000000000f1"]}),
]

NotionId = Annotated[
    str,
    AfterValidator(_notion_id),
    Expect("a Notion data source id, database id or URL"),
    Field(json_schema_extra={"examples": ["1c2f4e6a-0b7d-4c1e-9a3f-5d8e7b6a4c21"]}),
]


def _asana_gid(value: str) -> str:
    """A project gid, or an Asana project URL (`/0/<gid>/...` or `/1/<workspace>/project/<gid>/...`)."""
    text = value.strip()
    if text.isdigit():
        return text
    if "://" in text:
        parts = [p for p in urlsplit(text).path.split("/") if p]
        if "project" in parts and parts.index("project") + 1 < len(parts):
            candidate = parts[parts.index("project") + 1]
        elif len(parts) >= 2 and parts[0] == "0":
            candidate = parts[1]
        else:
            candidate = ""
        if candidate.isdigit():
            return candidate
        raise invalid("a URL without an Asana project id in its path")
    raise invalid()


AsanaGid = Annotated[
    str,
    AfterValidator(_asana_gid),
    Expect("an Asana project id (digits) or project URL"),
    Field(json_schema_extra={"examples": ["1209876543210987"]}),
]


# --- plain strings with a shape ----------------------------------------------------------------

def _base_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid()
    return value.strip().rstrip("/")


BaseUrl = Annotated[str, AfterValidator(_base_url), Expect("an http:// or https:// URL")]

# --- tokens pasted into the file ---------------------------------------------------------------

# Notion's tokens (ntn_…, formerly secret_…) and Asana's personal access tokens (1/…:…, 2/…/…:…)
_TOKEN_SHAPE = re.compile(r"(?<![A-Za-z0-9])(?:ntn|secret)_[A-Za-z0-9]|(?<![\d/])[012]/\d+(?:/\d+)?:[A-Za-z0-9]")
# any other token: a long run of letters and digits in both cases (ids are hex, names have spaces)
_LONG_RUN = re.compile(r"[A-Za-z0-9+=]{32,}")
_MIXED = (re.compile("[a-z]"), re.compile("[A-Z]"), re.compile("[0-9]"))
TOKEN_FOUND = "a value that looks like a token (not shown)"
TOKEN_KEY = "(a key that looks like a token, not shown)"


def looks_like_token(text: str) -> bool:
    """True when `text` holds something that looks like an API token: never echo it."""
    if _TOKEN_SHAPE.search(text):
        return True
    return any(all(kind.search(run) for kind in _MIXED) for run in _LONG_RUN.findall(text))


def shown_key(parts: Iterable[str]) -> str:
    """A dotted key as an error may print it: a part that looks like a token is replaced."""
    return ".".join(TOKEN_KEY if looks_like_token(part) else part for part in parts)


ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def is_env_name(value: str) -> bool:
    """A plausible variable name, and not a token pasted where its variable's name goes."""
    return bool(ENV_NAME.fullmatch(value)) and not looks_like_token(value) and not value.lower().startswith(
        ("secret_", "ntn_"))


def _env_name(value: str) -> str:
    # The value is never shown: what is found here instead of a name is often the token itself.
    if not is_env_name(value):
        raise invalid(found="something else (not shown, in case it is the token itself)")
    return value


EnvVarName = Annotated[
    str,
    AfterValidator(_env_name),
    Expect("an environment variable name (letters, digits and _)"),
]


def _non_blank(value: str) -> str:
    if not value.strip():
        raise invalid()
    return value


FieldName = Annotated[str, AfterValidator(_non_blank), Expect("a field name (a non-empty string)")]
NonBlank = Annotated[str, AfterValidator(_non_blank), Expect("a non-empty string")]
FilePath = Annotated[str, AfterValidator(_non_blank), Expect("a file path (a non-empty string)")]
