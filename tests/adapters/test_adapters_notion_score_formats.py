"""A practice score is read with its property's number format, as the data source schema gives it:
a percent-formatted number holds a fraction (0.72 is 72%, 1.5 is 150%), any other property holds
the percent itself (0.5 is 0.5%). A score outside 0-100% is a data problem, not a flag."""

from __future__ import annotations

import pytest

from certsync.adapters.notion.read import check_in_from_page, number_formats
from certsync.adapters.notion.template import _title

from notion_builders import CHECK_IN_FIELDS, check_in_page, number

PERCENT = {"Practice score": "percent", "Hours": "number", "Confidence": "number"}
PLAIN = {"Practice score": "number", "Hours": "number", "Confidence": "number"}


def read(score_prop, formats):
    return check_in_from_page(check_in_page(Practice_score=score_prop), CHECK_IN_FIELDS, formats=formats)


@pytest.mark.parametrize("formats,value,expected", [
    (PERCENT, 0.72, 72.0), (PERCENT, 1, 100.0), (PERCENT, 0, 0.0), (PERCENT, 0.005, 0.5),
    (PLAIN, 72, 72.0), (PLAIN, 0.5, 0.5), (PLAIN, 1, 1.0), (PLAIN, 100, 100.0),
    ({"Practice score": "number_with_commas"}, 0.5, 0.5),
])
def test_a_score_is_read_as_its_number_format_says(formats, value, expected):
    record = read(number(value), formats)
    assert record.problems == ()
    assert record.check_in.practice_score == expected


@pytest.mark.parametrize("formats,value,found", [
    (PERCENT, 1.5, "150% (1.5 in a percent-formatted property)"),
    (PERCENT, 72, "7200% (72 in a percent-formatted property)"),
    (PERCENT, -0.1, "-10% (-0.1 in a percent-formatted property)"),
    (PLAIN, 150, "150%"),
    (PLAIN, -5, "-5%"),
])
def test_a_score_outside_0_to_100_percent_is_a_problem_naming_record_field_and_value(formats, value, found):
    record = read(number(value), formats)
    assert record.check_in.practice_score is None  # the value is not used
    [problem] = record.problems
    assert (problem.field, problem.expected, problem.found) == ("Practice score", "a score from 0 to 100%", found)
    assert problem.record_id == "ci-1" and "Ana, week of 16 Nov" in problem.record_name
    assert problem.enrollment_id == "enr-1"


def test_a_formula_score_has_no_format_and_holds_the_percent():
    formula = {"type": "formula", "formula": {"type": "number", "number": 0.5}}
    assert read(formula, {"Hours": "number"}).check_in.practice_score == 0.5
    assert read({"type": "formula", "formula": {"type": "number", "number": 82}}, {}).check_in.practice_score == 82


def test_without_formats_a_score_up_to_1_is_still_taken_as_a_fraction():
    assert read(number(0.72), None).check_in.practice_score == 72.0
    assert read(number(72), None).check_in.practice_score == 72.0
    assert read(number(250), None).problems[0].found == "250%"


def test_number_formats_come_from_the_data_source_schema(sandbox, notion):
    database = notion.databases.create(
        parent={"type": "page_id", "page_id": sandbox.root_page_id}, title=_title("Check-ins"),
        initial_data_source={"properties": {
            "Name": {"title": {}}, "Hours": {"number": {}}, "Practice score": {"number": {"format": "percent"}},
            "Cost": {"number": {"format": "euro"}}, "Doubled": {"formula": {"expression": 'prop("Hours") * 2'}},
            "Blockers": {"rich_text": {}},
        }})
    source = database["data_sources"][0]["id"]
    formats = number_formats(notion.data_sources.retrieve(data_source_id=source))
    assert formats == {"Hours": "number", "Practice score": "percent", "Cost": "euro"}

    page = notion.pages.create(parent={"type": "data_source_id", "data_source_id": source}, properties={
        "Name": {"title": _title("Ana, week of 16 Nov")}, "Practice score": {"number": 1.5}})
    page = notion.pages.retrieve(page_id=page["id"])
    record = check_in_from_page(page, CHECK_IN_FIELDS, formats=formats)
    assert [(p.field, p.found) for p in record.problems if p.field == "Practice score"] == [
        ("Practice score", "150% (1.5 in a percent-formatted property)")]
