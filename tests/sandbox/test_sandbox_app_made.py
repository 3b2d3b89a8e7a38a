"""What only the Notion app makes, put in the sandbox through the control API: properties the API
cannot create (a button, a place), text blocks on a page, and discussions on those blocks. The API
then shows them, and treats them, as Notion does."""

import httpx
import pytest
from notion_client import APIResponseError

from sandbox_builders import add_page, make_data_source, text


def control(sandbox, what, body):
    r = httpx.post(f"{sandbox.url}/_sandbox/{what}", json=body)
    return r.status_code, r.json()


@pytest.fixture
def page(notion, sandbox):
    return notion.pages.create(parent={"page_id": sandbox.root_page_id}, properties={"title": text("Ada's plan")})


def test_a_button_and_a_place_made_in_the_app_show_on_the_data_source_and_its_pages(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    row = add_page(notion, ds, "Ada")
    for name, kind in (("Nudge", "button"), ("Office", "place")):
        status, prop = control(sandbox, "properties", {"data_source_id": ds, "name": name, "type": kind})
        assert status == 200 and prop["type"] == kind
    schema = notion.data_sources.retrieve(data_source_id=ds)["properties"]
    assert schema["Nudge"]["button"] == {} and schema["Office"]["place"] == {}
    values = notion.pages.retrieve(page_id=row["id"])["properties"]
    assert values["Nudge"] == {"id": schema["Nudge"]["id"], "type": "button", "button": {}}
    assert values["Office"]["place"] is None
    assert "Nudge" in notion.data_sources.query(data_source_id=ds)["results"][0]["properties"]


def test_the_api_cannot_create_or_write_a_button(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.update(data_source_id=ds, properties={"Nudge": {"button": {}}})
    assert e.value.status == 400 and e.value.code == "validation_error" and "button" in str(e.value)
    control(sandbox, "properties", {"data_source_id": ds, "name": "Nudge", "type": "button"})
    with pytest.raises(APIResponseError) as e:
        add_page(notion, ds, "Ada", Nudge={"button": {}})
    assert e.value.status == 400 and "Nudge" in str(e.value)


def test_only_app_only_types_can_be_added_through_the_control_api(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    status, answer = control(sandbox, "properties", {"data_source_id": ds, "name": "Hours 2", "type": "number"})
    assert status == 400 and "button" in answer["error"]
    status, answer = control(sandbox, "properties", {"data_source_id": ds, "name": "Hours", "type": "button"})
    assert status == 400 and "already has a property named Hours" in answer["error"]


def test_text_blocks_are_children_of_their_page_and_can_be_retrieved(notion, sandbox, page):
    status, heading = control(sandbox, "blocks", {"page_id": page["id"], "type": "heading_1", "text": "Plan"})
    assert status == 200
    _, para = control(sandbox, "blocks", {"page_id": page["id"], "type": "paragraph", "text": "Study AWS."})
    kids = notion.blocks.children.list(block_id=page["id"])["results"]
    assert [(b["type"], b["id"]) for b in kids] == [("heading_1", heading["id"]), ("paragraph", para["id"])]
    got = notion.blocks.retrieve(block_id=para["id"])
    assert got["paragraph"]["rich_text"][0]["plain_text"] == "Study AWS."
    assert got["parent"] == {"type": "page_id", "page_id": page["id"]}
    assert notion.blocks.retrieve(block_id=page["id"])["has_children"] is True


def test_a_discussion_on_a_block_is_listed_by_the_block_and_replies_stay_in_it(notion, sandbox, page):
    _, block = control(sandbox, "blocks", {"page_id": page["id"], "type": "paragraph", "text": "Exam on 3 Dec"})
    person = sandbox.add_user("Mia Manager", "mia@example.com")
    status, first = control(sandbox, "comments", {"block_id": block["id"], "user_id": person["id"], "text": "Sure?"})
    assert status == 200 and first["parent"] == {"type": "block_id", "block_id": block["id"]}
    reply = notion.comments.create(discussion_id=first["discussion_id"], rich_text=text("Yes, booked."))
    assert reply["parent"] == {"type": "block_id", "block_id": block["id"]}
    on_api = notion.comments.create(parent={"block_id": block["id"]}, rich_text=text("A new thread"))
    assert on_api["parent"] == {"type": "block_id", "block_id": block["id"]}
    notion.comments.create(parent={"page_id": page["id"]}, rich_text=text("On the page"))
    listed = notion.comments.list(block_id=block["id"])["results"]
    assert [c["rich_text"][0]["plain_text"] for c in listed] == ["Sure?", "Yes, booked.", "A new thread"]
    assert [c["rich_text"][0]["plain_text"] for c in notion.comments.list(block_id=page["id"])["results"]] == [
        "On the page"]


def test_a_trashed_block_takes_no_new_comment(notion, sandbox, page):
    _, block = control(sandbox, "blocks", {"page_id": page["id"], "type": "quote", "text": "old"})
    assert notion.blocks.delete(block_id=block["id"])["in_trash"] is True
    assert notion.blocks.children.list(block_id=page["id"])["results"] == []
    with pytest.raises(APIResponseError) as e:
        notion.comments.create(parent={"block_id": block["id"]}, rich_text=text("late"))
    assert e.value.status == 404
