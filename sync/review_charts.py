"""The review page's charts as inline SVG, drawn here by hand.

Why by hand: the page must be one self-contained file that opens anywhere without a network (no
CDN, no script), and two charts (stacked bars of statuses per week, score lines per engineer) are
a few dozen rectangles and polylines. A charting library would bring a large dependency (and
often JavaScript, or a browser-only renderer) for what ~100 lines of SVG text do; pygal, the one
small pure-Python SVG charting library, embeds scripts for its tooltips and is barely maintained.
Every label is escaped, like every other user string of a review.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from certsync.rules import reasons as fmt
from certsync.rules.reviews import WeekCounts

SERIES = (  # (StatusCounts field, label, colour), bottom to top
    ("completed", "Completed", "#1565c0"),
    ("on_track", "On track", "#2e7d32"),
    ("slightly_behind", "Slightly behind", "#f9a825"),
    ("at_risk", "At risk", "#c62828"),
    ("not_in_yet", "Not in yet", "#9e9e9e"),
)
LINE_COLOURS = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457")
WIDTH, HEIGHT, PAD, AXIS = 640, 240, 28, 36


def status_bars(weeks: Sequence[WeekCounts]) -> str:
    """Statuses per week as stacked bars, one bar a week, with a legend."""
    if not weeks:
        return ""
    totals = [sum(getattr(w.counts, key) for key, _, _ in SERIES) for w in weeks]
    top = max(max(totals), 1)
    plot_h = HEIGHT - PAD - AXIS
    slot = (WIDTH - 2 * PAD) / len(weeks)
    bar = max(slot * 0.6, 2)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart status-bars" viewBox="0 0 {WIDTH} {HEIGHT + 24}" '
             f'role="img" aria-labelledby="status-title"><title id="status-title">Status per week</title>']
    for n, week in enumerate(weeks):
        x, y = PAD + n * slot + (slot - bar) / 2, HEIGHT - AXIS
        for key, label, colour in SERIES:
            count = getattr(week.counts, key)
            if not count:
                continue
            h = count / top * plot_h
            y -= h
            parts.append(f'<rect class="bar {key}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{escape(label)}: {count} (week of {fmt.day(week.monday)})</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - AXIS + 16}" text-anchor="middle" '
                     f'font-size="11">{fmt.day(week.monday)}</text>')
    parts.append(_legend([(label, colour) for _, label, colour in SERIES], HEIGHT + 4))
    parts.append("</svg>")
    return "".join(parts)


def score_lines(lines: Sequence[tuple[str, Sequence[float]]]) -> str:
    """Practice scores (0–100%) as one line per engineer, in the order given (alphabetical)."""
    lines = [(name, scores) for name, scores in lines if scores]
    if not lines:
        return ""
    longest = max(len(scores) for _, scores in lines)
    plot_w, plot_h = WIDTH - 2 * PAD - AXIS, HEIGHT - PAD - AXIS
    step = plot_w / max(longest - 1, 1)
    legend_rows = (len(lines) + 3) // 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart score-lines" '
             f'viewBox="0 0 {WIDTH} {HEIGHT + 20 * legend_rows + 4}" role="img" aria-labelledby="scores-title">'
             f'<title id="scores-title">Practice score trends</title>']
    for level in (0, 25, 50, 75, 100):
        y = PAD + plot_h * (1 - level / 100)
        parts.append(f'<line x1="{PAD + AXIS}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{PAD + AXIS - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{level}%</text>')
    for n, (name, scores) in enumerate(lines):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        points = " ".join(f"{PAD + AXIS + i * step:.1f},{PAD + plot_h * (1 - min(max(s, 0), 100) / 100):.1f}"
                          for i, s in enumerate(scores))
        values = ", ".join(fmt.percent(s) for s in scores)
        parts.append(f'<polyline class="line" points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
                     f'<title>{escape(name)}: {values}</title></polyline>')
        for point in points.split():
            x, y = point.split(",")
            parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
    parts.append(_legend([(name, LINE_COLOURS[n % len(LINE_COLOURS)]) for n, (name, _) in enumerate(lines)],
                         HEIGHT + 4, per_row=4))
    parts.append("</svg>")
    return "".join(parts)


def _legend(items: Sequence[tuple[str, str]], top: float, per_row: int = 5) -> str:
    width = (WIDTH - 2 * PAD) / per_row
    out = []
    for n, (label, colour) in enumerate(items):
        x, y = PAD + (n % per_row) * width, top + (n // per_row) * 20
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 16:.1f}" y="{y + 10:.1f}" font-size="12">{escape(label)}</text>')
    return "".join(out)
