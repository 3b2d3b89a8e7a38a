"""Compare a sandbox response with a recorded one: structure AND values, recursively.

Rules (the conformance suite's contract):
- Keys must be the same on both sides, and every value the same JSON type (null, boolean, number,
  string, object, array); `null` against a value is a difference: it says whether something is
  there (so a `next_cursor` of null against a cursor is a difference, whatever the cursor).
- Values are compared too: strings exactly (status codes, error codes and messages, object types,
  names, titles, plain_text, option names and colors, text...), numbers (equal within 1e-9,
  relative), booleans (`has_more`, `in_trash`, annotations...). Recorded ids inside a string
  (a formula's `{{notion:block_property:…}}`, a mention) are first translated to sandbox ids.
- Only what cannot match by nature is left out, in NOT_BY_VALUE below, each with its reason: for
  those keys the presence and null-ness are checked, the value is not.
- Lists: items are paired by id where the items are objects whose ids were mapped, else by position.
  Lengths must be equal (the replay rebuilt the same state), except where the recorder's workspace
  held more than the cassette created: `results` of `GET /v1/users` and `POST /v1/search`. There
  an item standing for one of the recorded list (its id was mapped) is compared in full, values
  included, with its recorded self; any other sandbox item with a recorded item of the same
  `object`/`type` by structure only (another workspace's person, the sandbox's own root page, a
  page Notion's search had not indexed yet when recorded: its values say nothing), and lists
  inside those are compared the same way (lengths say nothing).
- Query results with `sorts` must come in the recorded order.
"""

from __future__ import annotations

import math
import re
from urllib.parse import unquote

# Keys whose values cannot match by nature: presence and null-ness are compared, never the value.
NOT_BY_VALUE = {
    # ids: the sandbox mints its own (the replay maps recorded ids to them, see replay.py)
    "id": "minted by each server; replay.py maps recorded ids to the sandbox's",
    "*_id": "ids of other objects (parent, data source, discussion, workspace, integration...): minted",
    "request_id": "a random id per response",
    # times: the replay runs now, not when the recording was made
    "created_time": "when the object was made: the replay's clock",
    "last_edited_time": "when the object was last changed: the replay's clock",
    # urls and tokens
    "url": "derived from the id, and Notion changed its form between the two recordings "
           "(www.notion.so/<Title>-<id>, app.notion.com/p/<id>)",
    "avatar_url": "a person's picture on Notion's CDN, of the recorder's people (null-ness compared)",
    "next_cursor": "an opaque token minted by the server from ids (null-ness compared)",
}
# Compared by value although they hold ids: `href` and `public_url` (recorded ids in them are
# translated, see _same_text), and any string naming ids (formula expressions, mentions, messages).


# `*_id` keys that hold values the replay can reproduce: short property ids the replay maps, and
# a unique_id property's value ({prefix, number}: numbered in creation order).
ID_LIKE_VALUES = {"synced_property_id", "relation_property_id", "rollup_property_id", "unique_id"}


def excluded(key) -> bool:
    if not isinstance(key, str):
        return False
    return key in NOT_BY_VALUE or (key.endswith("_id") and key not in ID_LIKE_VALUES)


