"""Reading the optional outcome and cohort fields and the sessions, one tool at a time: what only
a page or a task can show (a cost typed as text, a cohort linked to two pages, attendees as people
or as linked tasks, a session's day from its due date)."""

from __future__ import annotations

from datetime import date

from notion_builders import enrollment_page, number, title

from certsync.adapters.asana.read import enrollment_from_task, session_from_task
from certsync.adapters.notion.read import enrollment_from_page, session_from_page
from certsync.config.fields import AsanaFields, AsanaSessionFields, NotionFields, NotionSessionFields


def rich_text(text: str) -> dict:
    return {"type": "rich_text", "rich_text": [{"type": "text", "text": {"content": text}, "plain_text": text}]}


def relation(*ids: str) -> dict:
    return {"type": "relation", "relation": [{"id": i} for i in ids], "has_more": False}


def test_notion_a_cost_typed_as_text_is_named_and_blocks_nothing():
    record = enrollment_from_page(enrollment_page(Cost=rich_text("about 400 dollars"), Attempts=number(2)),
                                  NotionFields())
    (problem,) = record.problems
    assert (problem.field, problem.expected, problem.blocking) == ("Cost", "a number", False)
    assert "about 400 dollars" in problem.found
    assert record.enrollment.cost is None and record.enrollment.attempts == 2


def test_notion_an_exam_result_is_read_whatever_its_case_and_attempts_must_be_whole():
    record = enrollment_from_page(enrollment_page(Exam_result={"type": "select", "select": {"name": "passed"}},
                                                  Attempts=number(1.5)), NotionFields())
    assert record.enrollment.exam_result == "Passed" and record.enrollment.attempts is None
    assert [(p.field, p.found, p.blocking) for p in record.problems] == [("Attempts", "1.5", False)]


def test_notion_a_cohort_relation_reads_the_linked_pages_title():
    names = {"c-1": "AWS autumn 2026"}
    record = enrollment_from_page(enrollment_page(Cohort=relation("c-1")), NotionFields(), cohorts=names.get)
    assert record.enrollment.cohort == "AWS autumn 2026" and record.problems == ()


def test_notion_a_cohort_linked_to_two_pages_or_to_an_unshared_one_is_named():
    names = {"c-1": "AWS autumn 2026"}
    two = enrollment_from_page(enrollment_page(Cohort=relation("c-1", "c-2")), NotionFields(), cohorts=names.get)
    assert two.enrollment.cohort == "AWS autumn 2026"
    assert [(p.field, p.expected, p.found, p.blocking) for p in two.problems] == [
        ("Cohort", "one linked cohort", "2 linked pages", False)]
    unshared = enrollment_from_page(enrollment_page(Cohort=relation("c-9")), NotionFields(), cohorts=names.get)
    assert unshared.enrollment.cohort is None
    assert [p.field for p in unshared.problems] == ["Cohort"] and not unshared.problems[0].blocking


def test_notion_a_session_without_a_topic_property_is_named_by_its_title_and_one_without_a_date_is_left_out():
    page = {"id": "s-1", "properties": {
        "Name": title("Practice exam review"), "Date": {"type": "date", "date": {"start": "2026-11-18"}},
        "Cohort": {"type": "select", "select": {"name": "AWS autumn 2026"}}, "Attendees": relation("e-1", "e-2")}}
    session = session_from_page(page, NotionSessionFields())
    assert (session.day, session.cohort, session.topic, session.attendees) == (
        date(2026, 11, 18), "AWS autumn 2026", "Practice exam review", ("e-1", "e-2"))
    page["properties"]["Date"] = {"type": "date", "date": None}
    assert session_from_page(page, NotionSessionFields()) is None


def field(name, kind, **value):
    return {"gid": f"cf-{name}", "name": name, "resource_subtype": kind, "type": kind, **value}


def enum(name, option):
    return field(name, "enum", enum_value={"gid": "opt", "name": option} if option else None, display_value=option)


def task(*custom_fields, **extra):
    return {"gid": "1", "name": "Ana — CKA", "completed": False, "modified_at": "2026-11-20T10:00:00.000Z",
            "assignee": {"gid": "42", "name": "Ana"},
            "custom_fields": [field("Study start", "date", date_value={"date": "2026-11-02"}),
                              field("Weekly target hours", "number", number_value=6), *custom_fields], **extra}


def test_asana_a_cost_typed_as_text_and_an_unknown_exam_result_are_named_and_block_nothing():
    record = enrollment_from_task(task(field("Cost", "text", text_value="a lot", display_value="a lot"),
                                       enum("Exam result", "Withdrawn"), enum("Cohort", "AWS autumn 2026"),
                                       field("Satisfaction", "number", number_value=4.5)), AsanaFields())
    assert {p.field: (p.expected, p.found) for p in record.problems} == {
        "Cost": ("a number", "'a lot' (text)"), "Exam result": ("Passed or Failed", "'Withdrawn'")}
    assert not any(p.blocking for p in record.problems)
    e = record.enrollment
    assert (e.cost, e.exam_result, e.cohort, e.satisfaction, e.weekly_target_hours) == (
        None, None, "AWS autumn 2026", 4.5, 6)


def session_task(*custom_fields, **extra):
    return {"gid": "s-1", "name": "VPC design lab", "due_on": "2026-11-11",
            "custom_fields": [enum("Cohort", "AWS autumn 2026"), *custom_fields], **extra}


def test_asana_attendees_as_people_count_for_their_enrollment_in_the_sessions_cohort():
    asked = []

    def enrollments_of(engineer, cohort):
        asked.append((engineer, cohort))
        return {"42": ["e-42"], "43": ["e-43"]}.get(engineer, [])

    people = field("Attendees", "people", people_value=[{"gid": "42", "name": "Ana"}, {"gid": "43", "name": "Bo"},
                                                        {"gid": "44", "name": "a guest"}])
    session = session_from_task(session_task(people), AsanaSessionFields(), enrollments_of)
    assert (session.day, session.cohort, session.topic, session.attendees) == (
        date(2026, 11, 11), "AWS autumn 2026", "VPC design lab", ("e-42", "e-43"))
    assert asked == [("42", "AWS autumn 2026"), ("43", "AWS autumn 2026"), ("44", "AWS autumn 2026")]


def test_asana_attendees_as_a_reference_field_are_the_linked_enrollment_tasks():
    linked = field("Attendees", "reference", reference_value=[{"gid": "e-1", "name": "Ana — CKA"}, {"gid": "e-2"}])
    session = session_from_task(session_task(linked), AsanaSessionFields(), lambda engineer, cohort: [])
    assert session.attendees == ("e-1", "e-2")


def test_asana_a_date_field_overrides_the_due_date_and_a_session_with_neither_is_left_out():
    dated = session_task(field("Date", "date", date_value={"date": "2026-11-12"}))
    assert session_from_task(dated, AsanaSessionFields(), lambda e, c: []).day == date(2026, 11, 12)
    assert session_from_task(session_task(due_on=None), AsanaSessionFields(), lambda e, c: []) is None
