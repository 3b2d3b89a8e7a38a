"""Pages through the real notion-client: create, read, update, trash, values of every type."""

import pytest
from notion_client import APIResponseError

from sandbox_builders import add_page, make_data_source, text, title_of


@pytest.fixture
def ds(notion, sandbox):
    return make_data_source(notion, sandbox.root_page_id)


def test_a_scratch_page_under_the_root_page_reads_back_like_the_recordings(notion, sandbox):
    page = notion.pages.create(parent={"page_id": sandbox.root_page_id.replace("-", "")},
                               properties={"title": [{"text": {"content": "Test Page"}}]}, children=[])
    assert page["object"] == "page"
    assert page["parent"] == {"type": "page_id", "page_id": sandbox.root_page_id}
    assert page["properties"]["title"]["title"][0]["plain_text"] == "Test Page"
    assert page["created_time"].endswith(":00.000Z")
    assert page["request_id"]
    again = notion.pages.retrieve(page["id"])
    assert again["properties"] == page["properties"]
    assert again["request_id"] != page["request_id"]


def test_every_writable_value_type_round_trips(notion, ds, sandbox):
    person = sandbox.add_user("Mia Manager", "mia@example.com")
    page = add_page(notion, ds, "Ada",
                    Hours={"number": 7.5}, Notes={"rich_text": text("steady")}, Certified={"checkbox": True},
                    Status={"select": {"name": "On track"}}, Flags={"multi_select": [{"name": "no-hours"}]},
                    Stage={"status": {"name": "In progress"}},
                    **{"Exam date": {"date": {"start": "2026-03-02"}}},
                    Engineer={"people": [{"id": person["id"]}]}, Link={"url": "https://example.com"},
                    Email={"email": "ada@example.com"}, Phone={"phone_number": "+44 1"})
    p = notion.pages.retrieve(page["id"])["properties"]
    assert p["Hours"]["number"] == 7.5
    assert p["Notes"]["rich_text"][0]["plain_text"] == "steady"
    assert p["Certified"]["checkbox"] is True
    assert p["Status"]["select"]["name"] == "On track" and p["Status"]["select"]["color"] == "green"
    assert [o["name"] for o in p["Flags"]["multi_select"]] == ["no-hours"]
    assert p["Stage"]["status"]["name"] == "In progress"
    assert p["Exam date"]["date"] == {"start": "2026-03-02", "end": None, "time_zone": None}
    assert p["Engineer"]["people"][0]["person"]["email"] == "mia@example.com"
    assert p["Link"]["url"] == "https://example.com"
    assert p["Email"]["email"] == "ada@example.com"
    assert p["Phone"]["phone_number"] == "+44 1"
    assert page["parent"]["data_source_id"] == ds


def test_unwritten_properties_read_as_notion_empties(notion, ds):
    p = add_page(notion, ds, "Empty")["properties"]
    assert p["Hours"]["number"] is None
    assert p["Notes"]["rich_text"] == []
    assert p["Certified"]["checkbox"] is False
    assert p["Status"]["select"] is None
    assert p["Flags"]["multi_select"] == []
    assert p["Exam date"]["date"] is None
    assert p["Engineer"]["people"] == []
    assert p["Link"]["url"] is None


def test_update_changes_only_the_given_properties(notion, ds):
    page = add_page(notion, ds, "Ada", Hours={"number": 3})
    out = notion.pages.update(page["id"], properties={"Notes": {"rich_text": text("late")}})
    assert out["properties"]["Hours"]["number"] == 3
    assert out["properties"]["Notes"]["rich_text"][0]["plain_text"] == "late"
    out = notion.pages.update(page["id"], properties={"Hours": {"number": None}})
    assert out["properties"]["Hours"]["number"] is None


def test_a_datetime_with_a_time_zone_is_stored_with_its_offset_to_the_minute(notion, ds):
    page = add_page(notion, ds, "Ada", **{"Exam date": {"date": {"start": "2026-06-27T18:01:15.377824",
                                                                  "time_zone": "Europe/London"}}})
    assert page["properties"]["Exam date"]["date"] == {
        "start": "2026-06-27T18:01:00.000+01:00", "end": None, "time_zone": None}


def test_an_unknown_select_option_is_created_by_the_page_write(notion, ds):
    add_page(notion, ds, "Ada", Status={"select": {"name": "Slightly behind"}},
             Flags={"multi_select": [{"name": "score-drop"}, {"name": "no-hours"}]})
    schema = notion.data_sources.retrieve(ds)["properties"]
    assert [o["name"] for o in schema["Status"]["select"]["options"]] == ["On track", "At risk", "Slightly behind"]
    assert "score-drop" in [o["name"] for o in schema["Flags"]["multi_select"]["options"]]


def test_an_unknown_status_option_is_a_validation_error(notion, ds):
    with pytest.raises(APIResponseError) as e:
        add_page(notion, ds, "Ada", Stage={"status": {"name": "Nope"}})
    assert e.value.code == "validation_error" and "Nope" in str(e.value)


def test_a_value_of_the_wrong_type_names_the_property(notion, ds):
    with pytest.raises(APIResponseError) as e:
        add_page(notion, ds, "Ada", Hours={"rich_text": text("three")})
    assert e.value.status == 400 and e.value.code == "validation_error"
    assert "Hours is expected to be number" in str(e.value)


