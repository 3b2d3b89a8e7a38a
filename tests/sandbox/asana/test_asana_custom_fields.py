"""Custom fields of every type: definitions, enum options, values written as `{gid: value}` and
read back with display_value; formula fields read-only, restricted fields 403, free workspaces 402."""

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import error_of, make_field, make_project, make_task, value_of


@pytest.fixture
def project(client, ws):
    return make_project(client, ws)


def write(client, task, values, opt_fields=None):
    opts = {"opt_fields": opt_fields} if opt_fields else {}
    return asana.TasksApi(client).update_task({"data": {"custom_fields": values}}, task["gid"], opts)


def test_text_values_and_their_length_limit(client, ws, project):
    f = make_field(client, ws, "Blockers", "text", project["gid"])
    task = make_task(client, project["gid"], custom_fields={f["gid"]: "lab access"})
    v = value_of(task, f["gid"])
    assert v["text_value"] == "lab access" and v["display_value"] == "lab access" and v["type"] == "text"
    with pytest.raises(ApiException) as e:
        write(client, task, {f["gid"]: "x" * 1025})
    assert e.value.status == 400
    assert value_of(write(client, task, {f["gid"]: None}), f["gid"])["text_value"] is None


@pytest.mark.parametrize("fmt, extra, value, shown", [
    ("none", {"precision": 1}, 3.25, "3.2"),
    ("none", {"precision": 0}, 8, "8"),
    ("percentage", {"precision": 0}, 0.72, "72%"),
    ("currency", {"precision": 2, "currency_code": "EUR"}, 1234.5, "€1,234.50"),
    ("custom", {"precision": 1, "custom_label": " h", "custom_label_position": "suffix"}, 2.5, "2.5 h"),
])
def test_number_values_keep_format_and_precision(client, ws, project, fmt, extra, value, shown):
    f = make_field(client, ws, "Hours", "number", project["gid"], format=fmt, **extra)
    assert f["format"] == fmt and f["precision"] == extra["precision"]
    v = value_of(make_task(client, project["gid"], custom_fields={f["gid"]: value}), f["gid"])
    assert v["number_value"] == value and v["display_value"] == shown and v["format"] == fmt


def test_a_number_field_refuses_text_and_bad_precision(client, ws, project):
    f = make_field(client, ws, "Hours", "number", project["gid"])
    with pytest.raises(ApiException):
        make_task(client, project["gid"], custom_fields={f["gid"]: "three"})
    with pytest.raises(ApiException):
        make_field(client, ws, "Score", "number", precision=9)


def test_enum_values_options_colors_and_enabled(client, ws, project):
    f = make_field(client, ws, "Status", "enum", project["gid"],
                   enum_options=[{"name": "On track", "color": "green"}, {"name": "At risk", "color": "red"}])
    on, risk = f["enum_options"]
    assert (on["name"], on["color"], on["enabled"]) == ("On track", "green", True)
    fields = asana.CustomFieldsApi(client)
    behind = fields.create_enum_option_for_custom_field(f["gid"], {"body": {"data": {
        "name": "Slightly behind", "color": "yellow", "insert_after": on["gid"]}}})
    assert [o["name"] for o in fields.get_custom_field(f["gid"], {})["enum_options"]] == [
        "On track", "Slightly behind", "At risk"]
    fields.insert_enum_option_for_custom_field(f["gid"], {"body": {"data": {
        "enum_option": risk["gid"], "before_enum_option": on["gid"]}}})
    assert [o["name"] for o in fields.get_custom_field(f["gid"], {})["enum_options"]][0] == "At risk"
    task = make_task(client, project["gid"], custom_fields={f["gid"]: behind["gid"]})
    v = value_of(task, f["gid"])
    assert v["enum_value"]["name"] == "Slightly behind" and v["display_value"] == "Slightly behind"
    asana.CustomFieldsApi(client).update_enum_option(behind["gid"], {"body": {"data": {"enabled": False}}})
    with pytest.raises(ApiException) as e:
        write(client, task, {f["gid"]: behind["gid"]})
    assert e.value.status == 400
    assert value_of(write(client, task, {f["gid"]: None}), f["gid"])["enum_value"] is None


def test_multi_enum_values(client, ws, project):
    f = make_field(client, ws, "Flags", "multi_enum", project["gid"],
                   enum_options=[{"name": "no-hours"}, {"name": "low-hours"}])
    a, b = (o["gid"] for o in f["enum_options"])
    v = value_of(make_task(client, project["gid"], custom_fields={f["gid"]: [a, b]}), f["gid"])
    assert [o["name"] for o in v["multi_enum_values"]] == ["no-hours", "low-hours"]
    assert v["display_value"] == "no-hours, low-hours"


