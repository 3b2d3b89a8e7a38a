"""The reviews rendered: Markdown with user text kept as text, one offline HTML page with charts,
and nothing that names a failed exam."""

import html
import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from certsync.rules.reviews import ReviewData, biweekly_review, monthly_review, quarterly_review, weekly_review
from certsync.sync.cli_review import show
from certsync.sync.review_html import html_page, write_html
from certsync.sync.review_text import escape, markdown

from review_program import ENROLLMENTS, EVE, check_ins, sessions, with_spring_cohort

FAILED = ("Cleo Chen", "Finn Fox")  # failed their exams in Q4


@pytest.fixture(scope="module")
def reviews():
    data = ReviewData.of(ENROLLMENTS, check_ins(), program="Cloud certs")
    return {"weekly": weekly_review(data, today=date(2026, 12, 4)),
            "biweekly": biweekly_review(data, today=date(2026, 11, 30)),
            "monthly": monthly_review(data, today=date(2026, 12, 7), budget=5000),
            "quarterly": quarterly_review(data, today=date(2027, 1, 4))}


def as_html(text: str) -> str:
    return MarkdownIt().enable("table").render(text)


def test_a_name_made_of_markdown_renders_as_the_name(reviews):
    text = markdown(reviews["weekly"])
    rendered = as_html(text)
    assert html.escape(EVE, quote=False) in rendered
    assert "<a " not in rendered and "<em>" not in rendered
    out = Console(width=200, record=True, color_system=None)
    show(text, out)
    assert EVE in out.export_text()


@pytest.mark.parametrize("text", ["*Eve* [x](y)", "`code` <b>x</b> &amp; | ~~s~~ _u_", "line\nbreak\\", "![i](http://x)"])
def test_escaped_text_renders_to_itself(text):
    rendered = as_html(f"- {escape(text)}")
    assert rendered == f"<ul>\n<li>{html.escape(' '.join(text.split(chr(10))), quote=False)}</li>\n</ul>\n"


def test_the_weekly_markdown_has_headings_bullets_and_a_table(reviews):
    text = markdown(reviews["weekly"])
    assert text.startswith("# Cloud certs: weekly review, week of 30 Nov 2026 (2026-W49)\n")
    assert "## Five-minute conversations" in text and "| At risk | 1 |" in text
    assert "- **Ben Brown** (AWS SAA): certified. Congratulations!" in text
    assert "Lab cluster keeps crashing" in text


def test_no_failed_exam_is_named_and_the_quarterly_names_nobody(reviews):
    texts = {kind: markdown(r) for kind, r in reviews.items()}
    assert not any("Failed" in t or "failed" in t for t in texts.values())
    quarterly = texts["quarterly"] + html_page(reviews["quarterly"])
    for e in ENROLLMENTS:
        assert e.engineer.name not in quarterly
    assert "fewer than 3" in texts["quarterly"]


def test_the_html_page_is_self_contained_with_its_charts(reviews, tmp_path):
    page = html_page(reviews["weekly"])
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert page.count('class="bar ') > 0 and 'class="chart status-bars"' in page
    assert f"<strong>{EVE}</strong>" in page  # no HTML in it: as typed
    trends = html_page(reviews["biweekly"])
    assert trends.count('<polyline class="line"') == 4
    for svg in re.findall(r"<svg.*?</svg>", page + trends, flags=re.S):
        ElementTree.fromstring(svg)  # each chart is well-formed SVG
    write_html(reviews["monthly"], tmp_path / "monthly.html")
    assert (tmp_path / "monthly.html").read_text().count("<svg") == 1


def test_html_in_user_text_is_shown_as_text():
    hostile = "<img src=x onerror=alert(1)> & Co"
    enrollments = [e.model_copy(update={"engineer": e.engineer.model_copy(update={"name": hostile})})
                   if e.id == "gus" else e for e in ENROLLMENTS]
    data = ReviewData.of(enrollments, check_ins())
    pages = (html_page(weekly_review(data, today=date(2026, 12, 4))),
             html_page(biweekly_review(data, today=date(2026, 11, 30))))
    for page in pages:
        assert hostile not in page and html.escape(hostile) in page


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def _browser() -> str:
    """Headless Chromium: .ci/run installs Debian's package, so in CI its absence is a failure."""
    found = _chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("no headless Chromium in CI: .ci/run should have installed Debian's chromium package")
        pytest.skip("no headless Chromium here (Debian's chromium package is not installed; .ci/run installs it)")
    return found


