"""Read the recorded Asana interactions in shared/reference/asana/cassettes (vcrpy, python-asana 5.2.4).

The recordings are masked (cassettes/README.md): every gid is `${GID:<digits>}`, and the
recorder's workspace, user and team are named placeholders. Unmasked here as the upstream loader
does: a gid becomes its digits, `${WORKSPACE_GID}` the fixed RECORDED_WORKSPACE below, and the
names what upstream binds them to. Each interaction becomes an `Interaction`: method, path (no
host, `/api/1.0` stripped), query (dict of lists), the request body as JSON, status, the response
body as JSON (or None) and its headers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

_WHERE = Path("shared") / "reference" / "asana" / "cassettes" / "asana-api-cli"
# beside the checkout (…/main/tests/sandbox/asana → …/shared), or beside a worktree's parent folder
ROOT = next((p / _WHERE for p in Path(__file__).resolve().parents[3:] if (p / _WHERE).is_dir()),
            Path(__file__).resolve().parents[4] / _WHERE)
SPEC = ROOT.parent.parent / "asana_oas.yaml"

RECORDED_WORKSPACE = "1000000000000001"  # stands for ${WORKSPACE_GID}: no recorded gid has this form
NAMES = {"${WORKSPACE_NAME}": "E2E Workspace", "${USER_NAME}": "E2E User", "${TEAM_NAME}": "E2E Team"}
_GID = re.compile(r"\$\{GID:(\d+)\}")


def unmask(text: str) -> str:
    text = _GID.sub(lambda m: m.group(1), text).replace("${WORKSPACE_GID}", RECORDED_WORKSPACE)
    for k, v in NAMES.items():
        text = text.replace(k, v)
    return text


@dataclass
class Interaction:
    cassette: str  # e.g. "test_crud/test_task_crud"
    index: int  # position in the cassette, from 0
    method: str
    path: str  # e.g. "/tasks/1015044536959976"
    query: dict
    body: object  # request body as JSON, or None
    status: int
    response: object  # response body as JSON, or None
    headers: dict  # response headers, lower-cased names, first value

    @property
    def name(self) -> str:
        return f"{self.cassette}#{self.index}"


def _json(text):
    if not text:
        return None
    try:
        return json.loads(unmask(text))
    except ValueError:
        return None


def _interaction(cassette: str, index: int, raw: dict) -> Interaction:
    req, resp = raw["request"], raw["response"]
    url = urlsplit(unmask(req["uri"]))
    path = url.path.removeprefix("/api/1.0")
    headers = {k.lower(): (v[0] if isinstance(v, list) else v) for k, v in (resp.get("headers") or {}).items()}
    return Interaction(cassette, index, req["method"].upper(), path, parse_qs(url.query), _json(req.get("body")),
                       int(resp["status"]["code"]), _json((resp.get("body") or {}).get("string")),
                       {k: unmask(v) if isinstance(v, str) else v for k, v in headers.items()})


def load(path: Path) -> list[Interaction]:
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    name = path.relative_to(ROOT).with_suffix("").as_posix()
    return [_interaction(name, i, raw) for i, raw in enumerate(data.get("interactions") or [])]


def load_all() -> dict[str, list[Interaction]]:
    """Every cassette by name (`<folder>/<file without .yaml>`), in a stable order."""
    return {p.relative_to(ROOT).with_suffix("").as_posix(): load(p) for p in sorted(ROOT.rglob("*.yaml"))}
