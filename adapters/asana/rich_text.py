"""A review's Document as Asana rich text (`html_notes` of a task, `html_text` of a status update).

Asana takes valid XML in one `<body>`, of a few tags (its rich text guide): `<h1>`, `<h2>` (task
notes only), `<strong>`, `<ul>`/`<li>`, and no tables. So headings are `<h1>`/`<h2>` in task notes
and strong lines in a status update; a table is a list of its rows, cells joined by " | "; the
status chart a list of weeks with their counts; the score chart a list of sparklines. Every
string is data: XML-escaped, never markup. The marker line ends the text.
"""

from __future__ import annotations

import re
from html import escape

from certsync.adapters.document import (
    Bullets, Document, Heading, Paragraph, ScoreChart, StatusChart, Strong, Table, Text, plain,
)
from certsync.rules.sparkline import sparkline

# Characters XML 1.0 does not allow: dropped, not sent (Asana would refuse the whole text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
STATUS_NAMES = (("on_track", "on track"), ("slightly_behind", "slightly behind"), ("at_risk", "at risk"),
                ("completed", "completed"), ("not_in_yet", "not in yet"), ("not_started", "not started"))


def xml_text(text: str) -> str:
    """Text as XML character data: escaped, with what XML cannot hold dropped."""
    return escape(_NOT_XML.sub("", text), quote=False)


def _run(text: Text) -> str:
    return "".join(f"<strong>{xml_text(p.text)}</strong>" if isinstance(p, Strong) else xml_text(p) for p in text)


def _items(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def week_line(week) -> str:
    counts = week.counts
    shown = [f"{getattr(counts, key)} {name}" for key, name in STATUS_NAMES if getattr(counts, key)]
    return f"Week of {week.monday.day} {week.monday:%b %Y}: {', '.join(shown) or 'nobody'}"


def score_line(name: str, values: tuple[float, ...]) -> str:
    if not values:
        return f"{name}: no scores yet"
    return f"{name}: {sparkline(values)} {values[0]:g}% → {values[-1]:g}%"


def _block(block, headings: bool) -> str:
    if isinstance(block, Heading):
        if not headings:
            return f"<strong>{xml_text(plain(block.text))}</strong>\n"
        tag = "h1" if block.level <= 1 else "h2"
        return f"<{tag}>{_run(block.text)}</{tag}>"
    if isinstance(block, Paragraph):
        return _run(block.text) + "\n"
    if isinstance(block, Bullets):
        return _items([_run(item) for item in block.items])
    if isinstance(block, Table):
        rows = [f"<strong>{xml_text(' | '.join(block.header))}</strong>"] if block.header else []
        return _items(rows + [xml_text(" | ".join(row)) for row in block.rows])
    if isinstance(block, StatusChart):
        return _items([xml_text(week_line(week)) for week in block.weeks])
    if isinstance(block, ScoreChart):
        return _items([xml_text(score_line(name, values)) for name, values in block.lines])
    raise TypeError(f"no Asana rich text for {type(block).__name__}")


def rich_text(document: Document, marker: str, *, headings: bool = True) -> str:
    """The document as a `<body>`, the marker its last line. `headings`: whether the object
    takes `<h1>`/`<h2>` (task notes do; a status update gets strong lines)."""
    return "<body>" + "".join(_block(b, headings) for b in document.blocks) + xml_text(marker) + "</body>"
