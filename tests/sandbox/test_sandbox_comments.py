"""Comments: create with mentions, list with pagination, retrieve, update, delete, ownership."""

import pytest
from notion_client import APIResponseError
from notion_client.helpers import collect_paginated_api

from sandbox_builders import text


@pytest.fixture
def page(notion, sandbox):
    return notion.pages.create(parent={"page_id": sandbox.root_page_id}, properties={"title": text("Ada")})


def test_a_comment_with_a_user_mention_renders_like_notion(notion, sandbox, page):
    manager = sandbox.add_user("Mia Manager", "mia@example.com")
    c = notion.comments.create(parent={"page_id": page["id"]}, rich_text=[
        {"type": "mention", "mention": {"type": "user", "user": {"id": manager["id"]}}},
        {"type": "text", "text": {"content": " Ada logged 0 h last week."}}])
    assert c["object"] == "comment" and c["parent"] == {"type": "page_id", "page_id": page["id"]}
    mention = c["rich_text"][0]
    assert mention["mention"]["user"]["person"]["email"] == "mia@example.com"
    assert mention["plain_text"] == "@Mia Manager"
    assert c["display_name"] == {"type": "integration", "resolved_name": "certsync sandbox"}
    assert c["created_by"] == {"object": "user", "id": notion.users.me()["id"]}
    assert c["discussion_id"]


def test_list_by_block_id_pages_through_in_order(notion, page):
    for i in range(23):
        notion.comments.create(parent={"page_id": page["id"]}, rich_text=text(f"comment {i}"))
    first = notion.comments.list(block_id=page["id"], page_size=10)
    assert len(first["results"]) == 10 and first["has_more"] is True
    every = collect_paginated_api(notion.comments.list, block_id=page["id"], page_size=10)
    assert [c["rich_text"][0]["plain_text"] for c in every] == [f"comment {i}" for i in range(23)]


def test_list_without_block_id_is_a_validation_error(notion):
    with pytest.raises(APIResponseError) as e:
        notion.comments.list()
    assert e.value.code == "validation_error" and "block_id" in str(e.value)


def test_retrieve_update_delete_own_comment(notion, page):
    c = notion.comments.create(parent={"page_id": page["id"]}, rich_text=text("first"))
    assert notion.comments.retrieve(c["id"])["rich_text"][0]["plain_text"] == "first"
    out = notion.comments.update(c["id"], rich_text=text("Updated comment."))
    assert out["rich_text"][0]["plain_text"] == "Updated comment."
    gone = notion.comments.delete(c["id"])
    assert gone["id"] == c["id"]
    with pytest.raises(APIResponseError) as e:
        notion.comments.retrieve(c["id"])
    assert e.value.status == 404
    assert notion.comments.list(block_id=page["id"])["results"] == []


def test_someone_elses_comment_cannot_be_updated_or_deleted(notion, sandbox, page):
    person = sandbox.add_user("Eve", "eve@example.com")
    theirs = sandbox.add_comment_as(page["id"], person["id"], "mine")
    assert theirs["display_name"]["type"] == "user"
    for call in (lambda: notion.comments.update(theirs["id"], rich_text=text("x")),
                 lambda: notion.comments.delete(theirs["id"])):
        with pytest.raises(APIResponseError) as e:
            call()
        assert e.value.status == 403 and e.value.code == "restricted_resource"


def test_reply_in_a_discussion(notion, page):
    c = notion.comments.create(parent={"page_id": page["id"]}, rich_text=text("first"))
    reply = notion.comments.create(discussion_id=c["discussion_id"], rich_text=text("reply"))
    assert reply["discussion_id"] == c["discussion_id"] and reply["parent"] == c["parent"]


def test_comment_on_a_missing_page_is_404(notion):
    with pytest.raises(APIResponseError) as e:
        notion.comments.create(parent={"page_id": "5ca1ab1e-0000-4000-8000-00000000dead"}, rich_text=text("x"))
    assert e.value.status == 404


def test_comment_text_over_2000_characters_is_refused(notion, page):
    with pytest.raises(APIResponseError) as e:
        notion.comments.create(parent={"page_id": page["id"]}, rich_text=text("x" * 2001))
    assert e.value.code == "validation_error"


@pytest.mark.parametrize("cap, call", [
    ("insert_comments", lambda n, p: n.comments.create(parent={"page_id": p}, rich_text=text("x"))),
    ("read_comments", lambda n, p: n.comments.list(block_id=p)),
])
def test_a_switched_off_comment_capability_gives_403(notion, sandbox, page, cap, call):
    sandbox.set_capabilities(**{cap: False})
    with pytest.raises(APIResponseError) as e:
        call(notion, page["id"])
    assert e.value.status == 403 and e.value.code == "restricted_resource"
    sandbox.set_capabilities(**{cap: True})
    call(notion, page["id"])