def kind(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _disc(v):
    return (v.get("object"), v.get("type")) if isinstance(v, dict) else kind(v)


def differences(rec, got, ids, lenient_results: bool = False, path: str = "$") -> list[str]:
    """Every difference, as `path: recorded X, sandbox Y`; empty when they match."""
    out: list[str] = []
    _walk(rec, got, ids, lenient_results, path, out, values=True)
    return out


def _same_scalar(rec, got, ids, key) -> bool:
    if isinstance(rec, bool) or isinstance(got, bool):
        return rec is got
    if isinstance(rec, (int, float)):
        return math.isclose(rec, got, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(rec, str):
        return rec == got or (ids is not None and _same_text(rec, got, ids, key))
    return rec == got


def _same_text(rec: str, got: str, ids, key) -> bool:
    """A recorded string that names ids: the same once they are translated. A short property id
    (`synced_property_id`, a formula's `{{notion:block_property:ID:…}}`) is translated by the map;
    a uuid the replay never met (the recorder's workspace id in a formula) stands for any uuid."""
    from replay import DECODED_REFERENCES, SHORT_ID_KEYS, UUID

    if key in SHORT_ID_KEYS and ids.short.get(rec) == got:
        return True
    if key in DECODED_REFERENCES:  # a rollup shows these ids decoded: the map knows them encoded
        return any(unquote(k) == rec and unquote(v) == got for k, v in ids.short.items())
    if not UUID.search(rec) and "block_property:" not in rec:
        return False
    rec = re.sub(r"block_property:([^:}]+):", lambda m: f"block_property:{ids.short.get(m.group(1), m.group(1))}:", rec)
    parts, last = [], 0
    for m in UUID.finditer(rec):
        known = ids.get(m.group(0))
        parts.append(re.escape(rec[last:m.start()]))
        if known is None:
            parts.append(UUID.pattern)
        else:
            parts.append(re.escape(known if "-" in m.group(0) else known.replace("-", "")))
        last = m.end()
    parts.append(re.escape(rec[last:]))
    return re.fullmatch("".join(parts), got) is not None


def _walk(rec, got, ids, lenient, path, out, values, key=None):
    kr, kg = kind(rec), kind(got)
    if kr != kg:
        out.append(f"{path}: recorded {kr}, sandbox {kg}")
        return
    if kr == "object":
        for k in rec:
            if k not in got:
                out.append(f"{path}.{k}: recorded, missing in the sandbox")
        for k in got:
            if k not in rec:
                out.append(f"{path}.{k}: sent by the sandbox, not recorded")
        for k in rec:
            if k not in got:
                continue
            if excluded(k):
                if values and (rec[k] is None) != (got[k] is None):
                    out.append(f"{path}.{k}: recorded {kind(rec[k])}, sandbox {kind(got[k])}")
            else:
                _walk(rec[k], got[k], ids, lenient, f"{path}.{k}", out, values, k)  # "loose" inside other objects
    elif kr == "array":
        if lenient and (path == "$.results" or lenient == "loose"):
            _walk_lenient(rec, got, ids, path, out, values)
            return
        if len(rec) != len(got):
            out.append(f"{path}: recorded {len(rec)} items, sandbox {len(got)}")
        from replay import pair_items

        for i, (r, g) in enumerate(pair_items(ids, rec, got)):
            if g is None:
                out.append(f"{path}[{i}]: recorded item not in the sandbox's list")
            else:
                _walk(r, g, ids, False, f"{path}[{i}]", out, values)
    elif values and not _same_scalar(rec, got, ids, key):
        out.append(f"{path}: recorded {rec!r}, sandbox {got!r}")


def _walk_lenient(rec, got, ids, path, out, values):
    """The recorder's workspace held more: its own items by value, other items by structure."""
    mine = {}
    if ids is not None:
        back = {v.replace("-", ""): r for r in rec if isinstance(r, dict) and isinstance(r.get("id"), str)
                for v in [ids.get(r["id"]) or ""] if v}
        mine = {i: back[g["id"].replace("-", "")] for i, g in enumerate(got)
                if isinstance(g, dict) and isinstance(g.get("id"), str) and g["id"].replace("-", "") in back}
    for i, g in enumerate(got):
        if values and i in mine:
            _walk(mine[i], g, ids, False, f"{path}[{i}]", out, True)
            continue
        same = [r for r in rec if _disc(r) == _disc(g)]
        if same:
            _walk(same[0], g, ids, "loose", f"{path}[{i}]", out, False)


def order_difference(rec: dict, got: dict, ids) -> str | None:
    """For sorted query results: None when the sandbox returns the recorded ids in the same order."""
    want = [ids.get(r["id"]) for r in rec.get("results", []) if isinstance(r, dict) and "id" in r]
    have = [g.get("id") for g in got.get("results", []) if isinstance(g, dict)]
    if None in want or sorted(want) != sorted(have) or want == have:
        return None
    return f"$.results: same items, different order (recorded {want}, sandbox {have})"
