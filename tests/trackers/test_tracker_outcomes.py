"""Contract: the optional outcome and cohort fields, weak domains and sessions are read the same
from every tracker; an outcome value out of line is named and blocks nothing."""

from __future__ import annotations

import pytest

OUTCOMES = ("exam_result", "attempts", "certified_on", "cost", "cohort", "satisfaction")


def by_sample_id(contract, records, ident=lambda r: r.enrollment.id):
    return {contract.sample_id(ident(r)): r for r in records}


def test_a_full_read_gives_every_enrollments_outcome_and_cohort(contract):
    read = by_sample_id(contract, contract.tracker.read(None).enrollments)
    for sample_id, expected in contract.enrollments.items():
        got = read[sample_id]
        assert {k: getattr(got.enrollment, k) for k in OUTCOMES} == {k: getattr(expected, k) for k in OUTCOMES}, \
            sample_id
        assert got.problems == (), sample_id
    assert {e.cohort for e in contract.enrollments.values()} == {"AWS autumn 2026", "Kubernetes autumn 2026", None}


def test_a_full_read_gives_every_check_ins_weak_domains(contract):
    read = by_sample_id(contract, contract.tracker.read(None).check_ins, ident=lambda r: r.id)
    expected = {c.id: c.weak_domains for c in contract.program.check_ins}
    assert {sample_id: r.check_in.weak_domains for sample_id, r in read.items()} == expected
    assert sum(1 for domains in expected.values() if domains) >= 5


def test_the_sessions_are_read_with_their_cohort_topic_and_attendees(contract):
    tracker = contract.fresh()  # nothing read yet: the sessions are readable on their own
    sessions = {contract.sample_id(s.id): s for s in tracker.sessions()}
    expected = {s.id: s for s in contract.program.sessions}
    assert sorted(sessions) == sorted(expected) and len(sessions) == 8
    for sample_id, want in expected.items():
        got = sessions[sample_id]
        assert (got.day, got.cohort, got.topic) == (want.day, want.cohort, want.topic), sample_id
        assert sorted(contract.sample_id(a) for a in got.attendees) == sorted(want.attendees), sample_id


def test_the_attendees_are_the_enrollment_ids_the_read_returns(contract):
    ids = {r.enrollment.id for r in contract.tracker.read(None).enrollments}
    attendees = {a for s in contract.tracker.sessions() for a in s.attendees}
    assert attendees and attendees <= ids


def test_after_a_read_the_sessions_cost_one_request(contract):
    contract.tracker.read(None)
    before = contract.tracker.requests
    contract.tracker.sessions()
    assert contract.tracker.requests - before == 1


def test_an_outcome_value_out_of_line_is_named_and_the_record_still_read(contract):
    if not contract.put_bad_outcomes("enr-11"):
        pytest.skip(f"the {contract.kind} tracker holds only values the model accepts")
    read = by_sample_id(contract, contract.tracker.read(None).enrollments)
    assert len(read) == 12 and all(r.problems == () for sample_id, r in read.items() if sample_id != "enr-11")
    record = read["enr-11"]
    e, want = record.enrollment, contract.enrollment("enr-11")
    assert (e.exam_result, e.attempts, e.satisfaction) == (None, None, None)
    assert (e.certified, e.study_start, e.weekly_target_hours, e.cohort, e.cost, e.certified_on) == (
        want.certified, want.study_start, want.weekly_target_hours, want.cohort, want.cost, want.certified_on)
    problems = {p.field: p for p in record.problems}
    assert sorted(problems) == ["Attempts", "Exam result", "Satisfaction"]
    assert not any(p.blocking for p in record.problems)
    assert all(p.record_id == e.id and p.enrollment_id == e.id for p in record.problems)
    assert (problems["Exam result"].expected, problems["Exam result"].found) == ("Passed or Failed", "'Distinction'")
    assert (problems["Attempts"].expected, problems["Attempts"].found) == ("a whole number of attempts, 0 or more", "-1")
    assert (problems["Satisfaction"].expected, problems["Satisfaction"].found) == ("a satisfaction from 1 to 5", "7")
    assert "Satisfaction: expected a satisfaction from 1 to 5, found 7" in str(problems["Satisfaction"])


