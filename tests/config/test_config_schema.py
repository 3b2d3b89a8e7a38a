"""config_schema(): a JSON Schema of certsync.toml that editors can use."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from certsync.config import config_schema
from certsync.rules.policy import Policy

REPO = Path(__file__).resolve().parents[2]


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[1]] if ref else node


def test_schema_is_json_with_dialect_title_and_sections():
    schema = json.loads(json.dumps(config_schema()))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "certsync.toml"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert {"program", "policy", "notion", "asana", "sync"} <= set(schema["properties"])
    assert schema["required"] == ["program"]


def test_policy_schema_has_every_threshold_with_its_description():
    schema = config_schema()
    policy = _resolve(schema, schema["properties"]["policy"])
    expected = {name: info.description for name, info in Policy.model_fields.items() if name != "checkin_deadline"}
    assert {k: v["description"] for k, v in policy["properties"].items()} == expected
    assert policy["properties"]["low_hours_ratio"]["exclusiveMinimum"] == 0


def test_program_schema_gives_weekday_names_not_numbers():
    schema = config_schema()
    program = _resolve(schema, schema["properties"]["program"])
    deadline = program["properties"]["checkin_deadline"]
    assert deadline["default"] == "friday"
    assert "Friday" in deadline["enum"] and "friday" in deadline["enum"]
    assert program["required"] == ["name"]


def test_notion_schema_requires_the_two_ids_and_has_no_nulls():
    schema = config_schema()
    notion = _resolve(schema, schema["properties"]["notion"])
    assert sorted(notion["required"]) == ["check_ins", "enrollments"]
    assert '"null"' not in json.dumps(schema)  # TOML has no null: optional keys are left out


def test_every_key_of_the_example_file_is_in_the_schema():
    schema = config_schema()
    example = tomllib.loads((REPO / "certsync.example.toml").read_text(encoding="utf-8"))

    def walk(table: dict, node: dict, where: str) -> None:
        node = _resolve(schema, node)
        for key, value in table.items():
            assert key in node["properties"], f"{where}{key} missing from the schema"
            if isinstance(value, dict):
                walk(value, node["properties"][key], f"{where}{key}.")

    walk(example, schema, "")
