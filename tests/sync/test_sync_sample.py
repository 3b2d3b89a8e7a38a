"""The sample program synced into a Notion tracker: what managers see after a pass."""

from __future__ import annotations

from certsync.adapters.notion import values as read
from certsync.sync.sample_program import sample_program

# What each enrollment page must show after one pass as of the sample date (written by hand).
EXPECTED = {
    "enr-01": ("On track", set()),
    "enr-02": ("At risk", {"Under half of target – 2 weeks", "Far off pace for exam", "Behind plan",
                           "Milestones partly done", "Missed the last two sessions"}),
    "enr-03": ("At risk", {"No hours logged", "Far off pace for exam"}),
    "enr-04": ("At risk", {"Practice score dropped"}),
    "enr-05": ("At risk", {"Exam postponed 2+ times"}),
    "enr-06": ("At risk", {"Low confidence", "Milestones missed"}),
    "enr-07": ("Slightly behind", {"Under target"}),
    "enr-08": ("Slightly behind", {"Behind plan", "Off pace for exam"}),
    "enr-09": ("Slightly behind", {"Score plateau", "Milestones partly done"}),
    "enr-10": ("Slightly behind", {"Exam postponed"}),
    "enr-11": ("Completed", set()),
    "enr-12": ("On track", set()),
}
NEWLY_RED = {"enr-02", "enr-03", "enr-04", "enr-05", "enr-06"}


def props(page):
    return page["properties"]


def test_every_enrollment_gets_its_status_flags_and_details(tracker):
    report = tracker.sync()
    assert report.exit_code == 0, report.problems
    for sample_id, (status, flags) in EXPECTED.items():
        p = props(tracker.page(sample_id))
        assert p["Status"]["select"]["name"] == status, sample_id
        assert {o["name"] for o in p["Flags"]["multi_select"]} == flags, sample_id
        details = read.text(p["Flag details"])
        for flag in flags:
            assert f"{flag.replace(' –', ',')}: " in details, (sample_id, details)
        assert p["Last synced"]["date"]["start"] == "2026-11-21"
        assert read.text(p["Sync problem"]) == ""


def test_flag_details_cite_the_numbers_behind_them(tracker):
    tracker.sync()
    details = read.text(props(tracker.page("enr-02"))["Flag details"])
    assert "Under half of target, 2 weeks: Logged" in details  # the rule's own name in text
    assert "Nov" in details and " h" in details


def test_postponements_come_from_the_tracker_and_are_written_back(tracker):
    tracker.sync()
    assert props(tracker.page("enr-05"))["Postponements"]["number"] == 2
    assert props(tracker.page("enr-10"))["Postponements"]["number"] == 1
    assert props(tracker.page("enr-01"))["Postponements"]["number"] == 0


def test_one_comment_exactly_where_a_red_flag_is_new_mentioning_the_manager(tracker):
    report = tracker.sync()
    assert report.comments == len(NEWLY_RED)
    for sample_id in EXPECTED:
        comments = tracker.comments(sample_id)
        assert len(comments) == (1 if sample_id in NEWLY_RED else 0), sample_id
    managers = {e.id: e.manager.name for e in sample_program().enrollments}
    for sample_id in NEWLY_RED:
        manager = managers[sample_id]
        parts = tracker.comments(sample_id)[0]["rich_text"]
        mention = parts[0]
        assert mention["type"] == "mention" and mention["mention"]["type"] == "user"
        assert manager in mention["plain_text"]
        text = "".join(part["plain_text"] for part in parts)
        assert "is now At risk" in text and "five-minute conversation" in text


def test_a_second_pass_over_unchanged_data_writes_nothing(tracker):
    tracker.sync()
    before = tracker.writes()
    report = tracker.sync()
    after = tracker.writes()
    assert report.written == 0 and report.comments == 0
    assert after.get("PATCH /v1/pages/{page_id}", 0) == before.get("PATCH /v1/pages/{page_id}", 0)
    assert after.get("POST /v1/comments", 0) == before.get("POST /v1/comments", 0)


def test_only_owned_properties_are_ever_written(tracker):
    before = {sid: props(tracker.page(sid)) for sid in EXPECTED}
    tracker.sync()
    owned = {"Status", "Flags", "Flag details", "Postponements", "Last synced", "Sync problem",
             "Weeks completed", "Hours last week", "Hours vs plan", "Latest score", "Score trend", "Projected ready"}
    for sid, old in before.items():
        new = props(tracker.page(sid))
        for name, value in old.items():
            if name not in owned and value["type"] not in ("last_edited_time", "last_edited_by"):
                assert new[name] == value, (sid, name)


def test_dry_run_plans_but_writes_nothing(tracker):
    report = tracker.sync(dry_run=True)
    assert sum(bool(o.action.changes) for o in report.outcomes) == len(EXPECTED)
    assert sum(bool(o.action.comment) for o in report.outcomes) == len(NEWLY_RED)
    assert "PATCH /v1/pages/{page_id}" not in tracker.writes()
    assert props(tracker.page("enr-02"))["Status"]["select"] is None


def test_a_pass_reports_its_progress_reading_then_writing(tracker):
    seen = []
    tracker.sync(progress=lambda what, done, total: seen.append((what, done, total)))
    assert seen[0][0] == "reading" and seen[0][1] > 0
    reading = [done for what, done, _ in seen if what == "reading"]
    assert reading[-1] == len(EXPECTED) + sum(1 for row in tracker.api.data_sources.query(
        data_source_id=tracker.template.check_ins, page_size=100)["results"])
    assert seen[-1] == ("writing", len(EXPECTED), len(EXPECTED))


def test_every_summary_field_is_written_for_the_sample(tracker):
    from sample_summaries import SUMMARIES

    tracker.sync()
    for sid, (weeks, last, vs_plan, score, trend, ready) in SUMMARIES.items():
        p = props(tracker.page(sid))
        assert p["Weeks completed"]["number"] == weeks, sid
        assert p["Hours last week"]["number"] == last, sid
        assert p["Hours vs plan"]["number"] == vs_plan, sid
        shown = p["Latest score"]["number"]  # a percent-formatted number holds a fraction
        assert (None if shown is None else round(shown * 100, 4)) == score, sid
        assert read.text(p["Score trend"]) == (trend or ""), sid
        assert (p["Projected ready"]["date"] or {}).get("start") == (ready.isoformat() if ready else None), sid
    assert tracker.sync().written == 0  # read back as written: nothing differs
