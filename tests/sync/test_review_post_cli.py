"""certsync post-reviews, end to end through the CLI on the Notion and Asana sandboxes: what is due
is said by --dry-run and posted once; a second run posts nothing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

from certsync.sync.cli import cli
from remind_builders import BERLIN, asana_rhythm, notion_rhythm
from review_builders import ReviewTimeline, marker_of, review_program


@pytest.fixture(params=["notion", "asana"])
def timeline(request, sandbox, tmp_path, monkeypatch):
    from certsync.sandbox.core.clock import Clock

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    offset = Clock.offset
    make = notion_rhythm if request.param == "notion" else asana_rhythm
    r = make(tmp_path, datetime(2026, 9, 7, 8, tzinfo=BERLIN), sandbox, monkeypatch, review_program())
    t = ReviewTimeline(r)
    t.move_to(datetime(2026, 12, 4, 16, 30, tzinfo=BERLIN))
    yield t
    r.close()
    Clock.offset = offset


def post(t, *options):
    result = CliRunner().invoke(cli, ["post-reviews", "-c", str(t.r.config_path), "--now", "2026-12-04T16:30",
                                      "--json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_post_reviews_says_what_is_due_then_posts_each_once(timeline):
    dry = post(timeline, "--dry-run")
    due = {(r["kind"], r["period"]) for r in dry["reviews"] if not r["nothing_to_review"]}
    assert due == {("weekly", "2026-W49"), ("biweekly", "2026-W47-W48"), ("monthly", "2026-10"), ("quarterly", "2026-Q3")}
    assert timeline.posted() == []
    first = post(timeline)
    assert {(r["kind"], r["period"]) for r in first["reviews"] if r["posted"]} == due
    weekly = next(r for r in first["reviews"] if r["kind"] == "weekly")
    assert weekly["team_update"] == ("none" if timeline.r.kind == "notion" else "posted")
    again = post(timeline)
    assert [r for r in again["reviews"] if r["posted"]] == []
    assert sorted(p.kind for p in timeline.posted() if p.kind == "review") == ["review"] * 4


def test_only_the_kind_asked_for_is_posted(timeline):
    report = post(timeline, "--kind", "weekly")
    assert [(r["kind"], r["posted"]) for r in report["reviews"]] == [("weekly", True)]
    assert len([p for p in timeline.posted() if p.kind == "review"]) == 1


def test_certsync_schedule_gives_the_job_a_review_round_at_each_reviews_moment(timeline, monkeypatch):
    import certsync.sync.job as job

    given = {}

    def fake_run_every(minutes, one_pass, **options):
        given.update(options)
        return 0

    monkeypatch.setattr(job, "run_every", fake_run_every)
    result = CliRunner().invoke(cli, ["schedule", "-c", str(timeline.r.config_path), "--passes", "1"])
    assert result.exit_code == 0, result.output
    [reviews] = given["rounds"]
    thursday = datetime(2026, 12, 3, 12, tzinfo=BERLIN)
    assert reviews.name == "review round"
    assert reviews.next_moment(thursday) == datetime(2026, 12, 4, 16, tzinfo=BERLIN)  # Friday's weekly review
    assert reviews.next_moment(datetime(2026, 12, 4, 16, tzinfo=BERLIN)) == datetime(2026, 12, 7, 9, tzinfo=BERLIN)
    monkeypatch.setattr("certsync.sync.review_round.datetime", _Frozen)
    reviews.work()  # a round now, on the sandbox: the reviews due on Friday evening
    assert {p.marker for p in timeline.posted() if p.kind == "review"} == {
        marker_of(k, p) for k, p in (("weekly", "2026-W49"), ("biweekly", "2026-W47-W48"), ("monthly", "2026-10"),
                                     ("quarterly", "2026-Q3"))}


class _Frozen(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 12, 4, 16, 30, tzinfo=BERLIN).astimezone(tz)
