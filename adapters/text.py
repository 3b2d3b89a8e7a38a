"""Text as a tool takes it: cut cleanly at its limit instead of being refused."""

from __future__ import annotations

ELLIPSIS = " …"


def cut(text: str, limit: int) -> str:
    """`text` if it fits; else cut at the last line or word break that leaves room for ' …'."""
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    head = text[:room]
    for brk in ("\n", " "):
        at = head.rfind(brk)
        if at > room * 0.6:
            head = head[:at]
            break
    return head.rstrip() + ELLIPSIS
