"""Rebuild, in a sandbox, the objects of the recorder's workspace that a cassette reads but never
creates: data sources it queries (with their pages) and pages whose comments it lists.

The state comes from what the cassette itself shows of them, and is made through the public API,
as a user or an integration would have made it:
- a data source's schema from a recorded `GET /v1/data_sources/{id}`, else from the property
  values of its pages; formulas are added once the properties they name exist; a formula whose
  expression the cassette never shows becomes a constant of the result type its pages show (their
  value when they all show the same one; an empty one when they show none);
- its pages from every recorded query result, oldest first, with the values they had (computed
  values, such as formulas and unique ids, are left to the sandbox; where a page's unique id
  shows that the recorder's workspace numbered pages before it that the cassette never shows,
  as many pages are made and trashed first);
- a page's comments from the first recorded listing, replies posted to their discussion.

A relation whose target the cassette never shows points at a stand-in data source (its pages
are not shown either, so the relation is empty as recorded); a rollup then counts through it.
Types only the Notion app can make (a button, a place) are added through the sandbox's control
API, as a user would have added them in the app.
"""

from __future__ import annotations

import json
import re

from certsync.sandbox.notion.common import parse_when
from replay import UUID, _norm, route_of, uuids_in

WRITABLE = {"title", "rich_text", "number", "select", "multi_select", "status", "date", "checkbox", "url",
            "email", "phone_number", "people", "files"}
PLAIN = WRITABLE | {"created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id", "relation"}
DERIVED = {"formula", "rollup"}  # made once the properties they name exist
APP_ONLY = {"button", "place"}
TEXT_BLOCKS = {"paragraph", "heading_1", "heading_2", "heading_3", "quote"}


def seed(player, items) -> dict[str, str]:
    """Make the workspace objects `items` rely on; returns {recorded id: why it is incomplete}."""
    _cast(player, items)
    problems = {}
    for ds_id in _foreign(items, "/v1/data_sources/{data_source_id}", "/v1/data_sources/{data_source_id}/query"):
        problem = _data_source(player, items, ds_id)
        if problem:
            problems[_norm(ds_id)] = problem
    for page_id in _foreign(items, "/v1/blocks/{block_id}/children", "/v1/comments"):
        _page(player, items, page_id)
    _comments(player, items)
    return problems


# -- who and where: the integration, the people, the workspace pages --------------------------------
SHARED_WITH = re.compile(r'shared with your integration "([^"]+)"')


def _cast(player, items) -> None:
    """Name the sandbox's integration and workspace as the recording shows them, let the replay's
    stand-ins for the recorder's people carry their recorded names and e-mail addresses, and make
    the recorder's workspace pages (their recorded titles) at the top of the sandbox's workspace."""
    bot, people, roots = {}, {}, {}

    def walk(v):
        if isinstance(v, dict):
            if v.get("object") == "user" and isinstance(v.get("name"), str) and isinstance(v.get("id"), str):
                if v.get("type") == "bot":
                    bot.setdefault("id", v["id"])
                    bot.setdefault("name", v["name"])
                    if (v.get("bot") or {}).get("workspace_name"):
                        bot.setdefault("workspace_name", v["bot"]["workspace_name"])
                elif v.get("type") == "person":
                    people.setdefault(_norm(v["id"]), (v["name"], (v.get("person") or {}).get("email")))
            if v.get("object") == "comment" and isinstance(v.get("display_name"), dict):
                who, name = (v.get("created_by") or {}).get("id"), v["display_name"].get("resolved_name")
                if v["display_name"].get("type") == "integration" and name:
                    bot.setdefault("name", name)
                    bot.setdefault("id", who)
                elif v["display_name"].get("type") == "user" and name and who:
                    people.setdefault(_norm(who), (name, None))
            if v.get("object") == "page" and (v.get("parent") or {}).get("type") == "workspace" and v.get("id"):
                title = ((v.get("properties") or {}).get("title") or {}).get("title") or []
                roots.setdefault(v["id"], "".join(t.get("plain_text", "") for t in title))
            if v.get("object") == "error" and isinstance(v.get("message"), str):
                m = SHARED_WITH.search(v["message"])
                if m:
                    bot.setdefault("name", m.group(1))
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for it in items:
        walk(it.response)
    named = {k: bot[k] for k in ("name", "workspace_name") if bot.get(k)}
    if named:
        r = player.client.put(f"{player.sb.url}/_sandbox/integration", json=named)
        assert r.status_code == 200, f"naming the integration: {r.status_code} {r.text}"
    if bot.get("id"):
        player.ids.add(bot["id"], player.sb.bot_user_id)
    player.recorded_people.update(people)
    made = {_norm(it.response["id"]) for it in items if it.method == "POST" and isinstance(it.response, dict)
            and isinstance(it.response.get("id"), str)}
    for rec_id, title in roots.items():
        if _norm(rec_id) not in made:
            player.ids.add(rec_id, _control(player, "pages", {"title": title})["id"])


