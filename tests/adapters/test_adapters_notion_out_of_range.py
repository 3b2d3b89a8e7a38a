"""Values outside what they can mean (more hours than a week has, a confidence of 9) are data
problems naming the record, the field, what was expected and what was found; the value is not
used, so no rule judges on it."""

from __future__ import annotations

import pytest

from certsync.adapters.notion.read import check_in_from_page, enrollment_from_page

from notion_builders import CHECK_IN_FIELDS, ENROLLMENT_FIELDS, check_in_page, enrollment_page, number

FORMATS = {"Hours": "number", "Confidence": "number", "Practice score": "percent"}


@pytest.mark.parametrize("target,found", [(1e12, "1e+12"), (169, "169"), (-2, "-2")])
def test_a_weekly_target_outside_0_to_168_hours_is_a_problem(target, found):
    record = enrollment_from_page(enrollment_page(Weekly_target_hours=number(target)), ENROLLMENT_FIELDS)
    assert record.enrollment.weekly_target_hours is None
    [problem] = record.problems
    assert (problem.field, problem.expected, problem.found) == (
        "Weekly target hours", "weekly hours between 0 and 168 (a week)", found)
    assert problem.record_id == "enr-1" and "Ana - CKA" in problem.record_name


@pytest.mark.parametrize("target", [0, 8, 168])
def test_a_weekly_target_within_a_week_is_read(target):
    record = enrollment_from_page(enrollment_page(Weekly_target_hours=number(target)), ENROLLMENT_FIELDS)
    assert record.problems == () and record.enrollment.weekly_target_hours == target


@pytest.mark.parametrize("field,prop,expected,found", [
    ("Hours", number(169), "hours between 0 and 168 (a week)", "169"),
    ("Hours", number(-3), "hours between 0 and 168 (a week)", "-3"),
    ("Confidence", number(0), "a whole number from 1 to 5", "0"),
    ("Confidence", number(6), "a whole number from 1 to 5", "6"),
    ("Confidence", number(2.5), "a whole number from 1 to 5", "2.5"),
    ("Practice score", number(1.01), "a score from 0 to 100%", "101% (1.01 in a percent-formatted property)"),
])
def test_a_check_in_value_out_of_range_is_a_problem_and_not_used(field, prop, expected, found):
    record = check_in_from_page(check_in_page(**{field.replace(" ", "_"): prop}), CHECK_IN_FIELDS, formats=FORMATS)
    [problem] = record.problems
    assert (problem.field, problem.expected, problem.found) == (field, expected, found)
    assert problem.enrollment_id == "enr-1"
    model_field = {"Hours": "hours", "Confidence": "confidence", "Practice score": "practice_score"}[field]
    assert getattr(record.check_in, model_field) is None


def test_values_at_the_edges_of_their_range_are_read():
    page = check_in_page(Hours=number(168), Confidence=number(5), Practice_score=number(1))
    record = check_in_from_page(page, CHECK_IN_FIELDS, formats=FORMATS)
    assert record.problems == ()
    assert (record.check_in.hours, record.check_in.confidence, record.check_in.practice_score) == (168, 5, 100)