def screenshot(page: Path, folder: Path) -> list[list[tuple[int, int, int]]]:
    """The page as headless Chromium draws it, as rows of RGB pixels (no network, no profile)."""
    shot = folder / f"{page.stem}.png"
    subprocess.run([_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={folder / 'profile'}", "--hide-scrollbars", "--window-size=900,1300",
                    f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    return png_pixels(shot.read_bytes())


def png_pixels(data: bytes) -> list[list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB(A) PNG, as Chromium writes them (enough of the format for that)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.setdefault(kind, []).append(data[at + 8:at + 8 + size])
        at += size + 12
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks[b"IDAT"])), width * step
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, step)])
        previous = line
    return rows


def painted(pixels, colour: str) -> int:
    """How many pixels are drawn in `colour` (#rrggbb), give or take anti-aliasing."""
    want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(1 for row in pixels for px in row if all(abs(a - b) <= 12 for a, b in zip(px, want)))


def test_the_html_pages_draw_their_charts_in_headless_chromium(reviews, tmp_path):
    from certsync.sync.review_charts import LINE_COLOURS, SERIES

    colours = {label: colour for _, label, colour in SERIES}
    weekly, biweekly = tmp_path / "weekly.html", tmp_path / "biweekly.html"
    write_html(reviews["weekly"], weekly)
    write_html(reviews["biweekly"], biweekly)
    bars = screenshot(weekly, tmp_path)
    for label in ("On track", "Slightly behind", "At risk", "Completed"):  # every status of the weeks shown
        assert painted(bars, colours[label]) > 200, label
    lines = screenshot(biweekly, tmp_path)
    drawn = [painted(lines, c) for c in LINE_COLOURS[:len(reviews["biweekly"].trends)]]
    assert all(n > 30 for n in drawn), drawn  # one line per engineer with scores
    assert painted(lines, colours["At risk"]) < painted(bars, colours["At risk"])  # no status bars on that page


def test_the_monthly_review_shows_attendance_per_cohort_in_every_rendering():
    data = ReviewData.of(with_spring_cohort(ENROLLMENTS), check_ins(), program="Cloud certs", sessions=sessions())
    review = monthly_review(data, today=date(2026, 12, 7))
    text = markdown(review)
    assert "## Cohort sessions\n\n| Cohort | Sessions | Attendance |\n|---|---|---|\n" in text
    assert "| Autumn cohort | 2 | 62% |" in text  # (3/4 + 2/4) / 2 = 62.5%
    assert "| Spring cohort | 2 | fewer than 3 |" in text and "| Winter cohort | 2 | fewer than 3 |" in text
    out = Console(width=200, record=True, color_system=None)
    show(text, out)
    terminal = out.export_text()
    assert "Cohort sessions" in terminal and "Autumn cohort" in terminal and "62%" in terminal
    page = html_page(review)
    assert "<th>Cohort</th><th>Sessions</th><th>Attendance</th>" in page
    assert "<tr><td>Autumn cohort</td><td>2</td><td>62%</td></tr>" in page


def test_a_monthly_review_without_sessions_has_no_attendance_section(reviews):
    assert "Cohort sessions" not in markdown(reviews["monthly"])


def test_reasons_and_quoted_blockers_read_as_sentences_without_doubled_stops():
    said = [c.model_copy(update={"blockers": "The lab cluster keeps crashing."}) if c.id == "finn-w13" else c
            for c in check_ins()]
    text = markdown(weekly_review(ReviewData.of(ENROLLMENTS, said), today=date(2026, 12, 4)))
    assert "target. Far off pace for exam: " in text  # two flags, two sentences
    assert "keeps crashing.”" in text and ".”." not in text and ".;" not in text and ".." not in text
