"""The reviews rendered: Markdown with user text kept as text, one offline HTML page with charts,
and nothing that names a failed exam."""

import html
import re
import shutil
import subprocess
from datetime import date
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


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium here (Debian's chromium package is not installed)")
def test_the_html_page_renders_its_charts_in_headless_chromium(reviews, tmp_path):
    page = tmp_path / "weekly.html"
    write_html(reviews["weekly"], page)
    result = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.count("<svg") == 1 and 'class="bar on_track"' in result.stdout


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
