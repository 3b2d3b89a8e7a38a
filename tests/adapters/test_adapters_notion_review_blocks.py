"""A review's document as Notion blocks: every string plain text (bold for Strong), long text
split rather than lost, a divider between sections, tables with a header row, the charts as a
table and as lines with a sparkline, and requests within Notion's limits."""

from __future__ import annotations

from datetime import date

from certsync.adapters.document import Bullets, Document, Heading, Paragraph, ScoreChart, StatusChart, Strong, Table
from certsync.adapters.notion.review_blocks import STATUS_COLUMNS, batches, blocks, rich_text
from certsync.rules.review_model import StatusCounts, WeekCounts


def _plain(rich) -> str:
    return "".join(item["text"]["content"] for item in rich)


def _cells(row) -> list[str]:
    return [_plain(cell) for cell in row["table_row"]["cells"]]


def test_strong_parts_are_bold_and_markup_stays_text():
    hostile = "*Eve* <b>x</b> [y](z) & {{w}}"
    [item_a, item_b] = rich_text((Strong(hostile), ": no hours"))
    assert item_a == {"type": "text", "text": {"content": hostile}, "annotations": {"bold": True}}
    assert item_b == {"type": "text", "text": {"content": ": no hours"}}


def test_long_text_is_split_into_text_objects_of_2000_characters_not_lost():
    text = "".join(str(i % 10) for i in range(4500))
    items = rich_text(text)
    assert [len(item["text"]["content"]) for item in items] == [2000, 2000, 500]
    assert _plain(items) == text


def test_headings_paragraphs_bullets_and_a_divider_before_each_later_section():
    doc = Document("R", (Heading(1, ("R",)), Paragraph(("intro",)), Heading(2, ("A",)), Bullets((("one",), ("two",))),
                         Heading(2, ("B",)), Heading(3, ("b",)), Heading(2, ("C",))))
    assert [b["type"] for b in blocks(doc)] == ["heading_1", "paragraph", "heading_2", "bulleted_list_item",
                                                "bulleted_list_item", "divider", "heading_2", "heading_3", "divider",
                                                "heading_2"]


def test_a_table_has_its_header_row_and_rows_of_its_width():
    [table] = blocks(Document("R", (Table(("Status", "People"), (("On track", "3"), ("At risk",))),)))
    assert table["table"]["table_width"] == 2 and table["table"]["has_column_header"] is True
    assert [_cells(r) for r in table["table"]["children"]] == [["Status", "People"], ["On track", "3"], ["At risk", ""]]


def test_a_table_of_more_than_100_rows_continues_in_another_with_its_header():
    rows = tuple((str(i),) for i in range(150))
    tables = blocks(Document("R", (Table(("n",), rows),)))
    assert [len(t["table"]["children"]) for t in tables] == [100, 52]
    assert _cells(tables[1]["table"]["children"][0]) == ["n"]


def test_the_status_chart_is_a_table_of_weeks():
    week = WeekCounts(monday=date(2026, 11, 30), counts=StatusCounts(on_track=3, slightly_behind=1, at_risk=2,
                                                                      completed=1, not_in_yet=1))
    [table] = blocks(Document("R", (StatusChart((week,)),)))
    header, row = table["table"]["children"]
    assert tuple(_cells(header)) == STATUS_COLUMNS == ("Week", "On track", "Slightly behind", "At risk", "Completed",
                                                       "Not in yet")
    assert _cells(row) == ["30 Nov 2026", "3", "1", "2", "1", "1"]


def test_the_score_chart_is_one_line_per_engineer_with_a_sparkline():
    [line] = blocks(Document("R", (ScoreChart((("Ana", (60.0, 68.0, 74.0)),)),)))
    assert line["type"] == "bulleted_list_item"
    assert _plain(line["bulleted_list_item"]["rich_text"]) == "Ana: 60 → 68 → 74 ▁▅█"


def test_requests_hold_at_most_100_blocks_and_1000_with_their_rows():
    children = [{"type": "paragraph", "paragraph": {"rich_text": []}}] * 250
    assert [len(b) for b in batches(children)] == [100, 100, 50]
    table = {"type": "table", "table": {"table_width": 1, "children": [{}] * 100}}
    assert [len(b) for b in batches([table] * 12)] == [9, 3]
