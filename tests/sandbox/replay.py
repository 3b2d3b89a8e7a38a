"""Replay a recorded cassette against a sandbox, translating recorded ids into sandbox ids.

Ids: every response teaches the map (recorded id → sandbox id) by walking the recorded and the
sandbox body side by side (`id` and `*_id` keys; list items paired by position, or by id when
the items are objects with known ids). A recorded id is never remapped. Before a request is sent,
every recorded id in its path, query and body (uuids with or without dashes, also inside strings;
short property and option ids as whole values) is replaced by its sandbox id.

Ids the recording never created stand for the recorder's workspace: a parent page id becomes the
sandbox's root page; a user id becomes one of the sandbox's people; a page that a `GET` found is
created first under the root page with the recorded title (the same state as recorded).
"""

from __future__ import annotations

import json
import re

import httpx

from certsync.sandbox.notion.routes import match

UUID = re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")
SHORT_ID_KEYS = ("id", "property", "relation_property_id", "rollup_property_id", "synced_property_id",
                 "property_id")
# A rollup names its properties by their ids decoded (":J{:" for "%3AJ%7B%3A"): never learnt from
# (the properties' own `id`s are), or a decoded form would stand for the property.
DECODED_REFERENCES = ("relation_property_id", "rollup_property_id")
PEOPLE = ("5ca1ab1e-0000-4000-8000-000000000a01", "5ca1ab1e-0000-4000-8000-000000000a02",
          "5ca1ab1e-0000-4000-8000-000000000a03")

# "The endpoints above" (issue 3): route templates of the sandbox that the suite compares.
IN_SCOPE = {
    ("POST", "/v1/databases"), ("GET", "/v1/databases/{database_id}"),
    ("POST", "/v1/data_sources"), ("GET", "/v1/data_sources/{data_source_id}"),
    ("PATCH", "/v1/data_sources/{data_source_id}"), ("POST", "/v1/data_sources/{data_source_id}/query"),
    ("POST", "/v1/pages"), ("GET", "/v1/pages/{page_id}"), ("PATCH", "/v1/pages/{page_id}"),
    ("DELETE", "/v1/blocks/{block_id}"), ("GET", "/v1/pages/{page_id}/properties/{property_id}"),
    ("POST", "/v1/comments"), ("GET", "/v1/comments"), ("GET", "/v1/comments/{comment_id}"),
    ("PATCH", "/v1/comments/{comment_id}"), ("DELETE", "/v1/comments/{comment_id}"),
    ("GET", "/v1/users"), ("GET", "/v1/users/{user_id}"), ("GET", "/v1/users/me"), ("POST", "/v1/search"),
    # block children (reviews posted as page content)
    ("GET", "/v1/blocks/{block_id}"), ("PATCH", "/v1/blocks/{block_id}"),
    ("GET", "/v1/blocks/{block_id}/children"), ("PATCH", "/v1/blocks/{block_id}/children"),
}


def route_of(method: str, path: str) -> str | None:
    found = match(method, path)
    return found[0] if found else None


def in_scope(it) -> bool:
    """On the endpoints of issue 3 and the block endpoints reviews are posted through."""
    return (it.method, route_of(it.method, it.path)) in IN_SCOPE


def uuids_in(obj) -> set[str]:
    """Every uuid (32 hex digits) in a JSON value or string."""
    return {_norm(m) for m in UUID.findall(json.dumps(obj))} if obj is not None else set()


def unreproducible(items, index, ids, reasons, reproduced=frozenset()) -> str | None:
    """Why interaction `index` cannot be reproduced, or None: it names an object that no replayed
    request created (the recorder's workspace, or content made by an endpoint the sandbox does not
    model), or that an earlier successful request on such an endpoint changed (its path names it:
    content added through `/markdown` or `/children`, unless the replay made that content as in the
    app: `reproduced`), or depends on an interaction that cannot be reproduced itself. Asked once
    the replay has mapped the recorder's objects (`Replayer.prepare`)."""
    it = items[index]
    named = uuids_in([it.path, it.query, it.body]) & set(ids.uuids)
    for k in range(index):
        o = items[k]
        if route_of(o.method, o.path) is None and o.method != "GET" and 200 <= o.status < 300 and k not in reproduced:
            for u in sorted(named & uuids_in(o.path)):
                return (f"names {_dashed(u)}, which {o.method} {o.path.replace(_dashed(u), '{id}')} (#{k}) changed, "
                        f"an endpoint the sandbox does not model")
        if route_of(o.method, o.path) is not None and o.method != "GET" and reasons.get(k):
            for u in sorted(named & uuids_in(o.path)):
                return f"names {_dashed(u)}, which {o.method} (#{k}) changed in a way the replay cannot reproduce"
    for u in sorted(uuids_in([it.path, it.query, it.body]) - set(ids.uuids)):
        origin = next((k for k in range(index) if u in uuids_in(items[k].response)), None)
        if origin is None:
            if it.status == 200:
                return f"names {_dashed(u)}, an object of the recorder's workspace that the cassette never creates"
            continue
        if reasons.get(origin):
            return reasons[origin]
        o = items[origin]
        if not in_scope(o):
            return (f"names {_dashed(u)}, made or listed by {o.method} {route_of(o.method, o.path) or o.path} "
                    f"(#{origin}), an endpoint the sandbox does not model")
    return None


