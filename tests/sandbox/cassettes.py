"""Read the recorded Notion interactions in shared/reference/notion/cassettes, both formats.

- notion-sdk-py (vcrpy + requests/httpx): `response: {status: {code}, body: {string}}`.
- ultimate-notion (vcrpy 5, httpx): `response: {status_code, content}`.

Each interaction becomes an `Interaction`: method, path (no host, no `/v1` stripped), query
(dict of lists), parsed JSON body (request and response, or None), status, Notion-Version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

_WHERE = Path("shared") / "reference" / "notion" / "cassettes"
# beside the checkout (…/main/tests/sandbox → …/shared), or beside a worktree's parent folder
ROOT = next((p / _WHERE for p in Path(__file__).resolve().parents[2:] if (p / _WHERE).is_dir()),
            Path(__file__).resolve().parents[3] / _WHERE)


@dataclass
class Interaction:
    cassette: str  # e.g. "notion-sdk-py/test_pages_create"
    index: int  # position in the cassette, from 0
    method: str
    path: str  # e.g. "/v1/pages/393abc1e-..."
    query: dict
    body: object  # request body as JSON, or None
    status: int
    response: object  # response body as JSON, or None (not JSON)
    version: str | None

    @property
    def name(self) -> str:
        return f"{self.cassette}#{self.index}"


def _json(text):
    if text is None or text == "" or text == b"":
        return None
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except ValueError:
        return None


def _header(headers: dict, name: str):
    for k, v in (headers or {}).items():
        if k.lower() == name:
            return v[0] if isinstance(v, list) else v
    return None


def _interaction(cassette: str, index: int, raw: dict) -> Interaction:
    req, resp = raw["request"], raw["response"]
    url = urlsplit(req["uri"])
    if "status_code" in resp:  # ultimate-notion (httpx)
        status, body = resp["status_code"], resp.get("content")
    else:  # notion-sdk-py
        status, body = resp["status"]["code"], (resp.get("body") or {}).get("string")
    return Interaction(cassette, index, req["method"].upper(), url.path, parse_qs(url.query),
                       _json(req.get("body")), int(status), _json(body),
                       _header(req.get("headers"), "notion-version"))


def load(path: Path) -> list[Interaction]:
    """All interactions of one cassette file, in recorded order."""
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    name = path.relative_to(ROOT).with_suffix("").as_posix()
    return [_interaction(name, i, raw) for i, raw in enumerate(data.get("interactions") or [])]


def cassette_files() -> list[Path]:
    return sorted(ROOT.rglob("*.yaml"))


def load_all() -> dict[str, list[Interaction]]:
    """Every cassette by name (`<set>/<sub-path without .yaml>`), in a stable order."""
    out = {}
    for path in cassette_files():
        items = load(path)
        if items:
            out[items[0].cassette] = items
        else:
            out[path.relative_to(ROOT).with_suffix("").as_posix()] = []
    return out
