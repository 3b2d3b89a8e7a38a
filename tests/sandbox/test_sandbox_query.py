"""Data source queries: every filter family, nesting, sorts, pagination, filter_properties."""

from datetime import date, timedelta

import pytest
from notion_client import APIResponseError
from notion_client.helpers import collect_paginated_api

from sandbox_builders import add_page, make_data_source, names, text


@pytest.fixture
def ds(notion, sandbox):
    return make_data_source(notion, sandbox.root_page_id)


@pytest.fixture
def people(sandbox):
    return sandbox.add_user("Eve", "eve@example.com")["id"], sandbox.add_user("Bob", "bob@example.com")["id"]


@pytest.fixture
def rows(notion, ds, people):
    eve, bob = people
    add_page(notion, ds, "Ada", Hours={"number": 8}, Notes={"rich_text": text("Steady progress")},
             Certified={"checkbox": True}, Status={"select": {"name": "On track"}},
             Flags={"multi_select": []}, Stage={"status": {"name": "Done"}},
             **{"Exam date": {"date": {"start": "2026-03-02"}}}, Engineer={"people": [{"id": eve}]})
    add_page(notion, ds, "Bea", Hours={"number": 2}, Notes={"rich_text": text("blocked by lab access")},
             Status={"select": {"name": "At risk"}}, Flags={"multi_select": [{"name": "low-hours"}]},
             Stage={"status": {"name": "In progress"}},
             **{"Exam date": {"date": {"start": "2026-04-10"}}}, Engineer={"people": [{"id": bob}]})
    add_page(notion, ds, "Cal", Hours={"number": 0}, Status={"select": {"name": "At risk"}},
             Flags={"multi_select": [{"name": "no-hours"}, {"name": "low-hours"}]},
             Engineer={"people": [{"id": eve}, {"id": bob}]})
    add_page(notion, ds, "Dee")
    return ds


def q(notion, ds, flt=None, **kw):
    if flt is not None:
        kw["filter"] = flt
    return names(notion.data_sources.query(ds, **kw))


def test_without_sorts_newest_pages_come_first(notion, rows):
    assert q(notion, rows) == ["Dee", "Cal", "Bea", "Ada"]


@pytest.mark.parametrize("cond, expected", [
    ({"equals": "Ada"}, ["Ada"]),
    ({"does_not_equal": "Ada"}, ["Dee", "Cal", "Bea"]),
    ({"contains": "e"}, ["Dee", "Bea"]),
    ({"starts_with": "c"}, ["Cal"]),
    ({"ends_with": "a"}, ["Bea", "Ada"]),
])
def test_title_filters(notion, rows, cond, expected):
    assert q(notion, rows, {"property": "Name", "title": cond}) == expected


@pytest.mark.parametrize("cond, expected", [
    ({"contains": "BLOCKED"}, ["Bea"]),
    ({"does_not_contain": "blocked"}, ["Dee", "Cal", "Ada"]),
    ({"is_empty": True}, ["Dee", "Cal"]),
    ({"is_not_empty": True}, ["Bea", "Ada"]),
])
def test_rich_text_filters(notion, rows, cond, expected):
    assert q(notion, rows, {"property": "Notes", "rich_text": cond}) == expected


@pytest.mark.parametrize("cond, expected", [
    ({"equals": 2}, ["Bea"]),
    ({"does_not_equal": 2}, ["Dee", "Cal", "Ada"]),
    ({"greater_than": 0}, ["Bea", "Ada"]),
    ({"less_than": 8}, ["Cal", "Bea"]),
    ({"greater_than_or_equal_to": 2}, ["Bea", "Ada"]),
    ({"less_than_or_equal_to": 2}, ["Cal", "Bea"]),
    ({"is_empty": True}, ["Dee"]),
    ({"is_not_empty": True}, ["Cal", "Bea", "Ada"]),
])
def test_number_filters(notion, rows, cond, expected):
    assert q(notion, rows, {"property": "Hours", "number": cond}) == expected


def test_checkbox_filters(notion, rows):
    assert q(notion, rows, {"property": "Certified", "checkbox": {"equals": True}}) == ["Ada"]
    assert q(notion, rows, {"property": "Certified", "checkbox": {"does_not_equal": True}}) == ["Dee", "Cal", "Bea"]


def test_select_and_status_filters(notion, rows):
    assert q(notion, rows, {"property": "Status", "select": {"equals": "At risk"}}) == ["Cal", "Bea"]
    assert q(notion, rows, {"property": "Status", "select": {"is_empty": True}}) == ["Dee"]
    assert q(notion, rows, {"property": "Stage", "status": {"equals": "Done"}}) == ["Ada"]
    assert q(notion, rows, {"property": "Stage", "status": {"does_not_equal": "Done"}}) == ["Dee", "Cal", "Bea"]


