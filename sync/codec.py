"""The cached records as compact JSON rows, and back, fast.

A settled pass evaluates every cached record, so it rebuilds them all: 140,000 check-ins for a
program of 10,000 enrollments. Rows are positional arrays (no key names repeated 140,000 times),
laid out from each model's own fields (a field added to the model is cached without a change
here), and are rebuilt without validation: they were validated when they were read from the
tracker, and a row that does not decode is a broken cache, which the state sets aside.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel

from certsync.adapters.records import CheckInRecord, EnrollmentRecord

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (to JSON, from JSON)


def _built(cls: Any, values: dict[str, Any]) -> Any:
    """`cls.model_construct(**values)` for values that name every field, without its per-field
    loop: what `model_construct` itself sets, set at once."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _plain() -> Codec:
    return (lambda v: v), (lambda v: v)


def _optional(inner: Codec) -> Codec:
    out, back = inner
    return (lambda v: None if v is None else out(v)), (lambda v: None if v is None else back(v))


def _codec_of(annotation: Any) -> Codec:
    """How a value of this annotation goes to JSON and back."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _optional(_codec_of(inner[0])) if len(inner) == 1 else _plain()
    if annotation is datetime:
        return (lambda v: v.isoformat()), datetime.fromisoformat
    if annotation is date:
        return (lambda v: v.isoformat()), date.fromisoformat
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = {m.value: m for m in annotation}
        return (lambda v: v.value), members.__getitem__
    if typing.get_origin(annotation) is tuple:
        item_out, item_back = _codec_of(args[0]) if args else _plain()
        return (lambda v: [item_out(x) for x in v]), (lambda v: tuple(item_back(x) for x in v))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        model = ModelCodec(annotation)
        return model.encode, model.decode
    return _plain()


class ModelCodec:
    """A model as a positional array of its fields, in the model's order; `fixed` fields are not
    stored and come back as given."""

    def __init__(self, cls: type[BaseModel], fixed: dict[str, Any] | None = None) -> None:
        self.cls = cls
        self.fixed = fixed or {}
        self.names = [name for name in cls.model_fields if name not in self.fixed]
        codecs = [_codec_of(cls.model_fields[name].annotation) for name in self.names]
        self.outs = [out for out, _ in codecs]
        self.backs = [back for _, back in codecs]

    def encode(self, model: BaseModel) -> list[Any]:
        return [out(getattr(model, name)) for name, out in zip(self.names, self.outs)]

    def decode(self, row: list[Any]) -> Any:
        values = {name: back(raw) for name, back, raw in zip(self.names, self.backs, row)}
        return _built(self.cls, {**values, **self.fixed} if self.fixed else values)


_CHECK_IN_RECORD = ModelCodec(CheckInRecord)
_ENROLLMENT_RECORD = ModelCodec(EnrollmentRecord)


def _dumps(row: list[Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def encode_check_in(record: CheckInRecord) -> str:
    return _dumps(_CHECK_IN_RECORD.encode(record))


def decode_check_in(row: list[Any]) -> CheckInRecord:
    return _CHECK_IN_RECORD.decode(row)


def encode_enrollment(record: EnrollmentRecord) -> str:
    return _dumps(_ENROLLMENT_RECORD.encode(record))


def decode_enrollment(row: list[Any]) -> EnrollmentRecord:
    return _ENROLLMENT_RECORD.decode(row)


def decode_rows(rows: list[tuple[str, str]], decode: Any) -> dict[str, Any]:
    """Rows of (id, encoded) decoded in one JSON parse."""
    if not rows:
        return {}
    values = json.loads("[" + ",".join(r for _, r in rows) + "]")
    return {ident: decode(value) for (ident, _), value in zip(rows, values)}