def _norm(u: str) -> str:
    return u.replace("-", "").lower()


def _dashed(h: str) -> str:
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class IdMap:
    """Recorded ids → sandbox ids, for uuids (by their 32 hex digits) and short ids (verbatim)."""

    def __init__(self):
        self.uuids: dict[str, str] = {}
        self.short: dict[str, str] = {}
        self.taken: set[str] = set()

    def add(self, rec: str, got: str, shared: bool = False) -> None:
        """Pair rec with got, unless either is paired already (`shared`: got may stand for several)."""
        if not isinstance(rec, str) or not isinstance(got, str):
            return
        if UUID.fullmatch(rec) and UUID.fullmatch(got):
            key, table, val = _norm(rec), self.uuids, _norm(got)
        elif not UUID.fullmatch(rec) and not UUID.fullmatch(got):
            key, table, val = rec, self.short, "s:" + got
        else:
            return
        if key in table or (val in self.taken and not shared):
            return
        table[key] = got if table is self.short else _dashed(_norm(got))
        self.taken.add(val)

    def known(self, rec: str) -> bool:
        return _norm(rec) in self.uuids

    def get(self, rec: str) -> str | None:
        return self.uuids.get(_norm(rec))

    def learn(self, rec, got) -> None:
        """Walk recorded and sandbox bodies side by side; pair ids."""
        if isinstance(rec, dict) and isinstance(got, dict):
            if rec.get("object") == "user" and (rec.get("type") is None or rec.get("type") != got.get("type")):
                return  # a bare user reference: who it is differs between the workspaces
            for k, rv in rec.items():
                if k not in got or k in DECODED_REFERENCES:
                    continue
                if (k == "id" or k.endswith("_id")) and isinstance(rv, str):
                    self.add(rv, got[k])
                else:
                    self.learn(rv, got[k])
        elif isinstance(rec, list) and isinstance(got, list):
            for r, g in pair_items(self, rec, got):
                self.learn(r, g)

    def sub_str(self, s: str) -> str:
        def one(m):
            got = self.uuids.get(_norm(m.group(0)))
            if got is None:
                return m.group(0)
            return got if "-" in m.group(0) else _norm(got)

        return UUID.sub(one, s)

    def sub(self, obj, key=None):
        """A copy of a recorded request body with recorded ids replaced."""
        if isinstance(obj, dict):
            if key == "properties":  # keyed by name or by property id
                return {self.short.get(k, k): self.sub(v, k) for k, v in obj.items()}
            return {k: self.sub(v, k) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.sub(v, key) for v in obj]
        if isinstance(obj, str):
            if key in SHORT_ID_KEYS and obj in self.short:
                return self.short[obj]
            if key == "expression":
                obj = re.sub(r"block_property:([^:}]+):",
                             lambda m: f"block_property:{self.short.get(m.group(1), m.group(1))}:", obj)
            return self.sub_str(obj)
        return obj


def pair_items(ids: IdMap, rec: list, got: list):
    """Pairs of (recorded, sandbox) items: by mapped id where both sides carry ids, else by position."""
    if rec and all(isinstance(r, dict) and isinstance(r.get("id"), str) and ids.known(r["id"]) for r in rec):
        by_id = {g.get("id"): g for g in got if isinstance(g, dict)}
        pairs = [(r, by_id.get(ids.get(r["id"]))) for r in rec]
        if all(g is not None for _, g in pairs):
            return pairs
    return list(zip(rec, got))