def test_multi_select_filters(notion, rows):
    assert q(notion, rows, {"property": "Flags", "multi_select": {"contains": "low-hours"}}) == ["Cal", "Bea"]
    assert q(notion, rows, {"property": "Flags", "multi_select": {"does_not_contain": "no-hours"}}) == [
        "Dee", "Bea", "Ada"]
    assert q(notion, rows, {"property": "Flags", "multi_select": {"is_empty": True}}) == ["Dee", "Ada"]


def test_date_filters(notion, rows):
    assert q(notion, rows, {"property": "Exam date", "date": {"before": "2026-04-10"}}) == ["Ada"]
    assert q(notion, rows, {"property": "Exam date", "date": {"on_or_before": "2026-04-10"}}) == ["Bea", "Ada"]
    assert q(notion, rows, {"property": "Exam date", "date": {"after": "2026-03-02"}}) == ["Bea"]
    assert q(notion, rows, {"property": "Exam date", "date": {"on_or_after": "2026-03-02"}}) == ["Bea", "Ada"]
    assert q(notion, rows, {"property": "Exam date", "date": {"equals": "2026-04-10"}}) == ["Bea"]
    assert q(notion, rows, {"property": "Exam date", "date": {"is_empty": True}}) == ["Dee", "Cal"]


def test_relative_date_filters(notion, ds):
    today = date.today()
    add_page(notion, ds, "soon", **{"Exam date": {"date": {"start": (today + timedelta(days=3)).isoformat()}}})
    add_page(notion, ds, "past", **{"Exam date": {"date": {"start": (today - timedelta(days=3)).isoformat()}}})
    add_page(notion, ds, "far", **{"Exam date": {"date": {"start": (today + timedelta(days=200)).isoformat()}}})
    assert q(notion, ds, {"property": "Exam date", "date": {"next_week": {}}}) == ["soon"]
    assert q(notion, ds, {"property": "Exam date", "date": {"past_week": {}}}) == ["past"]
    assert q(notion, ds, {"property": "Exam date", "date": {"next_year": {}}}) == ["far", "soon"]


def test_people_filters(notion, rows, people):
    eve, bob = people
    assert q(notion, rows, {"property": "Engineer", "people": {"contains": eve}}) == ["Cal", "Ada"]
    assert q(notion, rows, {"property": "Engineer", "people": {"does_not_contain": eve}}) == ["Dee", "Bea"]
    assert q(notion, rows, {"property": "Engineer", "people": {"contains": bob.replace("-", "")}}) == ["Cal", "Bea"]
    assert q(notion, rows, {"property": "Engineer", "people": {"is_empty": True}}) == ["Dee"]


def test_relation_filters(notion, sandbox, ds):
    target = make_data_source(notion, sandbox.root_page_id, "Targets", {"Name": {"title": {}}})
    notion.data_sources.update(ds, properties={"Enrollment": {"relation": {"data_source_id": target,
                                                                           "single_property": {}}}})
    t1 = add_page(notion, target, "T1")["id"]
    add_page(notion, ds, "linked", Enrollment={"relation": [{"id": t1}]})
    add_page(notion, ds, "alone")
    assert q(notion, ds, {"property": "Enrollment", "relation": {"contains": t1}}) == ["linked"]
    assert q(notion, ds, {"property": "Enrollment", "relation": {"does_not_contain": t1}}) == ["alone"]
    assert q(notion, ds, {"property": "Enrollment", "relation": {"is_empty": True}}) == ["alone"]
    assert q(notion, ds, {"property": "Enrollment", "relation": {"is_not_empty": True}}) == ["linked"]


def test_timestamp_filters_compare_minute_truncated_times(notion, rows):
    page = notion.data_sources.query(rows)["results"][0]
    edited = page["last_edited_time"]
    got = q(notion, rows, {"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": edited}})
    assert got == ["Dee", "Cal", "Bea", "Ada"]
    assert q(notion, rows, {"timestamp": "created_time", "created_time": {"after": edited}}) == []
    assert q(notion, rows, {"timestamp": "created_time", "created_time": {"this_week": {}}}) == [
        "Dee", "Cal", "Bea", "Ada"]


def test_and_or_nest_two_levels(notion, rows):
    flt = {"or": [
        {"property": "Name", "title": {"equals": "Dee"}},
        {"and": [{"property": "Status", "select": {"equals": "At risk"}},
                 {"property": "Hours", "number": {"greater_than": 1}}]},
    ]}
    assert q(notion, rows, flt) == ["Dee", "Bea"]


