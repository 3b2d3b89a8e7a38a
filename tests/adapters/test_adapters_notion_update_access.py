"""`check` reports a token that may not update pages (every pass would fail to write its owned
fields), and finds out without changing any page."""

from __future__ import annotations

import httpx
import pytest
from notion_client.errors import APIResponseError

from certsync.adapters.notion.schema import PROBE_PROPERTY, check, probe_update

from notion_builders import notion_tracker


def page_writes(tracker) -> int:
    return tracker.writes().get("PATCH /v1/pages/{page_id}", 0)


def test_check_reports_a_token_without_update_content(tracker):
    tracker.sandbox.set_capabilities(update_content=False)
    problems = check(notion_tracker(tracker)).problems
    [problem] = [line for line in problems if "update pages" in line]
    assert "enable 'Update content' for the integration" in problem
    assert "403 restricted_resource" in problem


def test_the_probe_changes_no_page_when_the_token_may_update(tracker):
    before = {sample: tracker.page(sample)["last_edited_time"] for sample in tracker.pages}
    tracker.sandbox.reset_stats()
    assert not [line for line in check(notion_tracker(tracker)).problems if "update pages" in line]
    assert page_writes(tracker) == 0
    assert {sample: tracker.page(sample)["last_edited_time"] for sample in tracker.pages} == before


def answering(status, code):
    def update_page(properties):
        assert properties == {PROBE_PROPERTY: {"rich_text": []}}
        raise APIResponseError(code, status, "what Notion said", httpx.Headers(), "")
    return update_page


@pytest.mark.parametrize("status,code,expected", [
    (400, "validation_error", None),  # allowed: the probe's property does not exist
    (403, "restricted_resource", "cannot update pages, so no pass can write Status, Flags or Sync problem"),
    (404, "object_not_found", "cannot tell whether the token may update pages: Notion answered 404"),
])
def test_the_probe_reads_notions_answer(status, code, expected):
    problem = probe_update(answering(status, code))
    assert (problem or "")[:len(expected or "")] == (expected or "")
    assert (problem is None) == (expected is None)
