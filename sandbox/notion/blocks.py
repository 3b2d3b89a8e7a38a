"""Content blocks on a page: paragraphs, headings, bullets, dividers and tables (with their rows).

Written through the API (a page created with `children`, `PATCH /v1/blocks/{id}/children`; see
block_routes.py) within Notion's limits: at most 100 blocks in any `children` array, two levels of
nesting in one request, 2,000 characters a text object. The control API can add a text block as
made in the app (so that comments can sit on a block as they do in Notion). A block is stored
with its parent (a page or a block), its type and its type's content; trashing it hides it.
"""

from __future__ import annotations

from .common import iso_minute, new_id, now, objects, rich_text, text_item
from .errors import body_invalid, validation
from .render import NEW_VERSION, user_ref
from .store import BOT_ID

TEXT_TYPES = ("paragraph", "heading_1", "heading_2", "heading_3", "quote", "bulleted_list_item")
APP_TYPES = ("paragraph", "heading_1", "heading_2", "heading_3", "quote")  # what the control API makes
TYPES = (*TEXT_TYPES, "divider", "table", "table_row")
MAX_DEPTH = 2  # levels of nesting one request may create (Notion: "up to two levels of nesting")
CHILDLESS = ("divider", "table_row")
ARCHIVED = "Can't edit block that is archived. You must unarchive the block before editing."


def _new(parent: dict, kind: str, content: dict, author: str, seq: int) -> dict:
    t = now()
    return {"id": new_id(), "parent": parent, "type": kind, **content, "created": t, "edited": t,
            "created_by": author, "edited_by": author, "in_trash": False, "seq": seq}


def add(store, page_id: str, kind: str, text: str, author: str = BOT_ID) -> dict:
    """A text block at the end of a page, as made in the app; returns the stored block."""
    if kind not in APP_TYPES:
        raise ValueError(f"type should be one of {', '.join(APP_TYPES)}, not {kind!r}")
    if not isinstance(text, str):
        raise ValueError("text should be a string")
    page = store.pages.get(page_id)
    if page is None or page["in_trash"]:
        raise store.missing("page", page_id)
    block = _new({"type": "page_id", "page_id": page_id}, kind, {"rich_text": [text_item(text)] if text else []},
                 author, store.next_seq())
    store.blocks[block["id"]] = block
    store.bump()
    return block


# -- block requests: validated whole before anything is stored --------------------------------
def _kind_of(item: dict, path: str) -> str:
    kind = item.get("type")
    if kind is None:
        given = [k for k in item if k in TYPES]
        kind = given[0] if len(given) == 1 else None
    if kind not in TYPES or not isinstance(item.get(kind), dict):
        raise body_invalid(path, f"an object with one block type ({', '.join(TYPES)})", item)
    return kind


def _content(store, kind: str, body: dict, path: str, width: int | None = None) -> dict:
    """The stored content of a block of `kind` from its request body `body` (at `path`)."""
    if kind in TEXT_TYPES:
        return {"rich_text": _rich(store, body.get("rich_text"), f"{path}.rich_text")}
    if kind == "divider":
        return {}
    if kind == "table":
        tw = body.get("table_width")
        if isinstance(tw, bool) or not isinstance(tw, int) or tw < 1:
            raise body_invalid(f"{path}.table_width", "a number ≥ 1", tw)
        flags = {}
        for key in ("has_column_header", "has_row_header"):
            value = body.get(key, False)
            if not isinstance(value, bool):
                raise body_invalid(f"{path}.{key}", "a boolean", value)
            flags[key] = value
        return {"table": {"table_width": tw, **flags}}
    cells = body.get("cells")
    if not isinstance(cells, list):
        raise body_invalid(f"{path}.cells", "an array", cells)
    if width is not None and len(cells) != width:
        raise validation(f"Number of cells in table row must match the table width of the parent table: "
                         f"{path}.cells has {len(cells)} cells, the table's width is {width}.")
    return {"cells": [_rich(store, cell, f"{path}.cells[{i}]") for i, cell in enumerate(cells)]}


def _rich(store, items, path: str) -> list[dict]:
    if items is None:
        raise body_invalid(path, "defined", None)
    return rich_text(items, path, store.mention_user, store.mention_page)


def parse(store, items, path: str, depth: int = 1, parent_kind: str | None = None,
          width: int | None = None) -> list[tuple[str, dict, list]]:
    """Validate a `children` array: [(type, content, children)] ready for `insert`, or the 400
    Notion answers for the first thing wrong (nothing is stored)."""
    out = []
    for p, item in objects(items, path):
        kind = _kind_of(item, p)
        if parent_kind == "table" and kind != "table_row":
            raise validation(f"{p}: a table's children should be table_row blocks, instead was `{kind}`.")
        if kind == "table_row" and parent_kind != "table":
            raise validation(f"{p}: a table_row can only be a child of a table.")
        body = item[kind]
        content = _content(store, kind, body, f"{p}.{kind}", width)
        kids = body.get("children")
        if kids is not None and depth >= MAX_DEPTH:
            raise body_invalid(f"{p}.{kind}.children", "not present", kids)
        if kids is not None and kind in CHILDLESS:
            raise body_invalid(f"{p}.{kind}.children", "not present", kids)
        if kind == "table" and not kids:
            raise validation(f"{p}.table.children should be defined: a table is created with its rows.")
        tw = content["table"]["table_width"] if kind == "table" else None
        children = parse(store, kids, f"{p}.{kind}.children", depth + 1, kind, tw) if kids is not None else []
        out.append((kind, content, children))
    return out


def insert(store, parsed: list, parent: dict, author: str = BOT_ID) -> list[dict]:
    """Store parsed blocks (and their children) at the end of `parent`; returns the top-level ones."""
    made = []
    for kind, content, children in parsed:
        block = _new(parent, kind, content, author, store.next_seq())
        store.blocks[block["id"]] = block
        insert(store, children, {"type": "block_id", "block_id": block["id"]}, author)
        made.append(block)
    store.bump()
    return made


# -- rendering -------------------------------------------------------------------------------
def _body(block: dict) -> dict:
    kind = block["type"]
    if kind in TEXT_TYPES:
        body = {"rich_text": block["rich_text"]}
        if kind == "paragraph":
            body["icon"] = None
        if kind.startswith("heading_"):
            body["is_toggleable"] = False
        body["color"] = "default"
        return body
    if kind == "divider":
        return {}
    if kind == "table":
        return dict(block["table"])
    return {"cells": block["cells"]}


def render(store, block: dict, version: str) -> dict:
    kind = block["type"]
    out = {"object": "block", "id": block["id"], "parent": block["parent"],
           "created_time": iso_minute(block["created"]), "last_edited_time": iso_minute(block["edited"]),
           "created_by": user_ref(block["created_by"]), "last_edited_by": user_ref(block["edited_by"]),
           "has_children": bool(children_of(store, block["id"])), "in_trash": block["in_trash"],
           "type": kind, kind: _body(block)}
    if version != NEW_VERSION:
        out["archived"] = block["in_trash"]
    return out


def children_of(store, parent_id: str) -> list[dict]:
    """The blocks under a page or a block, not in the trash, in the order they were made."""
    return [b for b in store.blocks.values()
            if (b["parent"].get("page_id") or b["parent"].get("block_id")) == parent_id and not b["in_trash"]]


def of_page(store, page_id: str) -> list[dict]:
    return children_of(store, page_id)