# -- what the cassette uses but never made -----------------------------------------------------
def _foreign(items, *routes) -> list[str]:
    """Ids that successful requests on `routes` name (in the path, or as `block_id`) and no earlier
    response mentions, first use first."""
    seen, out = set(), []
    for it in items:
        if route_of(it.method, it.path) in routes and it.status == 200:
            rec = (it.query.get("block_id") or [""])[0] if it.path == "/v1/comments" else it.path.split("/")[3]
            if UUID.fullmatch(rec) and _norm(rec) not in seen and rec not in out:
                out.append(rec)
        seen |= uuids_in(it.response)
    return out


# -- data sources --------------------------------------------------------------------------------
def _data_source(player, items, rec_id) -> str | None:
    pages = _recorded_pages(items, rec_id)
    schema = _recorded_schema(items, rec_id, pages)
    if schema is None:
        return None
    title, props = schema
    props = {name: _with_expression(name, p, pages) for name, p in props.items()}
    unknown = sorted(f"{name} ({p['type']})" for name, p in props.items()
                     if p["type"] not in PLAIN | DERIVED | APP_ONLY
                     or (p["type"] == "formula" and "expression" not in (p.get("formula") or {})))
    plain = {name: _config(player, p) for name, p in props.items() if p["type"] in PLAIN}
    db = _ok(player, f"data source {rec_id}", "POST", "/v1/databases", {
        "parent": {"type": "page_id", "page_id": player.sb.root_page_id},
        "title": [{"type": "text", "text": {"content": title}}], "initial_data_source": {"properties": plain}})
    ds_id = db["data_sources"][0]["id"]
    player.ids.add(rec_id, ds_id)
    rec_db = next((p["parent"].get("database_id") for p in pages if p["parent"].get("database_id")), None)
    if rec_db:
        player.ids.add(rec_db, db["id"])
    _learn_schema(player, props, ds_id)
    derived = {name: _derived(player, props, p) for name, p in props.items() if p["type"] in DERIVED}
    derived = {name: conf for name, conf in derived.items() if conf}
    if derived:
        _ok(player, f"formulas and rollups of {rec_id}", "PATCH", f"/v1/data_sources/{ds_id}", {"properties": derived})
    for name, p in props.items():
        if p["type"] in APP_ONLY:
            _control(player, "properties", {"data_source_id": ds_id, "name": name, "type": p["type"]})
    _learn_schema(player, props, ds_id)
    for page in pages:
        _row(player, ds_id, page, props)
    return f"the recorder's data source has properties the sandbox cannot make: {', '.join(unknown)}" if unknown else None


def _ok(player, what, method, path, body):
    status, got = player.send(method, path, body=body)
    if status != 200:
        raise AssertionError(f"seeding {what}: sandbox answered {status} {got}")
    return got


def _stand_in(player) -> str:
    """A data source standing for a relation target the cassette never shows (made once)."""
    if not getattr(player, "stand_in", None):
        db = _ok(player, "a relation target", "POST", "/v1/databases", {
            "parent": {"type": "page_id", "page_id": player.sb.root_page_id},
            "title": [{"type": "text", "text": {"content": "Related (not recorded)"}}],
            "initial_data_source": {"properties": {"Name": {"title": {}}}}})
        player.stand_in = db["data_sources"][0]["id"]
    return player.stand_in


