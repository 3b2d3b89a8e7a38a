"""What a response shows of a record: compact by default on lists, the full record on a single
object, or exactly the `opt_fields` asked for (nested with dots: `custom_fields.enum_value.name`).

Renderers put a `Ref(kind, gid)` wherever a record points at another object; it is shown as that
object's compact form, as `{"gid"}` when opt_fields names it without subfields, or expanded from
the object's full record when opt_fields asks for its fields.
"""

from __future__ import annotations


class Ref:
    __slots__ = ("kind", "gid")

    def __init__(self, kind: str, gid: str):
        self.kind, self.gid = kind, gid


def parse_opt_fields(query: dict) -> dict | None:
    """`opt_fields=a,b.c` (once or repeated) → {"a": {}, "b": {"c": {}}}; None when absent."""
    raw = query.get("opt_fields")
    if not raw:
        return None
    tree: dict = {}
    for value in raw:
        for path in value.split(","):
            path = path.strip()
            if not path:
                continue
            node = tree
            for part in path.split("."):
                node = node.setdefault(part, {})
    return tree


def show(renderer, value, tree: dict | None, full: bool):
    """The JSON of `value` (a Ref, a list of Refs, or a plain dict) as the request asked."""
    if isinstance(value, list):
        return [show(renderer, v, tree, full) for v in value]
    if not isinstance(value, Ref):
        return plain(renderer, value) if tree is None else select(renderer, value, tree)
    if tree is None:
        return plain(renderer, renderer.default(value)) if full else renderer.compact(value)
    return select(renderer, renderer.full(value), tree)


def plain(renderer, value):
    """A rendered record with every Ref as its compact form."""
    if isinstance(value, Ref):
        return renderer.compact(value)
    if isinstance(value, dict):
        return {k: plain(renderer, v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(renderer, v) for v in value]
    return value


def select(renderer, record: dict, tree: dict) -> dict:
    out = {"gid": record["gid"]} if "gid" in record else {}
    for key, sub in tree.items():
        if key in record:
            out[key] = _pick(renderer, record[key], sub)
    return out


def _pick(renderer, value, sub: dict):
    if isinstance(value, list):
        return [_pick(renderer, v, sub) for v in value]
    if isinstance(value, Ref):
        return {"gid": value.gid} if not sub else select(renderer, renderer.full(value), sub)
    if isinstance(value, dict):
        if not sub:
            return {"gid": value["gid"]} if "gid" in value else plain(renderer, value)
        return select(renderer, value, sub)
    return value
