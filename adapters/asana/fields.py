"""A project's custom fields by name, as its custom field settings list them: the gid, type,
number format and enum options of each. Learned once, remembered between passes (JSON), and
learned again when a task shows that they changed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# What a pass asks of a project's custom field settings.
SETTING_FIELDS = ",".join([
    "custom_field.name", "custom_field.resource_subtype", "custom_field.type", "custom_field.format",
    "custom_field.precision", "custom_field.is_formula_field", "custom_field.enum_options.name",
    "custom_field.enum_options.color", "custom_field.enum_options.enabled",
])


@dataclass
class FieldInfo:
    gid: str
    name: str
    type: str
    format: str | None = None
    formula: bool = False
    options: dict[str, str] = field(default_factory=dict)  # enabled option name -> option gid
    colors: dict[str, str] = field(default_factory=dict)  # option name -> color
    disabled: list[str] = field(default_factory=list)  # names of disabled options


def field_of(definition: dict[str, Any]) -> FieldInfo:
    options, colors, disabled = {}, {}, []
    for option in definition.get("enum_options") or []:
        name = option.get("name", "")
        if option.get("enabled", True):
            options[name] = option["gid"]
        else:
            disabled.append(name)
        colors[name] = option.get("color") or "none"
    return FieldInfo(gid=definition["gid"], name=definition.get("name", ""),
                     type=definition.get("resource_subtype") or definition.get("type") or "",
                     format=definition.get("format"), formula=bool(definition.get("is_formula_field")),
                     options=options, colors=colors, disabled=disabled)


@dataclass
class ProjectFields:
    """The custom fields of one project, by name."""

    by_name: dict[str, FieldInfo] = field(default_factory=dict)

    @classmethod
    def of_settings(cls, settings: list[dict[str, Any]]) -> ProjectFields:
        found = cls()
        for setting in settings:
            definition = setting.get("custom_field") or {}
            if definition.get("gid"):
                info = field_of(definition)
                found.by_name.setdefault(info.name, info)
        return found

    def get(self, name: str | None) -> FieldInfo | None:
        return self.by_name.get(name) if name else None

    def names(self) -> list[str]:
        return sorted(self.by_name)

    def dump(self) -> dict[str, Any]:
        return {name: asdict(info) for name, info in sorted(self.by_name.items())}

    @classmethod
    def load(cls, data: dict[str, Any] | None) -> ProjectFields | None:
        if not isinstance(data, dict):
            return None
        try:
            return cls({name: FieldInfo(**info) for name, info in data.items()})
        except TypeError:
            return None