def test_an_unknown_property_names_it(notion, ds):
    with pytest.raises(APIResponseError) as e:
        add_page(notion, ds, "Ada", Colour={"rich_text": text("x")})
    assert "Colour is not a property that exists" in str(e.value)


def test_text_over_2000_characters_is_refused(notion, ds):
    with pytest.raises(APIResponseError) as e:
        add_page(notion, ds, "Ada", Notes={"rich_text": text("x" * 2001)})
    assert e.value.code == "validation_error"
    assert "Notes" in str(e.value) and "2000" in str(e.value) and "2001" in str(e.value)
    add_page(notion, ds, "Ada", Notes={"rich_text": text("x" * 2000)})


def test_arrays_over_100_items_are_refused(notion, ds):
    many = [{"type": "text", "text": {"content": "a"}}] * 101
    with pytest.raises(APIResponseError) as e:
        add_page(notion, ds, "Ada", Notes={"rich_text": many})
    assert "should be ≤ `100`, instead was `101`" in str(e.value)


def test_ids_are_accepted_with_or_without_dashes(notion, ds):
    page = add_page(notion, ds, "Ada")
    bare = page["id"].replace("-", "")
    assert notion.pages.retrieve(bare)["id"] == page["id"]
    assert notion.pages.update(bare.upper(), properties={"Hours": {"number": 1}})["id"] == page["id"]


def test_a_malformed_id_is_a_path_validation_error(notion):
    with pytest.raises(APIResponseError) as e:
        notion.pages.retrieve("12345678-1234-1234-1234-123456789abc")
    assert e.value.code == "validation_error"
    assert "path.page_id should be a valid uuid" in str(e.value)


def test_a_missing_page_is_404_object_not_found(notion):
    with pytest.raises(APIResponseError) as e:
        notion.pages.retrieve("00000000-0000-0000-0000-000000000000")
    assert e.value.status == 404 and e.value.code == "object_not_found"
    assert e.value.additional_data == {"integration_id": notion.users.me()["id"]}


def test_trash_and_restore_with_in_trash_and_archived(notion, ds):
    page = add_page(notion, ds, "Ada")
    assert notion.pages.update(page["id"], in_trash=True)["in_trash"] is True
    with pytest.raises(APIResponseError) as e:
        notion.pages.update(page["id"], properties={"Hours": {"number": 1}})
    assert "archived" in str(e.value)
    restored = notion.pages.update(page["id"], archived=False)
    assert restored["in_trash"] is False and restored["archived"] is False


def test_delete_block_trashes_a_page_and_refuses_twice(notion, sandbox):
    page = notion.pages.create(parent={"page_id": sandbox.root_page_id}, properties={"title": text("Scratch")})
    block = notion.blocks.delete(page["id"])
    assert block["object"] == "block" and block["type"] == "child_page"
    assert block["in_trash"] is True and block["child_page"] == {"title": "Scratch"}
    assert notion.pages.retrieve(page["id"])["in_trash"] is True
    with pytest.raises(APIResponseError):
        notion.blocks.delete(page["id"])


def test_created_and_edited_times_are_truncated_to_the_minute(notion, ds):
    page = add_page(notion, ds, "Ada")
    for key in ("created_time", "last_edited_time"):
        assert page[key][17:] == "00.000Z"


def test_property_item_endpoint_pages_through_long_relations(notion, ds, sandbox):
    target = make_data_source(notion, sandbox.root_page_id, "Targets", {"Name": {"title": {}}})
    notion.data_sources.update(ds, properties={"Related": {"relation": {"data_source_id": target,
                                                                        "single_property": {}}}})
    ids = [add_page(notion, target, f"t{i}")["id"] for i in range(30)]
    page = add_page(notion, ds, "Ada", Related={"relation": [{"id": i} for i in ids]})
    rel = page["properties"]["Related"]
    assert len(rel["relation"]) == 25 and rel["has_more"] is True
    first = notion.pages.properties.retrieve(page["id"], rel["id"], page_size=20)
    assert len(first["results"]) == 20 and first["has_more"] is True
    rest = notion.pages.properties.retrieve(page["id"], rel["id"], start_cursor=first["next_cursor"])
    got = [r["relation"]["id"] for r in first["results"] + rest["results"]]
    assert got == ids


def test_filter_properties_on_retrieve_keeps_only_those(notion, ds):
    page = add_page(notion, ds, "Ada", Hours={"number": 2})
    hours_id = page["properties"]["Hours"]["id"]
    out = notion.pages.retrieve(page["id"], filter_properties=[hours_id])
    assert list(out["properties"]) == ["Hours"]


def test_version_2026_03_11_is_accepted_without_the_legacy_archived_field(sandbox, sb_token, ds, notion):
    import notion_client

    new = notion_client.Client(auth=sb_token, base_url=sandbox.notion_url, notion_version="2026-03-11")
    page = add_page(new, ds, "Ada")
    assert "archived" not in page and page["in_trash"] is False
    assert "archived" in notion.pages.retrieve(page["id"])
    new.close()


def test_title_reads_back(notion, ds):
    assert title_of(add_page(notion, ds, "Grace")) == "Grace"
