"""Date functions in formulas (now, dateAdd, dateSubtract, dateBetween, hour, minute,
timestamp, fromTimestamp), through the real notion-client."""

from datetime import datetime

import pytest
from notion_client import APIResponseError

from sandbox_builders import add_page, make_data_source, names

FORMULAS = {
    "Next month": 'dateAdd(prop("When"), 1, "months")',
    "Two hours earlier": 'dateSubtract(prop("When"), 2, "hours")',
    "Week after start": 'prop("Start").dateAdd(1, "weeks")',
    "Start plus 90 min": 'dateAdd(prop("Start"), 90, "minutes")',
    "Hour": 'hour(prop("When"))',
    "Minute": 'minute(prop("When"))',
    "Days since start": 'dateBetween(prop("When"), prop("Start"), "days")',
    "Weeks since start": 'dateBetween(prop("When"), prop("Start"), "weeks")',
    "Months since start": 'dateBetween(prop("When"), prop("Start"), "months")',
    "Days until start": 'dateBetween(prop("Start"), prop("When"), "days")',
    "Start of day": 'dateSubtract(dateSubtract(prop("When"), hour(prop("When")), "hours"), '
                    'minute(prop("When")), "minutes")',
    "Epoch plus a day": "fromTimestamp(86400000)",
    "Millis": 'timestamp(prop("Start"))',
    "Started": 'prop("Start") <= prop("When")',
    "Now": "now()",
}


@pytest.fixture
def ds(notion, sandbox):
    ds = make_data_source(notion, sandbox.root_page_id, "Dates", {
        "Name": {"title": {}}, "When": {"date": {}}, "Start": {"date": {}}})
    notion.data_sources.update(ds, properties={n: {"formula": {"expression": e}} for n, e in FORMULAS.items()})
    return ds


def formulas(page: dict) -> dict:
    out = {}
    for name, p in page["properties"].items():
        if p["type"] == "formula":
            f = p["formula"]
            out[name] = f[f["type"]]["start"] if f["type"] == "date" and f["date"] else f[f["type"]]
    return out


def test_date_functions_compute_as_notion_defines_them(notion, ds):
    page = add_page(notion, ds, "a", When={"date": {"start": "2026-01-30T10:45:00.000+00:00"}},
                    Start={"date": {"start": "2026-01-01"}})
    got = formulas(notion.pages.retrieve(page["id"]))
    assert got["Next month"] == "2026-02-28T10:45:00.000+00:00"  # calendar month, day clamped
    assert got["Two hours earlier"] == "2026-01-30T08:45:00.000+00:00"
    assert got["Week after start"] == "2026-01-08"  # a date stays a date
    assert got["Start plus 90 min"] == "2026-01-01T01:30:00.000+00:00"  # ... until given a time
    assert (got["Hour"], got["Minute"]) == (10, 45)
    assert (got["Days since start"], got["Weeks since start"], got["Months since start"]) == (29, 4, 0)
    assert got["Days until start"] == -29  # whole units, truncated toward zero
    assert got["Start of day"] == "2026-01-30T00:00:00.000+00:00"
    assert got["Epoch plus a day"] == "1970-01-02T00:00:00.000+00:00"
    assert got["Millis"] == 1767225600000
    assert got["Started"] is True


def test_a_date_formula_reads_as_a_date_value_and_empty_without_its_date(notion, ds):
    page = add_page(notion, ds, "a", When={"date": {"start": "2026-03-01T09:00:00.000+00:00"}})
    props = notion.pages.retrieve(page["id"])["properties"]
    assert props["Two hours earlier"]["formula"] == {
        "type": "date", "date": {"start": "2026-03-01T07:00:00.000+00:00", "end": None, "time_zone": None}}
    assert props["Week after start"]["formula"] == {"type": "date", "date": None}
    assert props["Days since start"]["formula"] == {"type": "number", "number": None}
    schema = notion.data_sources.retrieve(ds)["properties"]
    # given as prop("When"), kept as Notion keeps it (recorded): by property id, so a rename holds
    when = schema["When"]["id"]
    assert schema["Next month"]["formula"]["expression"] == FORMULAS["Next month"].replace(
        'prop("When")', f"{{{{notion:block_property:{when}:{ds}:{notion.users.me()['bot']['workspace_id']}}}}}")


def test_now_reads_the_sandbox_clock(notion, sandbox, ds):
    page = add_page(notion, ds, "a")
    before = datetime.fromisoformat(formulas(notion.pages.retrieve(page["id"]))["Now"])
    clock = datetime.fromisoformat(sandbox.clock()["now"])
    assert before.second == 0 and abs((clock - before).total_seconds()) < 61
    sandbox.advance_clock(2 * 86400)
    after = datetime.fromisoformat(formulas(notion.pages.retrieve(page["id"]))["Now"])
    assert abs((after - before).total_seconds() - 2 * 86400) < 61


def test_date_formulas_filter_and_compare(notion, ds):
    add_page(notion, ds, "jan", When={"date": {"start": "2026-01-20T10:00:00.000+00:00"}})
    add_page(notion, ds, "mar", When={"date": {"start": "2026-03-20T10:00:00.000+00:00"}})
    assert names(notion.data_sources.query(ds, filter={
        "property": "Next month", "formula": {"date": {"before": "2026-03-01"}}})) == ["jan"]
    assert names(notion.data_sources.query(ds, filter={
        "property": "Hour", "formula": {"number": {"equals": 10}}})) == ["mar", "jan"]


def test_empty_text_from_a_formula_reads_as_null(notion, ds):
    label = 'if(empty(prop("When")), "", "set")'
    notion.data_sources.update(ds, properties={"Label": {"formula": {"expression": label}}})
    page = add_page(notion, ds, "a")
    assert notion.pages.retrieve(page["id"])["properties"]["Label"]["formula"] == {"type": "string", "string": None}


@pytest.mark.parametrize("expression", [
    'dateAdd(prop("When"), 1)',  # the unit is missing
    'dateAdd(prop("When"), 1, "fortnights")',  # not a unit
    'dateBetween(now())',
    'now(1)',
])
def test_a_malformed_date_formula_is_refused_when_created(notion, ds, expression):
    with pytest.raises(APIResponseError) as e:
        notion.data_sources.update(ds, properties={"X": {"formula": {"expression": expression}}})
    assert e.value.code == "validation_error"
