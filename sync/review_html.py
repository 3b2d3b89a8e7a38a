"""A review as one self-contained HTML page: the same document as the Markdown, with charts.

No script, no stylesheet or font from elsewhere, no network: the styles are inline and the
charts are inline SVG (review_charts.py says why they are drawn by hand). Every string of the
review is escaped with `html.escape`, so user text is shown as text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from certsync.rules.reviews import Review
from certsync.sync.review_charts import score_lines, status_bars
from certsync.adapters.document import (
    Bullets, Document, Heading, Paragraph, ScoreChart, StatusChart, Strong, Table, Text,
)
from certsync.sync.review_doc import document

STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; border-bottom: 1px solid #eee; }
table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #ddd; padding: .25rem .6rem; }
th { background: #f6f6f6; text-align: left; } td { font-variant-numeric: tabular-nums; }
svg.chart { width: 100%; max-width: 40rem; height: auto; display: block; margin: .5rem 0; }
"""


def _run(text: Text) -> str:
    return "".join(f"<strong>{escape(p.text)}</strong>" if isinstance(p, Strong) else escape(p) for p in text)


def render(doc: Document) -> str:
    body: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_run(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_run(block.text)}</p>")
        elif isinstance(block, Bullets):
            body.append("<ul>" + "".join(f"<li>{_run(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
            rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(block, StatusChart):
            body.append(status_bars(block.weeks))
        elif isinstance(block, ScoreChart):
            body.append(score_lines(block.lines))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(doc.title)}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def html_page(review: Review) -> str:
    return render(document(review))


def write_html(review: Review, path: Path) -> None:
    """Write the page whole: to a temporary file beside it, then renamed over it."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(html_page(review), encoding="utf-8")
    temporary.replace(path)
