"""Compare a sandbox response with a recorded Asana one: structure AND values, recursively.

Rules (the Asana conformance suite's contract):
- Keys must be the same on both sides, and every value the same JSON type (null, boolean, number,
  string, object, array); `null` against a value is a difference (so a `next_page` of null against
  a page is one, whatever the page).
- Values are compared too: strings exactly (error messages and help, names, enum option names,
  resource types and subtypes, text, section names...), numbers, booleans. Recorded gids inside a
  string (an error message naming a task) are first translated to sandbox gids.
- Only what cannot match by nature is left out, in NOT_BY_VALUE below, each with its reason: for
  those keys presence and null-ness are compared, never the value.
- Lists: same length, items paired by position (the replay rebuilt the same state, in the same order).
"""

from __future__ import annotations

import math

# Keys whose values cannot match by nature: presence and null-ness are compared, never the value.
NOT_BY_VALUE = {
    "gid": "ids: minted by each server; asana_replay.py maps recorded gids to the sandbox's",
    "created_at": "times: when the object was made, on the replay's clock",
    "modified_at": "times: when the object last changed, on the replay's clock",
    "completed_at": "times: when the task was completed, on the replay's clock",
    "offset": "tokens: a pagination offset, minted by the server (the recordings' are masked)",
    "sync": "tokens: an events sync token, minted by the server (the recordings' are hashed)",
    "path": "urls: next_page.path holds an offset token (and recorded query parameters in any order)",
    "uri": "urls: next_page.uri, the same on the recorded host",
    "permalink_url": "urls: app.asana.com links made from ids",
}


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


def differences(rec, got, ids, path: str = "$") -> list[str]:
    """Every difference, as `path: recorded X, sandbox Y`; empty when they match."""
    out: list[str] = []
    _walk(rec, got, ids, path, out)
    return out


def _same_scalar(rec, got, ids) -> bool:
    if isinstance(rec, bool) or isinstance(got, bool):
        return rec is got
    if isinstance(rec, (int, float)):
        return math.isclose(rec, got, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(rec, str):
        return rec == got or (ids is not None and ids.sub_str(rec) == got)
    return rec == got


def _walk(rec, got, ids, path, out):
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
            if k in NOT_BY_VALUE:
                if (rec[k] is None) != (got[k] is None):
                    out.append(f"{path}.{k}: recorded {kind(rec[k])}, sandbox {kind(got[k])}")
            else:
                _walk(rec[k], got[k], ids, f"{path}.{k}", out)
    elif kr == "array":
        if len(rec) != len(got):
            out.append(f"{path}: recorded {len(rec)} items, sandbox {len(got)}")
        for i, (r, g) in enumerate(zip(rec, got)):
            _walk(r, g, ids, f"{path}[{i}]", out)
    elif not _same_scalar(rec, got, ids):
        out.append(f"{path}: recorded {rec!r}, sandbox {got!r}")
