"""The base of every certsync.toml table: immutable, strict types, unknown keys refused."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, model_validator

from certsync.config.values import invalid


class Section(BaseModel):
    """A table of certsync.toml. TOML has types, so values are not coerced: "0.5" is not a number."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, validate_default=False)


class FieldMap(Section):
    """A table of field names: each key of certsync's model mapped to a field of the tracker.

    Fields certsync only reads may share a property (the title can be the engineer's name); a
    field it writes may share with nothing, or a write would overwrite what it reads."""

    @model_validator(mode="after")
    def _distinct(self) -> FieldMap:
        owned = {key for key, info in type(self).model_fields.items()
                 if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("owned")}
        seen: dict[str, str] = {}
        for key, name in self.model_dump().items():
            if name is None:
                continue
            if name in seen and (key in owned or seen[name] in owned):
                raise invalid(expected=f"a field name not already used by {seen[name]}", key=key, found=json.dumps(name))
            seen.setdefault(name, key)
        return self
