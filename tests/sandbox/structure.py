"""Compare a sandbox response with a recorded one by structure: keys and value types, recursively.

Rules (the conformance suite's contract):
- Values are not compared, only their JSON types (null, boolean, number, string, object, array).
  `null` against a value is a difference: it says whether something is there.
- Keys must be the same on both sides, except the keys in LEFT_OUT (ids, timestamps, request ids,
  urls), whose presence is checked but whose type is not (an id, a url may be null or a string).
- Lists: items are paired by id where the items are objects whose ids were mapped, else by position.
  Lengths must be equal (the replay rebuilt the same state), except where the recorder's workspace
  held more than the cassette created: `results` of `GET /v1/users` and `POST /v1/search`. There the
  sandbox's items are compared with a recorded item of the same `object`/`type`, if any, and
  lists inside them are compared the same way (different objects: lengths say nothing).
- Query results with `sorts` must come in the recorded order.
"""

from __future__ import annotations

LEFT_OUT = {"id", "request_id", "created_time", "last_edited_time", "url", "public_url", "avatar_url", "href",
            "next_cursor", "next_url", "discussion_id", "workspace_id", "integration_id", "expiry_time"}


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


def _left_out(key) -> bool:
    return key in LEFT_OUT or (isinstance(key, str) and key.endswith("_id") and key != "synced_property_id")


def _disc(v):
    return (v.get("object"), v.get("type")) if isinstance(v, dict) else kind(v)


def differences(rec, got, ids, lenient_results: bool = False, path: str = "$") -> list[str]:
    """Every structural difference, as `path: recorded X, sandbox Y`; empty when they match."""
    out: list[str] = []
    _walk(rec, got, ids, lenient_results, path, out)
    return out


def _walk(rec, got, ids, lenient, path, out):
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
            if k in got and not _left_out(k):
                _walk(rec[k], got[k], ids, lenient, f"{path}.{k}", out)  # "loose" inside other objects
    elif kr == "array":
        if lenient and (path == "$.results" or lenient == "loose"):
            for i, g in enumerate(got):
                same = [r for r in rec if _disc(r) == _disc(g)]
                if same:
                    _walk(same[0], g, ids, "loose", f"{path}[{i}]", out)
            return
        if len(rec) != len(got):
            out.append(f"{path}: recorded {len(rec)} items, sandbox {len(got)}")
        from replay import pair_items

        for i, (r, g) in enumerate(pair_items(ids, rec, got)):
            if g is None:
                out.append(f"{path}[{i}]: recorded item not in the sandbox's list")
            else:
                _walk(r, g, ids, False, f"{path}[{i}]", out)


def order_difference(rec: dict, got: dict, ids) -> str | None:
    """For sorted query results: None when the sandbox returns the recorded ids in the same order."""
    want = [ids.get(r["id"]) for r in rec.get("results", []) if isinstance(r, dict) and "id" in r]
    have = [g.get("id") for g in got.get("results", []) if isinstance(g, dict)]
    if None in want or sorted(want) != sorted(have) or want == have:
        return None
    return f"$.results: same items, different order (recorded {want}, sandbox {have})"
