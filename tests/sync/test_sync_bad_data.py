"""Bad data is reported per record, in the output and in `Sync problem`; the rest still syncs."""

from __future__ import annotations

from certsync.adapters.notion import values as read

from test_sync_sample import EXPECTED


def add_check_in(tracker, enrollment, **props):
    base = {"Name": {"title": [{"type": "text", "text": {"content": "bad"}}]}}
    if enrollment:
        base["Enrollment"] = {"relation": [{"id": tracker.pages[enrollment]}]}
    return tracker.api.pages.create(parent={"type": "data_source_id", "data_source_id": tracker.template.check_ins},
                                    properties={**base, **props})


def sync_problem(tracker, sample_id):
    return read.text(tracker.page(sample_id)["properties"]["Sync problem"])


def test_a_corpus_of_bad_values_is_reported_per_record_while_the_rest_syncs(tracker):
    week = {"Week of": {"date": {"start": "2026-11-17"}}}
    add_check_in(tracker, "enr-01", **week, Confidence={"number": 9})
    add_check_in(tracker, "enr-07", **week, Hours={"number": -3})
    add_check_in(tracker, "enr-08", **week, **{"Practice score": {"number": 250}})
    add_check_in(tracker, "enr-09", Hours={"number": 4})  # no week
    add_check_in(tracker, None, **week, Hours={"number": 4})  # linked to no enrollment
    add_check_in(tracker, "enr-10", **week, Milestones={"select": {"name": "Maybe"}})
    tracker.api.pages.update(page_id=tracker.pages["enr-12"], properties={"Study start": {"date": None}})

    report = tracker.sync()

    assert report.exit_code == 1
    bad = {"enr-01": "Confidence: expected a whole number from 1 to 5, found 9",
           "enr-07": "Hours: expected hours between 0 and 168 (a week), found -3",
           "enr-08": "Practice score: expected a score from 0 to 100%, found 250",
           "enr-09": "Week of: expected a value, found an empty field",
           "enr-10": "Milestones: expected Yes, Partial or No, found 'Maybe' (select)",
           "enr-12": "Study start: expected a value, found an empty field"}
    for sample_id, message in bad.items():
        assert message in sync_problem(tracker, sample_id), sample_id
        assert any(message in line for line in report.problems), message
    assert any("Enrollment: expected a value" in line for line in report.problems)
    # Records with a problem keep their other owned values; every other one is synced as usual.
    for sample_id, (status, _flags) in EXPECTED.items():
        page = tracker.page(sample_id)["properties"]
        if sample_id in bad:
            assert page["Status"]["select"] is None
        else:
            assert page["Status"]["select"]["name"] == status
            assert sync_problem(tracker, sample_id) == ""


def test_fixing_the_value_clears_the_problem(tracker):
    latest = max(key for key in tracker.pages if key.startswith("ci-01-"))
    tracker.api.pages.update(page_id=tracker.pages[latest], properties={"Confidence": {"number": 9}})
    tracker.sync()
    assert "Confidence" in sync_problem(tracker, "enr-01")
    tracker.api.pages.update(page_id=tracker.pages[latest], properties={"Confidence": {"number": 4}})
    report = tracker.sync()
    assert sync_problem(tracker, "enr-01") == ""
    assert tracker.page("enr-01")["properties"]["Status"]["select"]["name"] == "On track"
    assert report.exit_code == 0, (report.problems, [(o.error, o.comment_error) for o in report.failures])


def test_text_in_a_number_field_is_named(tracker):
    tracker.api.data_sources.update(data_source_id=tracker.template.check_ins,
                                    properties={"Hours note": {"rich_text": {}}})
    config = tracker.config_path.read_text() + '\n[notion.check_in_fields]\nhours = "Hours note"\n'
    tracker.config_path.write_text(config.replace("[sync]", "[sync]", 1))
    add_check_in(tracker, "enr-03", **{"Week of": {"date": {"start": "2026-11-18"}}},
                 **{"Hours note": {"rich_text": [{"type": "text", "text": {"content": "three"}}]}})
    report = tracker.sync()
    assert "Hours note: expected a number, found 'three' (rich_text)" in sync_problem(tracker, "enr-03")
    assert any("found 'three'" in line for line in report.problems)


def test_a_problem_text_longer_than_notion_takes_is_cut_cleanly(tracker):
    for day in range(60):
        add_check_in(tracker, "enr-01", **{"Week of": {"date": {"start": f"2026-10-{day % 28 + 1:02d}"}}},
                     Confidence={"number": 40 + day})
    report = tracker.sync()
    text = sync_problem(tracker, "enr-01")
    assert report.exit_code == 1 and not report.failures
    assert len(text) <= 2000 and text.endswith(" …")
    assert text.startswith("Check-in 'bad'")
    assert tracker.sync().written == 0  # the cut text is what certsync compares with next time
