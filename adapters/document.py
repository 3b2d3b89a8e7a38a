"""A document of plain text: what a review is posted as, whatever the tool.

Headings, paragraphs, bullets, tables and two charts; every string is data, never markup: each
tool's renderer (Notion blocks, Asana `html_notes`, the terminal's Markdown, the HTML page)
escapes all of it. A run of text is a tuple of parts, each plain (`str`) or strong (`Strong`).
sync/review_doc.py lays a review out as one; the trackers only render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from certsync.rules.review_model import WeekCounts


@dataclass(frozen=True)
class Strong:
    text: str


Part = str | Strong
Text = tuple[Part, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: Text


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class StatusChart:
    """Statuses per week, drawn as stacked bars where a picture can be drawn."""

    weeks: tuple[WeekCounts, ...]


@dataclass(frozen=True)
class ScoreChart:
    """Practice score lines per engineer."""

    lines: tuple[tuple[str, tuple[float, ...]], ...]


Block = Heading | Paragraph | Bullets | Table | StatusChart | ScoreChart


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def plain(text: Text) -> str:
    """A run of text without its emphasis."""
    return "".join(part.text if isinstance(part, Strong) else part for part in text)
