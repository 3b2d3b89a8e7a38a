"""Asana's OpenAPI spec (shared/reference/asana/asana_oas.yaml) as a kept validator, openapi-core,
checks every response the Asana sandbox gives in the tests.

`SpecCheck.hook` is registered with `Sandbox.on_response` (the core calls it for every answer,
before the client sees it) and keeps the answer; `take()` (after each test, conftest.py) checks
what was kept and returns the violations. `check(method, route, status, body)` validates one
answer against the response schema of its operation and status, each violation naming the route
and the JSON path in the body. Where real Asana contradicts its spec, the recording wins: the
nulls in `NULL_WHERE_THE_SPEC_SAYS_NOT` are allowed (and nothing else).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field

import yaml

PREFIX = "/asana/api/1.0"

# Where real Asana contradicts its spec, the recording (or Asana's own documentation) wins: a null
# is allowed exactly at these JSON paths (regular expressions matched at the end of
# "<route> <JSON path>": on any route unless the expression names one); any other violation
# fails. `test_asana_spec.py` shows that 10 of the 60 recorded responses need the first group.
NULL_WHERE_THE_SPEC_SAYS_NOT = {  # name: (JSON path ending, as a regular expression; why)
    # recorded: real Asana answers null
    "assignee": (r"\.assignee", "recorded: a task without assignee (TaskResponse.assignee: UserCompact)"),
    "parent": (r"\.parent", "recorded: a top-level task (TaskResponse.parent), an event with no parent "
                            "(EventResponse.parent)"),
    "completed_by": (r"\.completed_by", "recorded: a project not completed (ProjectResponse.completed_by)"),
    "current_status": (r"\.current_status", "recorded: a project with no status (ProjectResponse.current_status)"),
    "current_status_update": (r"\.current_status_update", "recorded: the same, in its newer form "
                                                          "(ProjectResponse.current_status_update)"),
    "an event's user": (r"\.data\[\d+\]\.user", "recorded: an event Asana made itself, the story of a change "
                                                 "(EventResponse.user)"),
    # not recorded: documented by Asana, or a spec the validator cannot read as meant
    "enum_value": (r"\.enum_value", "an enum custom field with no value: the spec marks it nullable, inside an "
                                    "allOf, which OAS 3.0 validators do not honour (CustomFieldCompact.enum_value)"),
    "a webhook's delivery times": (
        r"\.(last_success_at|last_failure_at|last_failure_content|next_attempt_after|failure_deletion_timestamp)",
        "before they happen: POST /webhooks's own documented answer shows null (WebhookResponse)"),
    "a system story's created_by": (r"^(/stories/\{story_gid\}|/tasks/\{task_gid\}/stories) \$\.data(\[\d+\])?\.created_by",
                                    "a story Asana wrote itself, with no person behind it (StoryResponse.created_by)"),
}
_ALLOWED = re.compile("(?:" + "|".join(f"(?:{p})" for p, _ in NULL_WHERE_THE_SPEC_SAYS_NOT.values()) + ")$")


def _string_keys(obj):
    """The spec with every mapping key a string: YAML reads the response codes (200, 400) as
    integers, and openapi-core looks them up as strings."""
    if isinstance(obj, dict):
        return {str(k): _string_keys(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_string_keys(v) for v in obj]
    return obj


def load_spec(path) -> dict:
    with open(path, encoding="utf-8") as f:
        return _string_keys(yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@dataclass
class _Plain:
    json_path: str
    message: str
    instance: object = 0
    validator: str = ""


@dataclass
class SpecCheck:
    spec: dict
    checked: int = 0  # responses validated
    failed: int = 0  # of them, responses with a violation
    allowed: dict = field(default_factory=dict)  # allowance name → how many answers it let through
    violations: list = field(default_factory=list)  # (route, status, message), not taken yet
    pending: list = field(default_factory=list)  # answers kept by the hook, not checked yet
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        from openapi_core import OpenAPI

        self._errors = None
        self.openapi = OpenAPI.from_dict(self.spec)
        self.operations = {(m.upper(), p) for p, ops in self.spec["paths"].items() for m in ops
                           if m in ("get", "post", "put", "delete", "patch")}

    def check(self, method: str, route: str, status: int, body, fields_selected: bool = False) -> list[str]:
        """Violations of one answer (`route` the spec's template, `body` bytes or JSON).
        `fields_selected`: the request named `opt_fields`, and Asana then answers with exactly
        the fields asked for (and gid), so the spec's `required` cannot hold; the rest still does."""
        return self.judge(method, route, status, body, fields_selected)[0]

    def judge(self, method: str, route: str, status: int, body,
              fields_selected: bool = False) -> tuple[list[str], set[str]]:
        """(violations, names of the allowances that let a null through) of one answer."""
        from openapi_core.testing import MockRequest, MockResponse

        served, route = route, self.operation_of(method, route)
        if route is None:
            return [f"{method} {served} → {status}: not an operation of the spec"], set()
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        concrete = re.sub(r"\{[^}]+\}", "1", route)
        request = MockRequest("https://app.asana.com", method, "/api/1.0" + concrete, path_pattern="/api/1.0" + route)
        response = MockResponse(data, status_code=status, content_type="application/json")
        from openapi_core.templating.responses.exceptions import ResponseNotFound

        try:
            self.openapi.validate_response(request, response)
            return [], set()
        except ResponseNotFound as e:
            if status < 400:
                return [f"{method} {route} → {status}: {e}"], set()
            errors = self._error_envelope(data)  # 402, 429, a fault's 5xx: any operation may answer them
        except Exception as e:  # openapi-core's: the schema errors are its cause's
            errors = getattr(e.__cause__, "schema_errors", None)
            if not errors:
                return [f"{method} {route} → {status}: {type(e).__name__}: {e}"], set()
        out, allowed = set(), set()
        for err in errors:
            where = err.json_path
            if fields_selected and err.validator == "required":
                continue
            if err.instance is None and _ALLOWED.search(f"{route} {where}"):
                allowed.add(next(name for name, (p, _) in NULL_WHERE_THE_SPEC_SAYS_NOT.items()
                                 if re.search(f"(?:{p})$", f"{route} {where}")))
                continue
            out.add(f"{method} {route} → {status}: {where}: {err.message[:200]}")
        return sorted(out), allowed

    def _error_envelope(self, data) -> list:
        """Schema errors of an error body against the spec's ErrorResponse, for a status the
        operation does not list (the spec documents the envelope once, for every operation)."""
        from jsonschema_path import SchemaPath
        from openapi_core.validation.schemas import oas30_read_schema_validators_factory

        if self._errors is None:
            spec = SchemaPath.from_dict(self.spec)
            self._errors = oas30_read_schema_validators_factory.create(
                spec, spec / "components" / "schemas" / "ErrorResponse")
        try:
            value = json.loads(data)
        except ValueError:
            return [_Plain("$", f"not JSON: {data[:80]!r}")]
        try:
            self._errors.validate(value)
        except Exception as e:
            return getattr(e, "schema_errors", None) or [_Plain("$", str(e))]
        if not isinstance(value, dict) or not value.get("errors"):
            return [_Plain("$.errors", "an error status without Asana's errors envelope")]
        return []

    def operation_of(self, method: str, route: str) -> str | None:
        """The spec's path for a sandbox route: the same template, or one that a literal segment
        of the route fills in (`/users/me` is `/users/{user_gid}`)."""
        if (method, route) in self.operations:
            return route
        segs = route.split("/")
        for m, path in self.operations:
            other = path.split("/")
            if m == method and len(other) == len(segs) and all(
                    a == b or (b.startswith("{") and not a.startswith("{")) for a, b in zip(segs, other)):
                return path
        return None

    def hook(self, method: str, route: str, status: int, body: bytes) -> None:
        """For `Sandbox.on_response`: keeps Asana's answers, to be checked by `take` (after the
        test, so that the check costs the server nothing: timing tests keep their timing)."""
        if not route.startswith(PREFIX) or status == 0:
            return
        route = route[len(PREFIX):]
        if route == "(invalid)":
            return  # "No matching route for request": no operation to check it against
        with self.lock:
            self.pending.append((method, route, status, body))

    def _drain(self, fields_selected: bool = False) -> None:
        with self.lock:
            pending, self.pending = self.pending, []
        for method, route, status, body in pending:
            try:
                found, allowed = self.judge(method, route, status, body, fields_selected)
            except Exception as e:  # a bug here must show
                found, allowed = [f"{method} {route} → {status}: the check failed: {e!r}"], set()
            with self.lock:
                for name in allowed:
                    self.allowed[name] = self.allowed.get(name, 0) + 1
                self.checked += 1
                self.failed += bool(found)
                self.violations.extend(found)

    def batch(self, request: dict, answer: dict) -> None:
        """Each action of a `POST /batch` checked as the answer of its own operation (the spec
        types a batch answer's `body` only as an object; the core's hook sees the batch whole)."""
        from urllib.parse import urlsplit

        from certsync.sandbox.asana.routes import match

        actions = ((request or {}).get("data") or {}).get("actions") or []
        for action, result in zip(actions, (answer or {}).get("data") or []):
            method = str(action.get("method", "")).upper()
            found = match(method, urlsplit(action.get("relative_path", "")).path)
            if found is None or not isinstance(result, dict):
                continue
            fields = bool((action.get("options") or {}).get("fields"))
            found_v, allowed = self.judge(method, found[0], result.get("status_code"), json.dumps(result.get("body")),
                                          fields)
            with self.lock:
                self.checked += 1
                self.failed += bool(found_v)
                for name in allowed:
                    self.allowed[name] = self.allowed.get(name, 0) + 1
                self.violations.extend(f"(batch action) {v}" for v in found_v)

    def take(self, fields_selected: bool = False) -> list[str]:
        """Check what was kept; the violations found since the last call."""
        self._drain(fields_selected)
        with self.lock:
            out, self.violations = self.violations, []
        return out
