"""Reviews as their readers see them in each tool, as plain text: one line per heading, paragraph,
bullet and table row (cells joined by " | "), the title first."""

from __future__ import annotations

from typing import Any


def document_text(document: Any) -> str:
    """A document as plain text, one line per heading, paragraph, bullet and table row."""
    from certsync.adapters.document import Bullets, Heading, Paragraph, Table, plain

    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            lines.append(plain(block.text))
        elif isinstance(block, Bullets):
            lines += [plain(item) for item in block.items]
        elif isinstance(block, Table):
            lines += [" | ".join(row) for row in (block.header, *block.rows)]
    return "\n".join(lines)
