"""Pydantic's validation errors, worded as certsync.toml problems: key, expected, found."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from functools import cache
from typing import Any

import annotated_types as at
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from certsync.config.errors import Problem
from certsync.config.values import TOKEN_FOUND, Expect, did_you_mean, looks_like_token, shown_key

_LIMITS = ((at.Gt, "gt", "greater than"), (at.Ge, "ge", "at least"), (at.Lt, "lt", "less than"), (at.Le, "le", "at most"))
_TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}


def problems_from(error: ValidationError, root: type[BaseModel], file: str) -> list[Problem]:
    return [_without_tokens(_problem(e, root, file)) for e in error.errors(include_url=False)]


def _without_tokens(problem: Problem) -> Problem:
    """A value (or a key) that looks like a token pasted into the file is not shown."""
    found = TOKEN_FOUND if looks_like_token(problem.found) else problem.found
    return dataclasses.replace(problem, key=shown_key(problem.key.split(".")), found=found)


def _problem(err: Any, root: type[BaseModel], file: str) -> Problem:
    loc = tuple(str(part) for part in err["loc"])
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(loc, root, file)
    if kind == "certsync" and ctx.get("key"):
        loc = (*loc, ctx["key"])
    key = ".".join(loc)
    field = _field_at(root, loc)
    expected = ctx.get("expected") or (_expected(field, loc) if field else _lower_first(err["msg"]))
    if kind == "missing":
        return Problem(file, key, f"{expected} (required)", "nothing")
    found = ctx.get("found") or describe(err.get("input"))
    hint = ctx.get("hint") if kind == "certsync" else ""
    return Problem(file, key, expected, f"{found} ({hint})" if hint else found)


def _unknown_key(loc: tuple[str, ...], root: type[BaseModel], file: str) -> Problem:
    *table, name = loc
    model = _model_at(root, tuple(table)) or root
    allowed = _keys(model)
    where = f"[{'.'.join(table)}]" if table else "the top level"
    hint = _RENAMED.get((*table, name)) or did_you_mean(name, allowed)
    if "token_env" in allowed and any(word in name.lower() for word in ("token", "secret", "key")):
        hint = "certsync reads the token from the environment variable named by token_env, never from this file"
    if not hint:
        home = _home_of(name, root, tuple(table))
        hint = f"{name} belongs in {home}" if home else ""
    expected = f"a key of {where}" if hint else f"a key of {where}: {', '.join(allowed)}"
    found = f"an unknown key ({hint})" if hint else "an unknown key"
    return Problem(file, ".".join(loc), expected, found)


# Keys that were renamed, with what the new one means.
_RENAMED = {
    ("asana", "requests_per_second"): "now requests_per_minute: Asana counts per minute, "
                                      "1500 on paid plans and 150 on a free workspace",
}


def _home_of(name: str, root: type[BaseModel], here: tuple[str, ...]) -> str:
    """The table where a misplaced key belongs, e.g. checkin_deadline in [program]; tables
    next to this one first (hours in [notion.fields] belongs in [notion.check_in_fields])."""
    tables = sorted(_tables(root, ()), key=lambda t: t[0][:1] != here[:1])
    for loc, model in tables:
        if loc != here and name in _keys(model):
            return f"[{'.'.join(loc)}]"
    return ""


@cache  # once per model: a file with 200,000 unknown keys looks for each one's home
def _tables(model: type[BaseModel], loc: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], type[BaseModel]], ...]:
    found: list[tuple[tuple[str, ...], type[BaseModel]]] = []
    for name, info in model.model_fields.items():
        sub = _submodel(info)
        if sub is not None:
            sub_loc = (*loc, info.alias or name)
            found.append((sub_loc, sub))
            found.extend(_tables(sub, sub_loc))
    return tuple(found)


@cache
def _keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(info.alias or name for name, info in model.model_fields.items())


def _lookup(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _field_at(root: type[BaseModel], loc: tuple[str, ...]) -> FieldInfo | None:
    if not loc:
        return None
    parent = _model_at(root, loc[:-1])
    return _lookup(parent, loc[-1]) if parent else None


def _model_at(root: type[BaseModel], loc: tuple[str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for key in loc:
        info = _lookup(model, key) if model else None
        model = _submodel(info) if info else None
    return model


def _arms(annotation: Any) -> list[Any]:
    """`X | None` -> [X]; `X` -> [X]."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _submodel(info: FieldInfo) -> type[BaseModel] | None:
    for arm in _arms(info.annotation):
        if isinstance(arm, type) and issubclass(arm, BaseModel):
            return arm
    return None


def _metadata(info: FieldInfo) -> list[Any]:
    found = list(info.metadata)
    for arm in _arms(info.annotation):
        if typing.get_origin(arm) is typing.Annotated:
            found.extend(typing.get_args(arm)[1:])
    return found


def _expected(info: FieldInfo, loc: tuple[str, ...]) -> str:
    """How to describe a valid value: the key's `Expect`, or its type and limits in words."""
    if _submodel(info) is not None:
        return f"a table [{'.'.join(loc)}]"
    metadata = _metadata(info)
    for item in metadata:
        if isinstance(item, Expect):
            return item.text
    base = next((_TYPE_WORDS[a] for a in _arms(info.annotation) if a in _TYPE_WORDS), "a value")
    limits = [
        f"{words} {_number(getattr(item, attr))}"
        for item in metadata
        for cls, attr, words in _LIMITS
        if isinstance(item, cls)
    ]
    return f"{base} {' and '.join(limits)}" if limits else base


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe(value: Any) -> str:
    """A value as the TOML file spells it: strings quoted, tables and lists named."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return json.dumps(text, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return f"the date/time {value.isoformat()}"
    return "nothing" if value is None else type(value).__name__


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
