"""Block children through the real notion-client: a page made with its content, content appended
within Notion's limits, listed a page at a time, retrieved, edited and trashed; a database under a
page is one of its children; a person's row made through the control API."""

import pytest
from notion_client import APIResponseError

from sandbox_builders import make_data_source, text


def _plain(rich):
    return "".join(r["plain_text"] for r in rich)


@pytest.fixture
def page(notion, sandbox):
    return notion.pages.create(parent={"page_id": sandbox.root_page_id}, properties={"title": text("Review")},
                               children=[{"heading_1": {"rich_text": text("Weekly")}},
                                         {"type": "divider", "divider": {}},
                                         {"table": {"table_width": 2, "has_column_header": True, "children": [
                                             {"table_row": {"cells": [text("Status"), text("People")]}},
                                             {"table_row": {"cells": [text("On track"), []]}}]}}])


def test_a_page_is_created_with_its_content_and_a_table_with_its_rows(notion, page):
    kids = notion.blocks.children.list(block_id=page["id"])["results"]
    assert [k["type"] for k in kids] == ["heading_1", "divider", "table"]
    assert kids[0]["heading_1"] == {"rich_text": kids[0]["heading_1"]["rich_text"], "is_toggleable": False,
                                    "color": "default"}
    assert kids[0]["parent"] == {"type": "page_id", "page_id": page["id"]}
    table = kids[2]
    assert table["has_children"] is True
    assert table["table"] == {"table_width": 2, "has_column_header": True, "has_row_header": False}
    rows = notion.blocks.children.list(block_id=table["id"])["results"]
    assert [[_plain(c) for c in r["table_row"]["cells"]] for r in rows] == [["Status", "People"], ["On track", ""]]
    assert rows[0]["parent"] == {"type": "block_id", "block_id": table["id"]}


def test_appended_blocks_are_listed_in_order_a_page_at_a_time(notion, page):
    made = notion.blocks.children.append(block_id=page["id"], children=[
        {"bulleted_list_item": {"rich_text": [{"text": {"content": f"item {i}"}, "annotations": {"bold": i == 0}}]}}
        for i in range(100)])
    assert len(made["results"]) == 100 and made["has_more"] is False
    assert made["results"][0]["bulleted_list_item"]["rich_text"][0]["annotations"]["bold"] is True
    seen, cursor = [], None
    while True:
        got = notion.blocks.children.list(block_id=page["id"], page_size=40, **({"start_cursor": cursor} if cursor else {}))
        seen += got["results"]
        if not got["has_more"]:
            assert got["next_cursor"] is None
            break
        cursor = got["next_cursor"]
    assert len(seen) == 103
    assert [_plain(b["bulleted_list_item"]["rich_text"]) for b in seen[3:]] == [f"item {i}" for i in range(100)]


@pytest.mark.parametrize("children, message", [
    ([{"paragraph": {"rich_text": text("x")}}] * 101, "body.children.length should be ≤ `100`, instead was `101`"),
    ([{"paragraph": {"rich_text": text("x" * 2001)}}],
     "body.children[0].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`"),
    ([{"bulleted_list_item": {"rich_text": text("a"), "children": [{"bulleted_list_item": {
        "rich_text": text("b"), "children": [{"paragraph": {"rich_text": text("c")}}]}}]}}],
     "body.children[0].bulleted_list_item.children[0].bulleted_list_item.children should be not present"),
    ([{"table": {"table_width": 2, "children": [{"table_row": {"cells": [text("only one")]}}]}}],
     "Number of cells in table row must match the table width"),
    ([{"table_row": {"cells": []}}], "a table_row can only be a child of a table"),
])
def test_breaking_notions_limits_is_a_validation_error_and_adds_nothing(notion, page, children, message):
    with pytest.raises(APIResponseError) as e:
        notion.blocks.children.append(block_id=page["id"], children=children)
    assert e.value.status == 400 and e.value.code == "validation_error" and message in str(e.value)
    assert len(notion.blocks.children.list(block_id=page["id"])["results"]) == 3


def test_a_page_created_with_broken_children_is_not_created(notion, sandbox):
    before = len(notion.blocks.children.list(block_id=sandbox.root_page_id)["results"])
    with pytest.raises(APIResponseError):
        notion.pages.create(parent={"page_id": sandbox.root_page_id}, properties={"title": text("x")},
                            children=[{"paragraph": {"rich_text": text("x" * 2001)}}])
    assert len(notion.blocks.children.list(block_id=sandbox.root_page_id)["results"]) == before


def test_a_block_is_updated_trashed_and_restored(notion, page):
    heading = notion.blocks.children.list(block_id=page["id"])["results"][0]
    updated = notion.blocks.update(block_id=heading["id"], heading_1={"rich_text": text("Biweekly")})
    assert _plain(updated["heading_1"]["rich_text"]) == "Biweekly"
    assert notion.blocks.delete(block_id=heading["id"])["in_trash"] is True
    assert notion.blocks.retrieve(block_id=heading["id"])["archived"] is True
    with pytest.raises(APIResponseError) as e:
        notion.blocks.update(block_id=heading["id"], heading_1={"rich_text": text("again")})
    assert e.value.code == "validation_error" and "archived" in str(e.value)
    assert [k["type"] for k in notion.blocks.children.list(block_id=page["id"])["results"]] == ["divider", "table"]
    assert notion.blocks.update(block_id=heading["id"], archived=False)["in_trash"] is False


def test_a_database_under_a_page_is_a_child_database_block(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id, "Program reviews")
    database = notion.data_sources.retrieve(data_source_id=ds)["parent"]["database_id"]
    kids = notion.blocks.children.list(block_id=sandbox.root_page_id)["results"]
    block = next(k for k in kids if k["id"] == database)
    assert block["type"] == "child_database" and block["child_database"] == {"title": "Program reviews"}


def test_a_persons_row_is_created_by_them(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id, "Program reviews")
    person = sandbox.add_user("Mia Manager", "mia@example.com")
    row = sandbox.add_page_as(ds, person["id"], {"Name": {"title": text("Mine")}})
    got = notion.pages.retrieve(row["id"])
    assert got["created_by"]["id"] == person["id"] and got["parent"]["data_source_id"] == ds
