"""A review's document (adapters/document.py) as Notion blocks.

Pure: a Document in, the `children` of a page out. Every string is data: plain text objects,
never parsed as markup; a `Strong` part is bold. Text longer than Notion's 2,000 characters a
text object is split into several (nothing is lost); a block holding more than 100 of them, or a
table of more than 100 rows, is split into several blocks of the same kind.
"""

from __future__ import annotations

from typing import Any

from certsync.adapters.document import (
    Block, Bullets, Document, Heading, Paragraph, ScoreChart, StatusChart, Strong, Table, Text,
)
from certsync.rules.model import Status
from certsync.rules.sparkline import sparkline

TEXT_LIMIT = 2000  # characters a text object
ARRAY_LIMIT = 100  # items an array (rich text, children)
STATUS_COLUMNS = ("Week", "On track", "Slightly behind", "At risk", "Completed", "Not in yet")


def _items(part: str | Strong) -> list[dict[str, Any]]:
    text, bold = (part.text, True) if isinstance(part, Strong) else (part, False)
    pieces = [text[at:at + TEXT_LIMIT] for at in range(0, len(text), TEXT_LIMIT)]
    return [{"type": "text", "text": {"content": piece}, **({"annotations": {"bold": True}} if bold else {})}
            for piece in pieces]


def rich_text(text: Text | str) -> list[dict[str, Any]]:
    parts = (text,) if isinstance(text, str) else text
    return [item for part in parts for item in _items(part)]


def _text_blocks(kind: str, text: Text | str) -> list[dict[str, Any]]:
    items = rich_text(text)
    chunks = [items[at:at + ARRAY_LIMIT] for at in range(0, len(items), ARRAY_LIMIT)] or [[]]
    return [{"type": kind, kind: {"rich_text": chunk}} for chunk in chunks]


def _cell(text: str) -> list[dict[str, Any]]:
    return rich_text(text)[:ARRAY_LIMIT]  # a cell past 200,000 characters is cut there


def table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[dict[str, Any]]:
    """A table with its header row; one of more than 100 rows continues in another (header again)."""
    width = max(1, len(header))

    def row(cells: tuple[str, ...]) -> dict[str, Any]:
        cells = (tuple(cells) + ("",) * width)[:width]
        return {"type": "table_row", "table_row": {"cells": [_cell(c) for c in cells]}}

    per = ARRAY_LIMIT - 1
    chunks = [rows[at:at + per] for at in range(0, len(rows), per)] or [()]
    return [{"type": "table", "table": {"table_width": width, "has_column_header": True, "has_row_header": False,
                                        "children": [row(header), *(row(r) for r in chunk)]}}
            for chunk in chunks]


def _number(value: float) -> str:
    return f"{value:g}"


def status_rows(chart: StatusChart) -> tuple[tuple[str, ...], ...]:
    order = (Status.ON_TRACK, Status.SLIGHTLY_BEHIND, Status.AT_RISK, Status.COMPLETED)
    return tuple((f"{w.monday.day} {w.monday:%b %Y}", *(str(w.counts.of(s)) for s in order),
                  str(w.counts.not_in_yet)) for w in chart.weeks)


def score_lines(chart: ScoreChart) -> list[str]:
    return [f"{name}: {' → '.join(_number(v) for v in values)} {sparkline(values)}".rstrip()
            for name, values in chart.lines]


def _block(block: Block) -> list[dict[str, Any]]:
    if isinstance(block, Heading):
        return _text_blocks(f"heading_{min(max(block.level, 1), 3)}", block.text)
    if isinstance(block, Paragraph):
        return _text_blocks("paragraph", block.text)
    if isinstance(block, Bullets):
        return [b for item in block.items for b in _text_blocks("bulleted_list_item", item)]
    if isinstance(block, Table):
        return table(block.header, block.rows)
    if isinstance(block, StatusChart):
        return table(STATUS_COLUMNS, status_rows(block)) if block.weeks else []
    if isinstance(block, ScoreChart):
        return [b for line in score_lines(block) for b in _text_blocks("bulleted_list_item", line)]
    return []


def blocks(document: Document) -> list[dict[str, Any]]:
    """The page content of a review: a divider before each level-2 heading after the first."""
    out: list[dict[str, Any]] = []
    sections = 0
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 2:
            sections += 1
            if sections > 1:
                out.append({"type": "divider", "divider": {}})
        out += _block(block)
    return out


def weight(block: dict[str, Any]) -> int:
    """How many blocks a request sends for it: itself and its children (a table's rows)."""
    return 1 + len(block[block["type"]].get("children", []))


def batches(children: list[dict[str, Any]], *, per_request: int = ARRAY_LIMIT,
            total: int = 1000) -> list[list[dict[str, Any]]]:
    """The content in requests: at most 100 top-level blocks and 1,000 blocks in all each."""
    out: list[list[dict[str, Any]]] = []
    size = 0
    for block in children:
        if not out or len(out[-1]) == per_request or size + weight(block) > total:
            out.append([])
            size = 0
        out[-1].append(block)
        size += weight(block)
    return out
