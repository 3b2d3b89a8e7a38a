"""A review as Markdown, for the terminal (and anything else that reads Markdown).

All text of a review is data: names, certifications, blockers and reasons come from the tracker,
so each is escaped and a name like `*Eve* [x](y)` prints literally. Every character that opens
inline markup mid-line gets a backslash (emphasis, code, links and images, HTML and entities,
table cells, strikethrough) and line breaks become spaces; what Markdown reads only at the start
of a line (headings, lists, quotes) never meets user text there, since every line starts with
certsync's own prefix or a strong name.
"""

from __future__ import annotations

import re

from certsync.rules import reasons as fmt
from certsync.rules.reviews import Review
from certsync.adapters.document import (
    Bullets, Document, Heading, Paragraph, ScoreChart, StatusChart, Strong, Table, Text,
)
from certsync.sync.review_doc import document
from certsync.rules.sparkline import sparkline

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def escape(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text (on one line)."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))


def _run(text: Text) -> str:
    return "".join(f"**{escape(p.text)}**" if isinstance(p, Strong) else escape(p) for p in text)


def markdown(review: Review) -> str:
    """The review as one Markdown text."""
    return render(document(review))


def render(doc: Document) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_run(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(_run(block.text))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_run(item)}" for item in block.items))
        elif isinstance(block, Table):
            lines = ["| " + " | ".join(escape(h) for h in block.header) + " |",
                     "|" + "|".join("---" for _ in block.header) + "|"]
            lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in block.rows]
            out.append("\n".join(lines))
        elif isinstance(block, StatusChart):
            out.append(_status_lines(block))
        elif isinstance(block, ScoreChart):
            continue  # the trend table holds each line's sparkline already
    return "\n\n".join(out) + "\n"


def _status_lines(chart: StatusChart) -> str:
    """Statuses per week in words (the HTML page draws them as bars)."""
    if len(chart.weeks) < 2:
        return ""
    at_risk = [w.counts.at_risk for w in chart.weeks]
    on_track = [w.counts.on_track for w in chart.weeks]
    first, last = chart.weeks[0].monday, chart.weeks[-1].monday
    return escape(f"Weeks of {fmt.day(first)} to {fmt.day(last)}: on track {' '.join(map(str, on_track))} "
                  f"{sparkline(on_track)}, at risk {' '.join(map(str, at_risk))} {sparkline(at_risk)}.")