def _recorded_pages(items, rec_id) -> list[dict]:
    """Every page of the data source in the recorded responses, each once, in the order they were
    made: by created_time, and within a minute the reverse of an unsorted query (newest first)."""
    found = {}
    for it in items:
        results = it.response.get("results", []) if isinstance(it.response, dict) else []
        unsorted = not (isinstance(it.body, dict) and it.body.get("sorts"))
        for page in results:
            parent = page.get("parent") or {}
            if page.get("object") == "page" and _norm(parent.get("data_source_id", "")) == _norm(rec_id):
                if page["id"] not in found or unsorted:
                    found.setdefault(page["id"], page)
    newest_first = list(found.values())
    return sorted(reversed(newest_first), key=lambda p: p.get("created_time", ""))


def _recorded_schema(items, rec_id, pages):
    """(title, {name: property}) from a recorded retrieve, else from the pages' values."""
    for it in items:
        if (it.method == "GET" and it.status == 200 and route_of(it.method, it.path) == "/v1/data_sources/{data_source_id}"
                and _norm(it.path.split("/")[3]) == _norm(rec_id)):
            title = "".join(t.get("plain_text", "") for t in it.response.get("title") or [])
            return title, it.response["properties"]
    if not pages:
        return None
    props = {}
    for page in pages:
        for name, value in page["properties"].items():
            p = props.setdefault(name, {"id": value["id"], "type": value["type"]})
            kind, v = value["type"], value.get(value["type"])
            if kind in ("select", "status") and v:
                p.setdefault(kind, {"options": []})["options"].append(v)
            elif kind == "multi_select" and v:
                p.setdefault(kind, {"options": []})["options"].extend(v)
            elif kind == "unique_id":
                p[kind] = {"prefix": (v or {}).get("prefix")}
            elif kind == "rollup":
                p[kind] = {"function": (v or {}).get("function", "count")}
    return "Recorded data source", props


def _with_expression(name: str, p: dict, pages: list[dict]) -> dict:
    """`p`, and for a formula recorded without its expression, one that gives what its pages show."""
    if p["type"] != "formula" or "expression" in (p.get("formula") or {}):
        return p
    expr = _constant_formula([page["properties"][name].get("formula") or {}
                              for page in pages if name in page["properties"]])
    return {**p, "formula": {"expression": expr}} if expr else p


def _constant_formula(results: list[dict]) -> str | None:
    """A constant expression of the one result type `results` show, with their value when they all
    show the same one (values are not compared, only types); None when no constant can give them
    (several types, empty on some pages only, a date range)."""
    kinds = {r.get("type") for r in results}
    if len(kinds) != 1 or not kinds <= {"number", "string", "boolean", "date"}:
        return None
    kind = kinds.pop()
    values = [r.get(kind) for r in results]
    if None in values:  # Notion's empty values: "" reads as null, toNumber("") is an empty number
        empty = {"number": 'toNumber("")', "string": '""', "date": 'fromTimestamp(toNumber(""))'}
        return empty.get(kind) if all(v is None for v in values) else None
    v = values[0]
    if kind == "number":
        return repr(v)
    if kind == "string":
        return json.dumps(v, ensure_ascii=False)
    if kind == "boolean":
        return "true" if v else "false"
    when = parse_when(v.get("start")) if not v.get("end") else None
    return f"fromTimestamp({int(when.timestamp() * 1000)})" if when else None


def _config(player, p: dict) -> dict:
    kind = p["type"]
    conf = dict(p.get(kind) or {})
    if kind in ("select", "multi_select", "status"):
        names, options = set(), []
        for o in conf.get("options", []):
            if o["name"] not in names:
                names.add(o["name"])
                options.append({"name": o["name"], "color": o.get("color", "default")})
        conf = {"options": options} if kind != "status" else {}
    elif kind == "unique_id":
        conf = {"prefix": conf.get("prefix")}
    elif kind == "number":
        conf = {"format": conf.get("format", "number")}
    elif kind == "relation":
        target = player.ids.get(conf.get("data_source_id", "")) or _stand_in(player)
        conf = {"data_source_id": target, "single_property": {}}
    else:
        conf = {}
    return {kind: conf}