def test_three_levels_of_nesting_are_refused(notion, rows):
    flt = {"and": [{"or": [{"and": [{"property": "Hours", "number": {"equals": 1}}]}]}]}
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.query(rows, filter=flt)
    assert e.value.code == "validation_error"


def test_filter_on_unknown_property_is_a_validation_error(notion, rows):
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.query(rows, filter={"property": "Nope", "number": {"equals": 1}})
    assert e.value.code == "validation_error" and "Nope" in str(e.value)


def test_filter_of_the_wrong_type_is_a_validation_error(notion, rows):
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.query(rows, filter={"property": "Hours", "select": {"equals": "x"}})
    assert e.value.code == "validation_error" and "Hours" in str(e.value)


def test_sorts_by_property_and_direction_with_empty_values_last(notion, rows):
    assert q(notion, rows, sorts=[{"property": "Hours", "direction": "ascending"}]) == ["Cal", "Bea", "Ada", "Dee"]
    assert q(notion, rows, sorts=[{"property": "Hours", "direction": "descending"}]) == ["Ada", "Bea", "Cal", "Dee"]
    got = q(notion, rows, sorts=[{"property": "Status", "direction": "ascending"},
                                 {"property": "Name", "direction": "descending"}])
    assert got == ["Ada", "Cal", "Bea", "Dee"]


def test_sort_by_timestamp(notion, rows):
    assert q(notion, rows, sorts=[{"timestamp": "created_time", "direction": "ascending"}])[0] in (
        "Ada", "Bea", "Cal", "Dee")


def test_pagination_past_100_rows(notion, ds):
    for i in range(130):
        add_page(notion, ds, f"row {i:03d}", Hours={"number": i})
    first = notion.data_sources.query(ds, page_size=100)
    assert len(first["results"]) == 100 and first["has_more"] is True
    assert first["next_cursor"].startswith("s:")  # opaque, shaped like Notion's
    second = notion.data_sources.query(ds, page_size=100, start_cursor=first["next_cursor"])
    assert len(second["results"]) == 30 and second["has_more"] is False and second["next_cursor"] is None
    every = collect_paginated_api(notion.data_sources.query, data_source_id=ds,
                                  sorts=[{"property": "Hours", "direction": "ascending"}], page_size=7)
    assert [p["properties"]["Hours"]["number"] for p in every] == list(range(130))


def test_page_size_over_100_is_refused(notion, ds):
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.query(ds, page_size=101)
    assert "page_size should be ≤ `100`, instead was `101`" in str(e.value)


def test_a_bad_cursor_is_refused(notion, ds):
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.query(ds, start_cursor="not-a-cursor")
    assert e.value.code == "validation_error"


def test_filter_properties_limits_the_returned_properties(notion, rows):
    schema = notion.data_sources.retrieve(rows)["properties"]
    out = notion.data_sources.query(rows, filter_properties=[schema["Hours"]["id"], "title"])
    assert all(set(p["properties"]) == {"Hours", "Name"} for p in out["results"])


def test_trashed_pages_are_not_returned(notion, rows):
    page = notion.data_sources.query(rows, filter={"property": "Name", "title": {"equals": "Ada"}})["results"][0]
    notion.pages.update(page["id"], in_trash=True)
    assert "Ada" not in q(notion, rows)


class CountingPages(dict):
    """The store's pages, counting how often a query looks one up."""

    looked_up = 0

    def __getitem__(self, key):
        CountingPages.looked_up += 1
        return super().__getitem__(key)


def test_a_paged_read_costs_the_rows_it_returns_not_rows_times_pages(notion, sandbox, ds):
    """The cursor is found in constant time: reading n rows in pages of 100 looks at each row
    about once, so a 10,000-row first pass does not spend minutes in the sandbox."""
    from certsync.sandbox.notion import pages
    from certsync.sandbox.notion.api import Request

    with sandbox.store.lock:
        for i in range(3000):
            pages.create(Request(sandbox.store, "POST", {}, {}, {"parent": {"data_source_id": ds},
                                 "properties": {"Name": {"title": text(f"row {i}")}}}, "2025-09-03"))
        sandbox.store.pages = CountingPages(sandbox.store.pages)
    CountingPages.looked_up = 0
    every = collect_paginated_api(notion.data_sources.query, data_source_id=ds, page_size=100,
                                  filter={"property": "Name", "title": {"contains": "row"}})
    assert len(every) == 3000 and every[0]["properties"]["Name"]["title"][0]["plain_text"] == "row 2999"
    assert CountingPages.looked_up < 3 * 3000  # a list scan per page would be ~ 3000 * 30 / 2
