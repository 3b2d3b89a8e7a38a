"""Databases and data sources: create, retrieve, schema updates as Notion applies them."""

import pytest
from notion_client import APIResponseError

from sandbox_builders import add_page, make_data_source, text


def test_database_create_with_initial_data_source_lists_it(notion, sandbox):
    db = notion.databases.create(parent={"type": "page_id", "page_id": sandbox.root_page_id},
                                 title=text("Enrollments"),
                                 initial_data_source={"properties": {"Name": {"title": {}}}})
    assert db["object"] == "database" and db["parent"]["page_id"] == sandbox.root_page_id
    assert db["data_sources"][0]["name"] == "Enrollments"
    again = notion.databases.retrieve(db["id"])
    assert again["data_sources"] == db["data_sources"]
    ds = notion.data_sources.retrieve(db["data_sources"][0]["id"])
    assert ds["properties"]["Name"] == {"id": "title", "name": "Name", "description": None, "type": "title",
                                        "title": {}}
    assert ds["parent"] == {"type": "database_id", "database_id": db["id"]}
    assert ds["database_parent"] == {"type": "page_id", "page_id": sandbox.root_page_id}


def test_database_without_initial_data_source_gets_a_name_title(notion, sandbox):
    db = notion.databases.create(parent={"type": "page_id", "page_id": sandbox.root_page_id}, title=text("X"))
    ds = notion.data_sources.retrieve(db["data_sources"][0]["id"])
    assert [p["type"] for p in ds["properties"].values()] == ["title"]


def test_data_source_create_under_an_existing_database(notion, sandbox):
    db = notion.databases.create(parent={"type": "page_id", "page_id": sandbox.root_page_id}, title=text("X"))
    ds = notion.data_sources.create(parent={"type": "database_id", "database_id": db["id"]},
                                    properties={"Name": {"title": {}}}, title=text("Second"))
    assert ds["object"] == "data_source" and ds["title"][0]["plain_text"] == "Second"
    assert len(notion.databases.retrieve(db["id"])["data_sources"]) == 2


def test_add_rename_and_remove_properties(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    page = add_page(notion, ds, "Ada", Hours={"number": 4})
    hours_id = page["properties"]["Hours"]["id"]
    out = notion.data_sources.update(ds, properties={
        "Confidence": {"number": {"format": "number"}},
        "Hours": {"name": "Hours logged"},
        "Notes": None,
    })
    props = out["properties"]
    assert "Confidence" in props and "Notes" not in props
    assert props["Hours logged"]["id"] == hours_id
    got = notion.pages.retrieve(page["id"])["properties"]
    assert got["Hours logged"]["number"] == 4 and "Hours" not in got and "Notes" not in got
    assert got["Confidence"]["number"] is None


def test_properties_can_be_addressed_by_id_for_rename(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    hours_id = notion.data_sources.retrieve(ds)["properties"]["Hours"]["id"]
    out = notion.data_sources.update(ds, properties={hours_id: {"name": "Time"}})
    assert out["properties"]["Time"]["id"] == hours_id


def test_select_options_replace_the_list_and_keep_ids_by_name(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    before = notion.data_sources.retrieve(ds)["properties"]["Status"]["select"]["options"]
    risk_id = next(o["id"] for o in before if o["name"] == "At risk")
    page = add_page(notion, ds, "Ada", Status={"select": {"name": "On track"}})
    out = notion.data_sources.update(ds, properties={"Status": {"select": {"options": [
        {"name": "At risk", "color": "red"}, {"name": "Completed", "color": "blue"}]}}})
    opts = out["properties"]["Status"]["select"]["options"]
    assert [o["name"] for o in opts] == ["At risk", "Completed"]
    assert opts[0]["id"] == risk_id
    assert notion.pages.retrieve(page["id"])["properties"]["Status"]["select"] is None


def test_multi_select_options_replace_the_list(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    out = notion.data_sources.update(ds, properties={"Flags": {"multi_select": {"options": [{"name": "x"}]}}})
    assert [o["name"] for o in out["properties"]["Flags"]["multi_select"]["options"]] == ["x"]


def test_changing_a_type_clears_values(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    page = add_page(notion, ds, "Ada", Notes={"rich_text": text("x")})
    notion.data_sources.update(ds, properties={"Notes": {"number": {}}})
    assert notion.pages.retrieve(page["id"])["properties"]["Notes"] == {
        "id": page["properties"]["Notes"]["id"], "type": "number", "number": None}


def test_removing_an_unknown_property_names_it(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.update(ds, properties={"Ghost": None})
    assert e.value.code == "validation_error" and "Ghost" in str(e.value)


def test_a_failed_schema_update_changes_nothing(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id)
    before = notion.data_sources.retrieve(ds)["properties"]
    with pytest.raises(APIResponseError):
        notion.data_sources.update(ds, properties={"Extra": {"number": {}}, "Ghost": None})
    assert notion.data_sources.retrieve(ds)["properties"] == before


def test_two_way_relation_creates_and_syncs_the_other_side(notion, sandbox):
    a = make_data_source(notion, sandbox.root_page_id, "Enrollments", {"Name": {"title": {}}})
    b = make_data_source(notion, sandbox.root_page_id, "Check-ins", {
        "Name": {"title": {}},
        "Enrollment": {"relation": {"data_source_id": a, "type": "dual_property", "dual_property": {}}}})
    other = notion.data_sources.retrieve(a)["properties"]
    synced = [n for n, p in other.items() if p["type"] == "relation"]
    assert synced == ["Related to Check-ins (Enrollment)"]
    enrollment = add_page(notion, a, "Ada")
    add_page(notion, b, "week 1", Enrollment={"relation": [{"id": enrollment["id"]}]})
    back = notion.pages.retrieve(enrollment["id"])["properties"][synced[0]]["relation"]
    assert len(back) == 1


def test_database_not_found_is_404(notion):
    with pytest.raises(APIResponseError) as e:
        notion.databases.retrieve("5ca1ab1e-0000-4000-8000-00000000dead")
    assert e.value.status == 404 and "database" in str(e.value)


def test_database_update_title_and_trash(notion, sandbox):
    db = notion.databases.create(parent={"type": "page_id", "page_id": sandbox.root_page_id}, title=text("X"))
    out = notion.databases.update(db["id"], title=text("Y"), description=text("about"))
    assert out["title"][0]["plain_text"] == "Y" and out["description"][0]["plain_text"] == "about"
    block = notion.blocks.delete(db["id"])
    assert block["type"] == "child_database" and block["in_trash"] is True


def test_a_formula_reads_back_as_notion_keeps_it_and_survives_a_rename(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id, "Formulas", {
        "Name": {"title": {}}, "Hours": {"number": {}},
        "Double": {"formula": {"expression": '(if((prop("Hours")>2),prop("Hours")*2,(0)))'}}})
    schema = notion.data_sources.retrieve(ds)["properties"]
    ws = notion.users.me()["bot"]["workspace_id"]
    ref = f'{{{{notion:block_property:{schema["Hours"]["id"]}:{ds}:{ws}}}}}'
    assert schema["Double"]["formula"]["expression"] == f"if({ref} > 2, {ref} * 2, 0)"
    notion.data_sources.update(ds, properties={"Hours": {"name": "Time"}})
    page = add_page(notion, ds, "a", Time={"number": 3})
    assert page["properties"]["Double"]["formula"] == {"type": "number", "number": 6}