class Replayer:
    """Sends one cassette's requests, in order, to a sandbox (reset before)."""

    def __init__(self, sandbox, client: httpx.Client):
        self.sb, self.client = sandbox, client
        self.ids = IdMap()
        self.people = list(PEOPLE)
        self.recorded_people: dict[str, tuple] = {}  # recorded id (32 hex) → (name, email or None)

    def send(self, method, path, query=None, body=None, version="2025-09-03", token=None):
        headers = {"Authorization": f"Bearer {token or self.sb.token}", "Notion-Version": version or "2025-09-03"}
        content = json.dumps(body).encode() if body is not None else None
        if content is not None:
            headers["Content-Type"] = "application/json"
        r = self.client.request(method, self.sb.notion_url + path, params=query, content=content, headers=headers)
        try:
            return r.status_code, r.json()
        except ValueError:
            return r.status_code, None

    # -- workspace stand-ins ----------------------------------------------------------------
    def prepare(self, it) -> None:
        """Map ids of the recorder's workspace (never created by the cassette) to sandbox objects."""
        self._parents(it.body)
        self._users(it.body)
        segs = it.path.strip("/").split("/")
        if len(segs) == 3 and segs[1] == "users" and UUID.fullmatch(segs[2]) and not self.ids.known(segs[2]):
            self._person(segs[2])
        if (it.method == "GET" and len(segs) == 3 and segs[1] == "pages" and it.status == 200
                and UUID.fullmatch(segs[2]) and not self.ids.known(segs[2])):
            self._page(segs[2], it.response)

    def _parents(self, obj, key=None):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k == "page_id" and key == "parent" and isinstance(v, str) and not self.ids.known(v):
                    self.ids.add(v, self.sb.root_page_id, shared=True)
                else:
                    self._parents(v, k)
        elif isinstance(obj, list):
            for v in obj:
                self._parents(v, key)

    def _users(self, obj, key=None):
        if isinstance(obj, dict):
            if key in ("people", "user", "users") and isinstance(obj.get("id"), str) and not self.ids.known(obj["id"]):
                self._person(obj["id"])
            for k, v in obj.items():
                self._users(v, k if not isinstance(v, list) else k)
        elif isinstance(obj, list):
            for v in obj:
                self._users(v, key)

    def _person(self, rec_id: str) -> None:
        known = self.recorded_people.get(_norm(rec_id))
        if known:  # a person the recording names: a stand-in with their name and address
            name, email = known
            self.ids.add(rec_id, self.sb.add_user(name, email or f"{_norm(rec_id)[:8]}@example.com")["id"])
        elif self.people:
            self.ids.add(rec_id, self.people.pop(0))
        else:
            self.ids.add(rec_id, self.sb.add_user("Recorded person", "recorded@example.com")["id"])

    def _page(self, rec_id: str, recorded: dict) -> None:
        parent = (recorded or {}).get("parent") or {}
        if parent.get("type") == "workspace":
            self.ids.add(rec_id, self.sb.root_page_id, shared=True)
            return
        title = (((recorded or {}).get("properties") or {}).get("title") or {}).get("title") or []
        text = "".join(t.get("plain_text", "") for t in title)
        self._parents({"parent": parent})
        status, got = self.send("POST", "/v1/pages", body={
            "parent": {"page_id": self.ids.get(parent.get("page_id", "")) or self.sb.root_page_id},
            "properties": {"title": [{"text": {"content": text}}]}})
        if status == 200:
            self.ids.add(rec_id, got["id"])

    # -- one interaction ---------------------------------------------------------------------
    def replay(self, it, prepared: bool = False):
        """Send one recorded request, translated; return (status, body). `prepared`: `prepare(it)`
        was called already (to ask, once the recorder's objects are mapped, what is still unknown)."""
        if not prepared:
            self.prepare(it)
        path = self.ids.sub_str(it.path)
        segs = path.split("/")
        if len(segs) == 6 and segs[4] == "properties":
            segs[5] = self.ids.short.get(segs[5], segs[5])
            path = "/".join(segs)
        query = {k: [self.ids.sub(v, "property") for v in vs] for k, vs in it.query.items()}
        body = self.ids.sub(it.body) if it.body is not None else None
        token = "ntn_not_the_sandbox_token" if it.status == 401 else None
        status, got = self.send(it.method, path, query, body, it.version, token)
        if status == 200 and it.status == 200 and it.response is not None and got is not None:
            self.ids.learn(it.response, got)
        return status, got
