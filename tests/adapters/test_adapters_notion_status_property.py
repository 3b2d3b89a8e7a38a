"""A `Status` made a Notion `status` property: `check` and `provision` verify it has every option
certsync writes, and say how to add the missing ones in the Notion app, since the API cannot add
options to a status property (every write of a missing one would fail)."""

from __future__ import annotations

import pytest

from certsync.adapters.notion.schema import check, provision
from certsync.sync.sample_program import sample_program

from notion_builders import notion_tracker

STATUSES = ["On track", "Slightly behind", "At risk", "Completed"]


def make_status_a_status_property(tracker, options=None):
    """As a user would in the app: Status retyped to `status` (with Notion's default options)."""
    source = tracker.template.enrollments
    tracker.api.data_sources.update(data_source_id=source, properties={"Status": None})
    body = {} if options is None else {"options": [{"name": name} for name in options]}
    tracker.api.data_sources.update(data_source_id=source, properties={"Status": {"status": body}})
    return tracker.api.data_sources.retrieve(data_source_id=source)["properties"]["Status"]


def status_problems(report):
    return [line for line in report.problems if "status property" in line]


@pytest.mark.parametrize("options,missing", [
    (None, STATUSES),
    (["Not started", "On track", "At risk"], ["Slightly behind", "Completed"]),
])
def test_check_names_the_missing_options_and_how_to_add_them_in_notion(tracker, options, missing):
    make_status_a_status_property(tracker, options)
    [problem] = status_problems(check(notion_tracker(tracker)))
    names = ", ".join(f'"{name}"' for name in missing)
    assert problem.startswith(f"Enrollments: 'Status' is a Notion status property without the options {names}")
    assert "the API cannot add options to a status property" in problem
    assert f"open the '{sample_program().name}: Enrollments' database" in problem and "Edit property" in problem
    assert f"add {names} under any group" in problem


def test_provision_reports_the_missing_options_and_does_not_try_to_add_them(tracker):
    before = make_status_a_status_property(tracker)
    tracker.sandbox.reset_stats()
    report = provision(notion_tracker(tracker))
    [problem] = status_problems(report)
    assert '"On track", "Slightly behind", "At risk", "Completed"' in problem and "Edit property" in problem
    assert not any("'Status'" in change for change in report.changes)
    assert "PATCH /v1/data_sources/{data_source_id}" not in tracker.writes()
    after = tracker.api.data_sources.retrieve(data_source_id=tracker.template.enrollments)["properties"]["Status"]
    assert after == before


def test_a_status_property_with_every_option_passes_check_and_provision(tracker):
    make_status_a_status_property(tracker, ["Not started", *STATUSES])
    assert status_problems(check(notion_tracker(tracker))) == []
    report = provision(notion_tracker(tracker))
    assert report.problems == [] and report.changes == []