@pytest.mark.parametrize("given, date, date_time", [
    ({"date": "2026-03-02"}, "2026-03-02", None),
    ("2026-03-02", "2026-03-02", None),
    ({"date_time": "2026-03-02T09:30:00+01:00"}, "2026-03-02", "2026-03-02T08:30:00.000Z"),
])
def test_date_values_as_object_or_bare_date(client, ws, project, given, date, date_time):
    f = make_field(client, ws, "Exam date", "date", project["gid"])
    v = value_of(make_task(client, project["gid"], custom_fields={f["gid"]: given}), f["gid"])
    assert v["date_value"] == ({"date": date, "date_time": date_time} if date_time else {"date": date})
    assert v["display_value"] == (date_time or date)


def test_a_bad_date_is_refused(client, ws, project):
    f = make_field(client, ws, "Exam date", "date", project["gid"])
    with pytest.raises(ApiException):
        make_task(client, project["gid"], custom_fields={f["gid"]: "2026-02-30"})


def test_people_and_reference_values(client, ws, project, sandbox):
    people = make_field(client, ws, "Manager", "people", project["gid"])
    ref = make_field(client, ws, "Enrollment", "reference", project["gid"])
    enrollment = make_task(client, project["gid"], "Ada – CKA")
    check_in = make_task(client, project["gid"], "week 1", custom_fields={
        people["gid"]: ["grace@example.com"], ref["gid"]: [enrollment["gid"]]})
    p, r = value_of(check_in, people["gid"]), value_of(check_in, ref["gid"])
    assert [u["name"] for u in p["people_value"]] == ["Grace Hopper"] and p["display_value"] == "Grace Hopper"
    assert [t["gid"] for t in r["reference_value"]] == [enrollment["gid"]] and r["display_value"] == "Ada – CKA"


def test_nested_opt_fields_select_inside_values(client, ws, project):
    f = make_field(client, ws, "Status", "enum", project["gid"], enum_options=[{"name": "On track"}])
    task = make_task(client, project["gid"], custom_fields={f["gid"]: f["enum_options"][0]["gid"]})
    opts = {"opt_fields": "custom_fields.enum_value.name,custom_fields.name"}
    got = asana.TasksApi(client).get_task(task["gid"], opts)
    assert got == {"gid": task["gid"], "custom_fields": [
        {"gid": f["gid"], "name": "Status", "enum_value": {"gid": f["enum_options"][0]["gid"], "name": "On track"}}]}


def test_a_field_not_on_the_tasks_projects_is_refused(client, ws, project):
    f = make_field(client, ws, "Elsewhere", "text")
    task = make_task(client, project["gid"])
    with pytest.raises(ApiException) as e:
        write(client, task, {f["gid"]: "x"})
    assert "is not on given object" in error_of(e.value)["errors"][0]["message"]


def test_a_formula_field_made_in_the_app_is_read_only(client, ws, project, sandbox):
    f = sandbox.add_asana_formula_field(project["gid"], "Hours vs plan", value=-2.5, precision=1)
    assert f["is_formula_field"] is True and f["is_value_read_only"] is True
    task = make_task(client, project["gid"])
    v = value_of(task, f["gid"])
    assert v["number_value"] == -2.5 and v["display_value"] == "-2.5" and v["is_value_read_only"] is True
    with pytest.raises(ApiException) as e:
        write(client, task, {f["gid"]: 3})
    assert e.value.status == 400


def test_a_restricted_field_answers_403(client, ws, project, sandbox):
    f = make_field(client, ws, "Status", "text", project["gid"])
    sandbox.restrict_asana_field(f["gid"])
    with pytest.raises(ApiException) as e:
        make_task(client, project["gid"], custom_fields={f["gid"]: "x"})
    assert e.value.status == 403


def test_a_free_workspace_answers_402_for_custom_fields(client, ws, project, sandbox):
    f = make_field(client, ws, "Hours", "number", project["gid"])
    sandbox.mark_asana_workspace_free(ws)
    with pytest.raises(ApiException) as e:
        make_field(client, ws, "More", "text")
    assert e.value.status == 402
    with pytest.raises(ApiException) as e:
        make_task(client, project["gid"], custom_fields={f["gid"]: 1})
    assert e.value.status == 402
    assert "custom_fields" not in asana.TasksApi(client).get_task(make_task(client, project["gid"])["gid"], {})


def test_field_definitions_are_read_updated_and_listed(client, ws):
    fields = asana.CustomFieldsApi(client)
    f = make_field(client, ws, "Hours", "number", precision=1)
    updated = fields.update_custom_field(f["gid"], {"body": {"data": {"name": "Hours logged", "precision": 2}}})
    assert updated["name"] == "Hours logged" and updated["precision"] == 2
    assert [x["name"] for x in fields.get_custom_fields_for_workspace(ws, {})] == ["Hours logged"]
    with pytest.raises(ApiException):
        make_field(client, ws, "hours logged", "text")  # names are unique in a workspace
