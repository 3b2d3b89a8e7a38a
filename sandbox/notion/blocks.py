"""Content blocks (a paragraph, a heading, a quote) on a page, made in the Notion app: the control
API puts them there, so that comments can sit on a block as they do in Notion. The API shows
them (retrieve, children of their page), lets comments be added to them, and trashes them."""

from __future__ import annotations

from .common import iso_minute, new_id, now, text_item
from .render import NEW_VERSION, user_ref
from .store import BOT_ID

TEXT_TYPES = ("paragraph", "heading_1", "heading_2", "heading_3", "quote")


def add(store, page_id: str, kind: str, text: str, author: str = BOT_ID) -> dict:
    """A text block at the end of a page; returns the stored block."""
    if kind not in TEXT_TYPES:
        raise ValueError(f"type should be one of {', '.join(TEXT_TYPES)}, not {kind!r}")
    if not isinstance(text, str):
        raise ValueError("text should be a string")
    page = store.pages.get(page_id)
    if page is None or page["in_trash"]:
        raise store.missing("page", page_id)
    t = now()
    block = {"id": new_id(), "parent": {"type": "page_id", "page_id": page_id}, "type": kind,
             "rich_text": [text_item(text)] if text else [], "created": t, "edited": t, "created_by": author,
             "edited_by": author, "in_trash": False, "seq": store.next_seq()}
    store.blocks[block["id"]] = block
    store.bump()
    return block


def render(store, block: dict, version: str) -> dict:
    kind = block["type"]
    body = {"rich_text": block["rich_text"], "color": "default"}
    if kind.startswith("heading_"):
        body["is_toggleable"] = False
    out = {"object": "block", "id": block["id"], "parent": block["parent"],
           "created_time": iso_minute(block["created"]), "last_edited_time": iso_minute(block["edited"]),
           "created_by": user_ref(block["created_by"]), "last_edited_by": user_ref(block["edited_by"]),
           "has_children": False, "in_trash": block["in_trash"], "type": kind, kind: body}
    if version != NEW_VERSION:
        out["archived"] = block["in_trash"]
    return out


def of_page(store, page_id: str) -> list[dict]:
    return [b for b in store.blocks.values() if b["parent"]["page_id"] == page_id and not b["in_trash"]]