def _derived(player, props, p) -> dict | None:
    """The definition of a formula (as recorded) or a rollup (as recorded, else counted through
    the first relation, as its recorded values show)."""
    kind, conf = p["type"], p.get(p["type"]) or {}
    if kind == "formula":
        expr = conf.get("expression")
        return {"formula": {"expression": player.ids.sub(expr, "expression")}} if expr else None
    relation = conf.get("relation_property_name") or next(
        (name for name, q in props.items() if q["type"] == "relation"), None)
    if relation is None:
        return None
    return {"rollup": {"relation_property_name": relation,
                       "rollup_property_name": conf.get("rollup_property_name") or "Name",
                       "function": conf.get("function", "count")}}


def _learn_schema(player, props, ds_id) -> None:
    status, got = player.send("GET", f"/v1/data_sources/{ds_id}")
    for name, p in props.items():
        mine = got["properties"].get(name)
        if mine is None:
            continue
        player.ids.add(p["id"], mine["id"])
        kind = p["type"]
        if kind in ("select", "multi_select", "status"):
            by_name = {o["name"]: o["id"] for o in mine[kind].get("options", [])}
            for o in (p.get(kind) or {}).get("options", []):
                if o["name"] in by_name:
                    player.ids.add(o["id"], by_name[o["name"]])


# -- pages and comments --------------------------------------------------------------------------
def _row(player, ds_id, page, props) -> None:
    values = {}
    for name, value in page["properties"].items():
        kind = value["type"]
        if kind not in WRITABLE or props.get(name, {}).get("type") != kind:
            continue
        v = value.get(kind)
        if kind in ("title", "rich_text"):
            v = [{"type": "text", "text": {"content": t.get("plain_text", "")}, "annotations": t.get("annotations", {})}
                 for t in v or []]
        elif kind in ("select", "status"):
            v = {"name": v["name"]} if v else None
        elif kind == "multi_select":
            v = [{"name": o["name"]} for o in v or []]
        elif kind == "people":
            for person in v or []:
                player._users({"people": person})
            v = [{"id": player.ids.get(person["id"])} for person in v or [] if player.ids.get(person["id"])]
        if kind == "status" and v is None:
            continue
        values[name] = {kind: v}
    numbers = [(name, v["unique_id"]["number"]) for name, v in page["properties"].items()
               if v["type"] == "unique_id" and isinstance((v.get("unique_id") or {}).get("number"), int)]
    for _ in range(1000):
        status, got = player.send("POST", "/v1/pages", body={"parent": {"data_source_id": ds_id}, "properties": values})
        if status != 200:
            raise AssertionError(f"seeding page {page['id']}: sandbox answered {status} {got}")
        behind = any(got["properties"][name]["unique_id"]["number"] < n for name, n in numbers if name in got["properties"])
        if not behind:
            break
        # the recorder's workspace numbered (and deleted) pages the cassette never shows: so does the replay
        _ok(player, f"a page before {page['id']}", "PATCH", f"/v1/pages/{got['id']}", {"in_trash": True})
    player.ids.add(page["id"], got["id"])


def _page(player, items, rec_id) -> None:
    """A page of the workspace, titled as recorded, with the text blocks a recorded listing of its
    children shows (added through the control API: the Notion app made them)."""
    title, children = "Recorded page", []
    for it in items:
        named = it.path.split("/")[3] if it.path.count("/") > 2 else ""
        if it.method == "GET" and it.status == 200 and _norm(named) == _norm(rec_id):
            if it.path.endswith("/children") and not children:
                children = [b for b in it.response.get("results", []) if b.get("type") in TEXT_BLOCKS]
            elif it.path.startswith("/v1/pages/"):
                rt = (((it.response or {}).get("properties") or {}).get("title") or {}).get("title") or []
                title = "".join(t.get("plain_text", "") for t in rt) or title
    got = _ok(player, f"page {rec_id}", "POST", "/v1/pages", {
        "parent": {"page_id": player.sb.root_page_id}, "properties": {"title": [{"text": {"content": title}}]}})
    player.ids.add(rec_id, got["id"])
    for b in children:
        text = "".join(t.get("plain_text", "") for t in b[b["type"]].get("rich_text", []))
        made = _control(player, "blocks", {"page_id": got["id"], "type": b["type"], "text": text})
        player.ids.add(b["id"], made["id"])


