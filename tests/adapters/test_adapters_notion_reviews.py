"""The Program reviews database on the sandbox program: made by `provision` beside Enrollments or
under `[reviews] notion_parent`, found again without config, not a problem for `check` when
missing; a review posted whole and once even when Notion fails on the way."""

from __future__ import annotations

import pytest

from certsync.adapters import markers
from certsync.adapters.document import Bullets, Document, Heading, Strong
from certsync.adapters.notion.reviews import DATABASE
from certsync.adapters.registry import open_tracker
from certsync.adapters.tracker import ReviewPost, TrackerError
from certsync.config import load_config

from notion_builders import notion_tracker

MARKER = markers.line("review", ["0a1b2c3d4e5f"])


def review(bullets: int = 3) -> ReviewPost:
    doc = Document("Weekly review (2026-W49)", (
        Heading(1, ("Weekly review (2026-W49)",)), Heading(2, ("Turned red this week",)),
        Bullets(tuple((Strong(f"Sofia Alvarez {n}"), ": No hours logged.") for n in range(bullets)))))
    return ReviewPost(kind="weekly", period="2026-W49", title=doc.title, document=doc, marker=MARKER,
                      counts={"On track": 3, "Slightly behind": 1, "At risk": 2, "Completed": 1, "Not in yet": 1})


def _reviews_databases(api, page_id: str) -> list[dict]:
    return [b for b in api.blocks.children.list(block_id=page_id)["results"]
            if b["type"] == "child_database" and b["child_database"]["title"] == DATABASE]


@pytest.fixture
def no_reviews(tracker):
    """The sample program with its Program reviews database moved to the trash."""
    for block in _reviews_databases(tracker.api, tracker.sandbox.root_page_id):
        tracker.api.blocks.delete(block_id=block["id"])
    return tracker


def test_provision_made_the_database_beside_enrollments_and_a_new_tracker_finds_it(tracker):
    [block] = _reviews_databases(tracker.api, tracker.sandbox.root_page_id)
    source = tracker.api.databases.retrieve(database_id=block["id"])["data_sources"][0]["id"]
    props = tracker.api.data_sources.retrieve(data_source_id=source)["properties"]
    assert {name: p["type"] for name, p in props.items()} == {
        "Name": "title", "Kind": "select", "Period": "rich_text", "On track": "number", "Slightly behind": "number",
        "At risk": "number", "Completed": "number", "Not in yet": "number", "Ref": "rich_text"}
    assert [o["name"] for o in props["Kind"]["select"]["options"]] == ["Weekly", "Biweekly", "Monthly", "Quarterly"]
    fresh = notion_tracker(tracker)
    assert fresh.provision().changes == []
    assert fresh.remember()["reviews"]["source"] == source
    again = notion_tracker(tracker)
    again.restore(fresh.remember())
    tracker.sandbox.reset_stats()
    assert again.posted_reviews() == []
    assert "GET /v1/blocks/{block_id}/children" not in tracker.writes()  # remembered: not looked for again


def test_a_missing_database_is_no_problem_for_check_and_dry_run_says_it_would_be_made(no_reviews):
    adapter = notion_tracker(no_reviews)
    assert not [line for line in adapter.check() if DATABASE in line]
    [change] = adapter.provision(dry_run=True).changes
    assert change.startswith(f"create the '{DATABASE}' database under page {no_reviews.sandbox.root_page_id}")
    assert _reviews_databases(no_reviews.api, no_reviews.sandbox.root_page_id) == []
    assert adapter.posted_reviews() == []
    with pytest.raises(TrackerError, match="run `certsync provision`"):
        adapter.post_review(review())


def test_reviews_notion_parent_holds_the_database(no_reviews, tmp_path):
    managers = no_reviews.sandbox.add_root_page("Managers only")
    path = tmp_path / "managers.toml"
    path.write_text(no_reviews.config_path.read_text() + f'\n[reviews]\nnotion_parent = "{managers["id"].replace("-", "")}"\n')
    adapter = open_tracker(load_config(path), "notion")
    assert adapter.provision().changes[-1].startswith(f"create the '{DATABASE}' database under page {managers['id']}")
    assert len(_reviews_databases(no_reviews.api, managers["id"])) == 1
    assert _reviews_databases(no_reviews.api, no_reviews.sandbox.root_page_id) == []
    posted = adapter.post_review(review())
    assert no_reviews.api.pages.retrieve(page_id=posted)["properties"]["At risk"]["number"] == 2


def test_a_review_is_posted_whole_and_once_when_notion_fails_on_the_way(tracker):
    adapter = notion_tracker(tracker)
    tracker.sandbox.set_faults("500=0.15,drop=0.1,503=0.1", seed=7)
    posted = adapter.post_review(review(bullets=260))
    tracker.sandbox.set_faults("")
    assert any(row["status"] >= 500 for row in tracker.sandbox.stats()["requests"])  # it did fail on the way
    assert [(c.id, c.marker) for c in adapter.posted_reviews()] == [(posted, MARKER)]
    source = adapter.reviews.required()
    pages = tracker.api.data_sources.query(data_source_id=source)["results"]
    assert [p["id"] for p in pages if not p["in_trash"]] == [posted]
    lines = []
    cursor = None
    while True:
        got = tracker.api.blocks.children.list(block_id=posted, page_size=100, **({"start_cursor": cursor} if cursor else {}))
        lines += [b for b in got["results"] if b["type"] == "bulleted_list_item"]
        if not got["has_more"]:
            break
        cursor = got["next_cursor"]
    assert len(lines) == 260


def test_a_remembered_database_a_manager_deleted_is_not_posted_into(tracker):
    first = notion_tracker(tracker)
    first.post_review(review())
    remembered = first.remember()
    for block in _reviews_databases(tracker.api, tracker.sandbox.root_page_id):
        tracker.api.blocks.delete(block_id=block["id"])
    later = notion_tracker(tracker)
    later.restore(remembered)  # the state still names the deleted database
    assert later.posted_reviews() == []
    with pytest.raises(TrackerError, match="run `certsync provision`"):
        later.post_review(review())
    remade = notion_tracker(tracker)
    remade.restore(remembered)
    assert any(DATABASE in change for change in remade.provision().changes)  # made anew, not taken as there
    posted = remade.post_review(review())
    assert [c.id for c in remade.posted_reviews()] == [posted]
