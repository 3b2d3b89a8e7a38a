"""What Asana refuses, said in Asana's words: custom fields on a free workspace (402), a field
whose edits are restricted (403), a pagination offset that expired mid-read (400), and faults
on the way (429 waited out; a write that failed with 5xx read back before it is repeated)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from certsync.adapters.tracker import TrackerError

from asana_builders import build

BERLIN = ZoneInfo("Europe/Berlin")


def test_provision_on_a_free_workspace_says_in_one_line_that_custom_fields_need_a_paid_plan(sandbox, tmp_path,
                                                                                            monkeypatch):
    program = build(sandbox, tmp_path, monkeypatch, provision=False, fill=False)
    sandbox.mark_asana_workspace_free(sandbox.asana_workspace_gid)
    with pytest.raises(TrackerError) as caught:
        program.tracker().provision()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("custom fields need a paid Asana plan")
    assert "402" in message and "Custom Fields are not available" in message
    program.built.close()


def test_a_pass_on_a_free_workspace_stops_saying_custom_fields_need_a_paid_plan(asana_program):
    asana_program.sandbox.mark_asana_workspace_free(asana_program.sandbox.asana_workspace_gid)
    with pytest.raises(TrackerError) as caught:
        asana_program.tracker().read(None, BERLIN)
    assert "paid Asana plan" in str(caught.value)


def status_field(program):
    return program.fields("project").get("Status")


def test_a_write_to_a_restricted_field_is_refused_with_asanas_403_and_its_message(asana_program):
    asana_program.sandbox.restrict_asana_field(status_field(asana_program).gid)
    tracker = asana_program.tracker()
    with pytest.raises(TrackerError) as caught:
        tracker.write(asana_program.tasks["enr-02"], {"status": "At risk"})
    assert caught.value.status == 403 and not tracker.is_gone(caught.value)
    assert "Asana answered 403" in str(caught.value) and "Status" in str(caught.value)
    assert asana_program.requests("PUT", "/tasks/{task_gid}") == 1  # a 403 is not tried again


def test_check_names_a_restricted_owned_field_without_changing_any_task(asana_program):
    asana_program.sandbox.restrict_asana_field(status_field(asana_program).gid)
    before = {s: asana_program.task(s)["modified_at"] for s in ("enr-01", "enr-02")}
    problems = asana_program.tracker().check()
    [problem] = [p for p in problems if "cannot write" in p]
    assert "403" in problem and "Status" in problem
    assert {s: asana_program.task(s)["modified_at"] for s in ("enr-01", "enr-02")} == before


def test_a_pass_with_a_restricted_field_names_asanas_403_on_each_record_it_could_not_write(asana_program):
    asana_program.sandbox.restrict_asana_field(status_field(asana_program).gid)
    report = asana_program.sync()
    failed = [o for o in report.outcomes if o.error]
    assert failed and all("403" in o.error for o in failed)


def test_an_offset_that_expires_mid_read_starts_the_list_again_and_gives_each_task_once(asana_program, monkeypatch):
    from certsync.adapters.asana import client as asana_client

    monkeypatch.setattr(asana_client, "PAGE", 10)
    tracker = asana_program.tracker()
    tracker.read(None, BERLIN)  # the projects' fields learned
    asana_program.sandbox.reset_stats()
    real = tracker.client.read
    pages = []

    def slow_reader(call, *args, **kwargs):
        pages.append((args[-1] if args else {}).get("offset"))
        if len(pages) == 5:  # 16 minutes pass after the second page of check-ins, before the third
            asana_program.sandbox.advance_clock(16 * 60)
        return real(call, *args, **kwargs)

    monkeypatch.setattr(tracker.client, "read", slow_reader)
    snapshot = tracker.read(None, BERLIN)
    assert len(snapshot.enrollments) == 12
    assert sorted(r.id for r in snapshot.check_ins) == sorted({r.id for r in snapshot.check_ins})
    assert len(snapshot.check_ins) == 77
    # two pages of enrollments, two of check-ins, the refused third, then eight from the start
    assert asana_program.requests("GET", "/tasks") == 2 + 2 + 1 + 8
    assert pages[5] is None and pages[4] is not None


def test_a_write_that_fails_with_a_5xx_is_read_back_before_it_is_sent_again(asana_program):
    tracker = asana_program.tracker()
    tracker.read(None, BERLIN)
    asana_program.sandbox.reset_stats()
    asana_program.sandbox.set_faults("500=0.5", seed=3)  # half the requests fail, half of those once applied
    try:
        tracker.write(asana_program.tasks["enr-02"], {"status": "At risk"})
    except TrackerError:
        pass
    asana_program.sandbox.set_faults("")
    puts = asana_program.requests("PUT", "/tasks/{task_gid}")
    looks = asana_program.requests("GET", "/tasks/{task_gid}")
    assert puts >= 2, "the seed should make the first PUT fail"
    assert looks >= puts - 1  # every PUT after the first comes after a look at the task


def test_a_429_is_waited_out_and_the_write_made_once(asana_program):
    tracker = asana_program.tracker()
    tracker.read(None, BERLIN)
    asana_program.sandbox.reset_stats()
    asana_program.sandbox.set_faults("429=0.5", seed=1)
    tracker.write(asana_program.tasks["enr-02"], {"status": "At risk"})
    asana_program.sandbox.set_faults("")
    refused = sum(r["count"] for r in asana_program.sandbox.stats()["requests"] if r["status"] == 429)
    assert refused >= 1 and tracker.client.limiter.waited >= refused * 0.9  # Retry-After: 1, for everyone
    assert asana_program.requests("PUT", "/tasks/{task_gid}") == refused + 1
    owned = next(r.owned for r in tracker.read(None, BERLIN).enrollments if r.enrollment.id == asana_program.tasks["enr-02"])
    assert owned.status == "At risk"


def test_a_refused_token_is_asanas_401_naming_the_token_variable(asana_program, monkeypatch):
    monkeypatch.setenv("CERTSYNC_TEST_ASANA_TOKEN", "2/1/wrong:token")
    with pytest.raises(TrackerError) as caught:
        asana_program.tracker().read(None, BERLIN)
    message = str(caught.value)
    assert caught.value.status == 401 and "Asana answered 401: Not Authorized" in message
    assert "$CERTSYNC_TEST_ASANA_TOKEN" in message and "wrong:token" not in message


def test_a_project_the_token_cannot_see_is_named_with_its_setting(asana_program):
    text = asana_program.config_path.read_text().replace(asana_program.template.project, "1209999999999999")
    asana_program.config_path.write_text(text)
    with pytest.raises(TrackerError) as caught:
        asana_program.tracker().read(None, BERLIN)
    assert str(caught.value).startswith("[asana] project = '1209999999999999': no enrollments project")
    assert "404" in str(caught.value)
    problems = asana_program.tracker().check()
    assert any("[asana] project = '1209999999999999'" in p for p in problems)


def test_a_pass_faster_than_asanas_limit_waits_as_told_and_completes(asana_program):
    import asana as sdk

    asana_program.sandbox.set_asana_rate_limit(600)  # 10 a second, the minute's budget spent below
    users = sdk.UsersApi(asana_program.api)
    for _ in range(700):
        try:
            users.get_user("me", {"opt_fields": "name"})
        except sdk.rest.ApiException as error:
            if error.status == 429:
                break
    asana_program.sandbox.reset_stats()
    report = asana_program.sync()  # the client side allows 60,000 requests a minute
    asana_program.sandbox.set_asana_rate_limit(0)
    refused = sum(r["count"] for r in asana_program.sandbox.stats()["requests"] if r["status"] == 429)
    assert refused > 0
    assert report.exit_code == 0, [o.error for o in report.failures]
    assert report.written == 12


def test_an_owned_field_added_after_a_pass_remembered_it_missing_is_found(asana_program):
    import asana as sdk

    known = asana_program.fields()
    status = known.get("Status").gid
    projects = sdk.ProjectsApi(asana_program.api)
    projects.remove_custom_field_setting_for_project({"data": {"custom_field": status}}, asana_program.template.project)
    first = asana_program.tracker()
    with pytest.raises(TrackerError) as caught:
        first.read(None, BERLIN)
    assert "'Status'" in str(caught.value) and "certsync provision" in str(caught.value)
    projects.add_custom_field_setting_for_project({"data": {"custom_field": status}}, asana_program.template.project, {})
    again = asana_program.tracker()
    again.restore(first.remember())  # remembers the project without Status
    assert len(again.read(None, BERLIN).enrollments) == 12


def test_check_probes_writing_on_a_project_without_the_summary_fields_too(asana_program):
    import asana as sdk

    known = asana_program.fields()
    for name in ("Weeks completed", "Hours last week", "Hours vs plan", "Latest score", "Score trend", "Projected ready"):
        sdk.ProjectsApi(asana_program.api).remove_custom_field_setting_for_project(
            {"data": {"custom_field": known.get(name).gid}}, asana_program.template.project)
    asana_program.sandbox.restrict_asana_field(known.get("Flags").gid)
    assert any("cannot write" in p and "Flags" in p for p in asana_program.tracker().check())