def _comments(player, items) -> None:
    """The comments of the first recorded listing of each seeded page or block, oldest first;
    replies go to their discussion. Comments the integration made are posted through the API,
    those of people through the control API (as they wrote them in the app)."""
    done = set()
    for it in items:
        if not (it.method == "GET" and route_of(it.method, it.path) == "/v1/comments" and it.status == 200):
            continue
        rec = (it.query.get("block_id") or [""])[0]
        if not player.ids.known(rec) or _norm(rec) in done:
            continue
        done.add(_norm(rec))
        target = player.ids.get(rec)
        for c in sorted(it.response["results"], key=lambda c: c["created_time"]):
            if player.ids.known(c["id"]):
                continue  # made by an earlier interaction of the cassette, not the workspace
            player._users({"rich_text": c["rich_text"]})
            rich = player.ids.sub(c["rich_text"])
            mine = player.ids.get(c["discussion_id"])
            key = "block_id" if c["parent"]["type"] == "block_id" else "page_id"
            author = (c.get("created_by") or {}).get("id")
            person = (c.get("display_name") or {}).get("type") == "user" and author
            if person and not player.ids.known(author):
                player._person(author)
            text = "".join(t.get("plain_text", "") for t in c["rich_text"])
            if mine:
                made = _ok(player, f"comment {c['id']}", "POST", "/v1/comments", {"discussion_id": mine, "rich_text": rich})
            elif key == "page_id" and not person:
                made = _ok(player, f"comment {c['id']}", "POST", "/v1/comments",
                           {"parent": {"page_id": target}, "rich_text": rich})
            else:  # a person's comment, or a new discussion on a block: only the app can make them
                made = _control(player, "comments", {key: target, "text": text,
                                                     "user_id": player.ids.get(author) if person else player.sb.bot_user_id})
            player.ids.add(c["id"], made["id"])
            player.ids.add(c["discussion_id"], made["discussion_id"])


# -- content written through endpoints the sandbox does not model -------------------------------
MARKDOWN_BLOCKS = (("### ", "heading_3"), ("## ", "heading_2"), ("# ", "heading_1"), ("> ", "quote"))


def stand_in(player, it) -> bool:
    """Reproduce, as made in the app, the text a successful request on an endpoint the sandbox does
    not model wrote on a page the replay knows (`PATCH /v1/blocks/{page}/children` with plain text
    blocks, `PATCH /v1/pages/{page}/markdown` inserting headings, quotes and paragraphs); True when
    the page now holds what the recording shows, False when it cannot (then it is not attempted)."""
    segs = it.path.strip("/").split("/")
    if it.method != "PATCH" or len(segs) != 4 or not (200 <= it.status < 300) or not player.ids.known(segs[2]):
        return False
    page = player.ids.get(segs[2])
    if page not in player.sb.store.pages:
        return False
    if segs[1] == "blocks" and segs[3] == "children" and isinstance(it.response, dict):
        made = it.response.get("results") or []
        if not made or any(b.get("type") not in TEXT_BLOCKS or any(
                t.get("type") != "text" for t in b[b["type"]].get("rich_text", [])) for b in made):
            return False
        for b in made:
            text = "".join(t.get("plain_text", "") for t in b[b["type"]].get("rich_text", []))
            player.ids.add(b["id"], _control(player, "blocks", {"page_id": page, "type": b["type"], "text": text})["id"])
        return True
    if segs[1] == "pages" and segs[3] == "markdown" and (it.body or {}).get("type") == "insert_content":
        lines = [ln for ln in str((it.body.get("insert_content") or {}).get("content", "")).splitlines() if ln.strip()]
        if not lines:
            return False
        for ln in lines:
            kind, text = next(((k, ln[len(m):]) for m, k in MARKDOWN_BLOCKS if ln.startswith(m)), ("paragraph", ln))
            _control(player, "blocks", {"page_id": page, "type": kind, "text": text})
        return True
    return False


def _control(player, what, body) -> dict:
    r = player.client.post(f"{player.sb.url}/_sandbox/{what}", json=body)
    assert r.status_code == 200, f"seeding through /_sandbox/{what}: {r.status_code} {r.text}"
    return r.json()