def test_check_names_a_sessions_source_without_its_attendees(contract):
    assert not any("Attendees" in line for line in contract.tracker.check())
    if not contract.remove_sessions_field("attendees"):
        pytest.skip(f"the {contract.kind} tracker keeps sessions without fields")
    problems = [line for line in contract.fresh().check() if "Attendees" in line]
    assert len(problems) == 1 and problems[0].startswith("Sessions") and "sessions_fields] attendees" in problems[0]


def _notion_only(contract):
    if contract.kind != "notion":
        pytest.skip("only Notion links cohorts and attendees as relations to pages")


def test_a_notion_cohort_linked_to_a_cohorts_database_is_that_pages_title(contract):
    _notion_only(contract)
    api, template = contract.api, contract.template
    cohorts = api.databases.create(parent={"type": "page_id", "page_id": contract.sandbox.root_page_id},
                                   title=[{"type": "text", "text": {"content": "Cohorts"}}],
                                   initial_data_source={"properties": {"Name": {"title": {}}}})
    source = cohorts["data_sources"][0]["id"]
    cohort = api.pages.create(parent={"type": "data_source_id", "data_source_id": source},
                              properties={"Name": {"title": [{"type": "text", "text": {"content": "AWS autumn 2026"}}]}})
    link = {"relation": {"data_source_id": source, "type": "single_property", "single_property": {}}}
    api.data_sources.update(data_source_id=template.enrollments, properties={"Cohort page": link})
    api.data_sources.update(data_source_id=template.sessions, properties={"Cohort page": link})
    for sample_id in ("enr-01", "enr-07", "enr-11", "ses-04"):
        api.pages.update(page_id=contract.id(sample_id), properties={"Cohort page": {"relation": [{"id": cohort["id"]}]}})
    section = (contract.built.section() + '\n[notion.fields]\ncohort = "Cohort page"\n'
               '\n[notion.sessions_fields]\ncohort = "Cohort page"\n')
    from certsync.adapters.registry import open_tracker
    from certsync.config import load_config

    tracker = open_tracker(load_config(contract._config(section, "cohorts.toml")), "notion")
    try:
        read = by_sample_id(contract, tracker.read(None).enrollments)
        assert {s for s, r in read.items() if r.enrollment.cohort == "AWS autumn 2026"} == {"enr-01", "enr-07", "enr-11"}
        assert all(r.enrollment.cohort is None and r.problems == () for s, r in read.items()
                   if s not in ("enr-01", "enr-07", "enr-11"))
        assert len(tracker.cohort_names) == 1  # the cohort's page read once, however many link to it
        sessions = {contract.sample_id(s.id): s for s in tracker.sessions()}
        assert sessions["ses-04"].cohort == "AWS autumn 2026" and sessions["ses-01"].cohort is None
    finally:
        tracker.close()


def test_a_notion_session_with_more_attendees_than_a_page_lists_has_them_all(contract):
    _notion_only(contract)
    api, template = contract.api, contract.template
    many = [api.pages.create(parent={"type": "data_source_id", "data_source_id": template.enrollments},
                             properties={"Name": {"title": [{"type": "text", "text": {"content": f"Guest {n}"}}]}})["id"]
            for n in range(30)]
    api.pages.update(page_id=contract.id("ses-01"), properties={"Attendees": {"relation": [{"id": i} for i in many]}})
    before = contract.tracker.requests
    sessions = {contract.sample_id(s.id): s for s in contract.tracker.sessions()}
    assert sorted(sessions["ses-01"].attendees) == sorted(many)
    assert contract.tracker.requests - before == 2  # the query, and the rest of that one relation
