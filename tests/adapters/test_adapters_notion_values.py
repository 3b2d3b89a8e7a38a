"""Reading Notion property values of every type a user could have used for a field."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from certsync.adapters.notion import values as read
from certsync.rules.model import Milestones, Person


def rich(kind, text):
    return {"type": kind, kind: [{"type": "text", "text": {"content": text}, "plain_text": text}]}


NUMBER = {"type": "number", "number": 7.5}
FORMULA_NUMBER = {"type": "formula", "formula": {"type": "number", "number": 8}}
ROLLUP_NUMBER = {"type": "rollup", "rollup": {"type": "number", "number": 12.5, "function": "sum"}}
ROLLUP_ARRAY_ONE = {"type": "rollup", "rollup": {"type": "array", "function": "show_original",
                                                 "array": [{"type": "number", "number": 6}]}}
DATE = {"type": "date", "date": {"start": "2026-11-16", "end": None, "time_zone": None}}
DATETIME = {"type": "date", "date": {"start": "2026-11-16T09:30:00.000+01:00", "end": None, "time_zone": None}}
FORMULA_DATE = {"type": "formula", "formula": {"type": "date", "date": {"start": "2026-12-12", "end": None}}}
PEOPLE = {"type": "people", "people": [{"object": "user", "id": "u-1", "name": "Grace Liu", "type": "person"}]}
SELECT = {"type": "select", "select": {"id": "x", "name": "Grace Liu", "color": "blue"}}
STATUS_YES = {"type": "status", "status": {"id": "s", "name": "Partial", "color": "yellow"}}


@pytest.mark.parametrize("prop,expected", [
    (NUMBER, 7.5), (FORMULA_NUMBER, 8.0), (ROLLUP_NUMBER, 12.5), (ROLLUP_ARRAY_ONE, 6.0),
    (rich("rich_text", "3,5"), 3.5), (rich("rich_text", " 4 "), 4.0), ({"type": "number", "number": None}, None),
    (rich("rich_text", ""), None),
])
def test_a_number_from_number_formula_rollup_or_text(prop, expected):
    assert read.number(prop) == expected


@pytest.mark.parametrize("prop,found", [
    (rich("rich_text", "three"), "'three' (rich_text)"),
    ({"type": "checkbox", "checkbox": True}, "True (checkbox)"),
    ({"type": "formula", "formula": {"type": "string", "string": "n/a"}}, "'n/a' (string)"),
])
def test_what_is_not_a_number_is_named(prop, found):
    with pytest.raises(read.Unreadable) as error:
        read.number(prop)
    assert error.value.expected == "a number" and error.value.found == found


@pytest.mark.parametrize("prop,expected", [
    (DATE, date(2026, 11, 16)), (DATETIME, date(2026, 11, 16)), (FORMULA_DATE, date(2026, 12, 12)),
    (rich("rich_text", "2026-11-20"), date(2026, 11, 20)), ({"type": "date", "date": None}, None),
])
def test_a_date_from_date_formula_or_text(prop, expected):
    assert read.day(prop) == expected


@pytest.mark.parametrize("start, zone, expected", [
    ("2026-11-15T23:30:00.000+00:00", "Europe/Berlin", date(2026, 11, 16)),  # Monday 00:30 in Berlin
    ("2026-11-15T23:30:00.000+00:00", "UTC", date(2026, 11, 15)),
    ("2026-11-16T00:30:00.000+01:00", "America/New_York", date(2026, 11, 15)),  # Sunday evening there
    ("2026-11-16", "Pacific/Auckland", date(2026, 11, 16)),  # a date without a time is that date anywhere
])
def test_a_date_with_a_time_is_taken_on_the_programs_calendar(start, zone, expected):
    assert read.day({"type": "date", "date": {"start": start}}, ZoneInfo(zone)) == expected


def test_a_date_that_is_not_one_is_named():
    with pytest.raises(read.Unreadable) as error:
        read.day(rich("rich_text", "next Friday"))
    assert error.value.found == "'next Friday' (rich_text)"


@pytest.mark.parametrize("prop,expected", [
    (PEOPLE, Person(id="u-1", name="Grace Liu")), (SELECT, Person(name="Grace Liu")),
    (rich("title", "Grace Liu"), Person(name="Grace Liu")), ({"type": "people", "people": []}, None),
])
def test_a_person_from_people_select_or_title(prop, expected):
    assert read.person(prop) == expected


@pytest.mark.parametrize("prop,expected", [
    (STATUS_YES, Milestones.PARTIAL), ({"type": "select", "select": {"name": "no"}}, Milestones.NO),
    ({"type": "select", "select": None}, None), (rich("rich_text", "Yes"), Milestones.YES),
])
def test_milestones_from_select_status_or_text(prop, expected):
    assert read.milestones(prop) == expected


@pytest.mark.parametrize("value,expected", [(0.72, 72.0), (1, 100.0), (72, 72.0), (0, 0.0)])
def test_a_percent_formatted_score_holds_a_fraction(value, expected):
    assert read.percent({"type": "number", "number": value}) == expected


@pytest.mark.parametrize("prop,expected", [
    ({"type": "checkbox", "checkbox": True}, True),
    ({"type": "formula", "formula": {"type": "boolean", "boolean": False}}, False),
    ({"type": "select", "select": {"name": "Passed"}}, True),
    ({"type": "status", "status": {"name": "In progress"}}, False),
])
def test_certified_from_checkbox_formula_or_select(prop, expected):
    assert read.flag(prop) is expected
