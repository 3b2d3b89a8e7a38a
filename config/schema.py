"""config_schema: the JSON Schema of certsync.toml, for editor completion and validation."""

from __future__ import annotations

from typing import Any

from certsync.config.model import Config

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def config_schema() -> dict[str, Any]:
    """The schema of certsync.toml as a dict (keys as written in the file, with descriptions)."""
    schema = _without_null(Config.model_json_schema(by_alias=True, mode="validation"))
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "certsync.toml",
        "description": "Configuration of certsync: the program, its policy thresholds, the tracker, and sync timing.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _without_null(node: Any) -> Any:
    """TOML has no null: an optional key is one that is left out, so `X | None` becomes `X`."""
    if isinstance(node, list):
        return [_without_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _without_null(value) for key, value in node.items()}
    arms = node.get("anyOf")
    if isinstance(arms, list) and {"type": "null"} in arms:
        kept = [arm for arm in arms if arm != {"type": "null"}]
        del node["anyOf"]
        if node.get("default", ...) is None:
            del node["default"]
        if len(kept) == 1:
            node = {**kept[0], **node}
        else:
            node["anyOf"] = kept
    return node
