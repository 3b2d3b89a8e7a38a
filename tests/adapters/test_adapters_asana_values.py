"""Reading Asana tasks: every field type a team could have used, the task's own properties where
a team uses them instead, and problems named per field."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from certsync.adapters.asana import values as read
from certsync.adapters.asana.read import check_in_from_task, enrollment_from_task
from certsync.config.fields import AsanaCheckInFields, AsanaFields


def field(name, kind, **value):
    return {"gid": f"cf-{name}", "name": name, "resource_subtype": kind, "type": kind, **value}


def enum(name, option):
    return field(name, "enum", enum_value={"gid": "opt", "name": option} if option else None,
                 display_value=option)


def task(*custom_fields, **extra):
    return {"gid": "1", "name": "Ana — CKA", "completed": False, "modified_at": "2026-11-20T10:00:00.000Z",
            "created_at": "2026-11-02T10:00:00.000Z", "assignee": {"gid": "42", "name": "Ana"},
            "custom_fields": [field("Study start", "date", date_value={"date": "2026-11-02"}),
                              field("Weekly target hours", "number", number_value=6), *custom_fields], **extra}


def test_the_assignee_is_the_engineer_and_a_people_field_the_manager():
    record = enrollment_from_task(task(field("Manager", "people", people_value=[{"gid": "7", "name": "Grace"}])),
                                  AsanaFields())
    assert record.enrollment.engineer.id == "42" and record.enrollment.manager.id == "7"


def test_certified_from_a_yes_no_enum_or_else_from_the_task_being_completed():
    assert enrollment_from_task(task(enum("Certified", "Yes")), AsanaFields()).enrollment.certified
    assert not enrollment_from_task(task(enum("Certified", "No"), completed=True), AsanaFields()).enrollment.certified
    assert enrollment_from_task(task(completed=True), AsanaFields()).enrollment.certified
    assert not enrollment_from_task(task(), AsanaFields()).enrollment.certified


def test_a_number_from_a_formula_field_or_text_holding_one():
    formula = field("Weekly target hours", "number", number_value=7.5, is_formula_field=True)
    text = field("Weekly target hours", "text", text_value=" 7,5 ")
    for value in (formula, text):
        t = task()
        t["custom_fields"] = [t["custom_fields"][0], value]
        assert enrollment_from_task(t, AsanaFields()).enrollment.weekly_target_hours == 7.5


def test_text_in_a_number_field_is_a_problem_named_with_what_was_found():
    t = task()
    t["custom_fields"][1] = field("Weekly target hours", "text", text_value="six", display_value="six")
    record = enrollment_from_task(t, AsanaFields())
    [problem] = record.problems
    assert (problem.field, problem.expected, problem.found) == ("Weekly target hours", "a number", "'six' (text)")


def test_a_practice_score_in_a_percentage_field_is_a_fraction_and_in_a_plain_number_the_percent():
    assert read.percent(field("Practice score", "number", number_value=0.72, format="percentage")) == 72
    assert read.percent(field("Practice score", "number", number_value=72, format="none")) == 72


def test_a_check_in_with_milestones_from_an_enum_and_an_unknown_answer_named():
    fields, check_in_fields = AsanaFields(), AsanaCheckInFields()
    base = [field("Week of", "date", date_value={"date": "2026-11-16"}), field("Hours", "number", number_value=4)]
    def subtask(*values):
        return {"gid": "9", "name": "w", "parent": {"gid": "1"}, "custom_fields": [*base, *values]}

    ok = check_in_from_task(subtask(enum("Milestones", "Partial")), fields, check_in_fields)
    assert ok.check_in.milestones.value == "Partial" and ok.check_in.enrollment_id == "1"
    odd = check_in_from_task(subtask(enum("Milestones", "Maybe")), fields, check_in_fields)
    assert odd.problems[0].found == "'Maybe' (enum)"


def test_a_check_in_linked_by_a_reference_field_when_the_config_names_one():
    check_in_fields = AsanaCheckInFields(enrollment="Enrollment")
    linked = check_in_from_task({"gid": "9", "name": "w", "custom_fields": [
        field("Enrollment", "reference", reference_value=[{"gid": "1", "name": "Ana — CKA"}]),
        field("Week of", "date", date_value={"date": "2026-11-16"}), field("Hours", "number", number_value=4)]},
        AsanaFields(), check_in_fields)
    assert linked.check_in.enrollment_id == "1" and linked.problems == ()


def test_a_date_time_counts_on_the_programs_calendar():
    value = field("Week of", "date", date_value={"date": "2026-11-15", "date_time": "2026-11-15T23:30:00.000Z"})
    assert read.day(value, ZoneInfo("Europe/Berlin")) == date(2026, 11, 16)
    assert read.day(value, ZoneInfo("America/New_York")) == date(2026, 11, 15)


def test_the_owned_values_read_back_as_written():
    t = task(enum("Status", "At risk"), field("Flags", "multi_enum", multi_enum_values=[{"gid": "a", "name": "No hours logged"}]),
             field("Flag details", "text", text_value="why"), field("Postponements", "number", number_value=2),
             field("Last synced", "date", date_value={"date": "2026-11-21"}), field("Sync problem", "text", text_value=None))
    owned = enrollment_from_task(t, AsanaFields()).owned
    assert (owned.status, owned.flags, owned.flag_details, owned.postponements, owned.last_synced, owned.sync_problem) == (
        "At risk", ("No hours logged",), "why", 2, date(2026, 11, 21), "")




def test_a_story_body_is_xml_whatever_the_user_typed():
    from xml.etree import ElementTree

    from certsync.adapters.asana.write import story_html
    from certsync.rules.model import Person

    html = story_html(Person(id="7", name="Grace"), 'on call \x0b <script> & "quotes" ]]>', "certsync ref alert:abcdef12")
    body = ElementTree.fromstring(html)
    assert body.tag == "body" and body.find("a").get("data-asana-gid") == "7"
    assert "<script> & \"quotes\" ]]>" in "".join(body.itertext()) and "\x0b" not in html
