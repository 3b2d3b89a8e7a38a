"""Formulas and rollups: numbers readable, filters work, writes refused."""

import pytest
from notion_client import APIResponseError

from sandbox_builders import add_page, make_data_source, names


@pytest.fixture
def tracker(notion, sandbox):
    enroll = make_data_source(notion, sandbox.root_page_id, "Enrollments", {
        "Name": {"title": {}},
        "Weekly target hours": {"number": {}},
        "Certified": {"checkbox": {}},
        "Exam date": {"date": {}},
    })
    checkins = make_data_source(notion, sandbox.root_page_id, "Check-ins", {
        "Name": {"title": {}},
        "Hours": {"number": {}},
        "Week of": {"date": {}},
        "Enrollment": {"relation": {"data_source_id": enroll, "type": "dual_property", "dual_property": {}}},
    })
    rel_name = next(n for n, p in notion.data_sources.retrieve(enroll)["properties"].items()
                    if p["type"] == "relation")
    notion.data_sources.update(enroll, properties={
        "Total hours": {"rollup": {"relation_property_name": rel_name, "rollup_property_name": "Hours",
                                   "function": "sum"}},
        "Check-in count": {"rollup": {"relation_property_name": rel_name, "rollup_property_name": "Name",
                                      "function": "count"}},
        "All hours": {"rollup": {"relation_property_name": rel_name, "rollup_property_name": "Hours",
                                 "function": "show_original"}},
        "Last week": {"rollup": {"relation_property_name": rel_name, "rollup_property_name": "Week of",
                                 "function": "latest_date"}},
        "Progress": {"formula": {"expression": 'prop("Total hours") / (prop("Weekly target hours") * 4)'}},
        "Label": {"formula": {"expression": 'if(prop("Certified"), "done", "studying " + prop("Name"))'}},
        "Behind": {"formula": {"expression": 'prop("Total hours") < prop("Weekly target hours") * 2'}},
    })
    return enroll, checkins


def test_rollups_and_formulas_compute_numbers(notion, tracker):
    enroll, checkins = tracker
    ada = add_page(notion, enroll, "Ada", **{"Weekly target hours": {"number": 5}})
    for i, h in enumerate((3, 4.5)):
        add_page(notion, checkins, f"w{i}", Hours={"number": h}, Enrollment={"relation": [{"id": ada["id"]}]},
                 **{"Week of": {"date": {"start": f"2026-01-0{5 + i}"}}})
    p = notion.pages.retrieve(ada["id"])["properties"]
    assert p["Total hours"]["rollup"] == {"type": "number", "number": 7.5, "function": "sum"}
    assert p["Check-in count"]["rollup"]["number"] == 2
    assert [x["number"] for x in p["All hours"]["rollup"]["array"]] == [3, 4.5]
    assert p["Last week"]["rollup"]["date"]["start"] == "2026-01-06"
    assert p["Progress"]["formula"] == {"type": "number", "number": 0.375}
    assert p["Label"]["formula"] == {"type": "string", "string": "studying Ada"}
    assert p["Behind"]["formula"] == {"type": "boolean", "boolean": True}


def test_rollup_follows_changes_to_related_pages(notion, tracker):
    enroll, checkins = tracker
    ada = add_page(notion, enroll, "Ada")
    c = add_page(notion, checkins, "w1", Hours={"number": 1}, Enrollment={"relation": [{"id": ada["id"]}]})
    assert notion.pages.retrieve(ada["id"])["properties"]["Total hours"]["rollup"]["number"] == 1
    notion.pages.update(c["id"], properties={"Hours": {"number": 6}})
    assert notion.pages.retrieve(ada["id"])["properties"]["Total hours"]["rollup"]["number"] == 6


def test_formula_and_rollup_filters(notion, tracker):
    enroll, checkins = tracker
    for name, target in (("Ada", 5), ("Bea", 1)):
        e = add_page(notion, enroll, name, **{"Weekly target hours": {"number": target}})
        add_page(notion, checkins, "w", Hours={"number": 4}, Enrollment={"relation": [{"id": e["id"]}]})
    assert names(notion.data_sources.query(enroll, filter={
        "property": "Progress", "formula": {"number": {"greater_than": 0.5}}})) == ["Bea"]
    assert names(notion.data_sources.query(enroll, filter={
        "property": "Total hours", "rollup": {"number": {"equals": 4}}})) == ["Bea", "Ada"]
    assert names(notion.data_sources.query(enroll, filter={
        "property": "All hours", "rollup": {"any": {"number": {"greater_than": 3}}}})) == ["Bea", "Ada"]
    assert names(notion.data_sources.query(enroll, filter={
        "property": "Label", "formula": {"string": {"contains": "bea"}}})) == ["Bea"]


@pytest.mark.parametrize("prop, value", [
    ("Progress", {"formula": {"number": 1}}),
    ("Total hours", {"rollup": {"number": 1}}),
])
def test_writing_a_formula_or_rollup_is_a_validation_error_naming_it(notion, tracker, prop, value):
    enroll, _ = tracker
    page = add_page(notion, enroll, "Ada")
    with pytest.raises(APIResponseError) as e:
        notion.pages.update(page["id"], properties={prop: value})
    assert e.value.code == "validation_error" and prop in str(e.value)


def test_an_unsupported_formula_is_refused_when_created(notion, tracker):
    enroll, _ = tracker
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.update(enroll, properties={"X": {"formula": {"expression": 'formatDate(now(), "YYYY")'}}})
    assert e.value.code == "validation_error"


def test_unique_id_numbers_pages_in_order(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id, "T", {"Name": {"title": {}},
                                                             "ID": {"unique_id": {"prefix": "ENR"}}})
    ids = [add_page(notion, ds, n)["properties"]["ID"]["unique_id"] for n in ("a", "b")]
    assert ids == [{"prefix": "ENR", "number": 1}, {"prefix": "ENR", "number": 2}]
    assert names(notion.data_sources.query(ds, filter={"property": "ID", "unique_id": {"greater_than": 1}})) == ["b"]
