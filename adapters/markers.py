"""The marker that ends every comment certsync posts: how a later pass recognises its own work.

`certsync ref KIND:TOKEN,TOKEN`: the kind of message (an alert, a reminder, a review) and one
token per thing it announces (for an alert, one per red flag episode). Tool-neutral: every
adapter finds markers with `parse`, and `sync/` makes them with `line`.
"""

from __future__ import annotations

import re

PREFIX = "certsync ref "
_MARKER = re.compile(r"certsync ref (?:(?P<kind>[a-z][a-z0-9-]*):)?(?P<tokens>[0-9a-f]{6,}(?:,[0-9a-f]{6,})*)")


def line(kind: str, tokens: list[str] | tuple[str, ...]) -> str:
    return f"{PREFIX}{kind}:{','.join(tokens)}"


def parse(text: str) -> tuple[str, str] | None:
    """(kind, marker) of the last marker in `text`, or None. A marker without a kind (certsync
    before 0.2 wrote those) is an alert's."""
    every = list(_MARKER.finditer(text))
    if not every:
        return None
    return every[-1].group("kind") or "alert", every[-1].group(0)


def tokens(marker: str) -> frozenset[str]:
    found = _MARKER.search(marker)
    return frozenset(found.group("tokens").split(",")) if found else frozenset()
