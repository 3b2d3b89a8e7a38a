"""A 13-week program's reviews, posted by review rounds as the job runs them, on every tracker.

The clock moves from Monday 7 Sep 2026 to Monday 4 Jan 2027 (the sandbox's with it), check-ins
arrive on Fridays at noon, and a round runs at each moment the job schedules one. Each review is
posted once, at its moment, with the figures worked out by hand in tests/rules/test_rules_reviews.py;
rounds in between post nothing; a review missed while the job was down is posted when it returns,
while its period is still the one due, and not after.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from certsync.sync.job import next_review
from remind_builders import rhythm  # noqa: F401 (the fixture)
from review_builders import END, START, ReviewTimeline, at, marker_of, review_program

FRIDAYS = [date(2026, 9, 11) + timedelta(weeks=n) for n in range(17)]  # W37 … W53
EXPECTED = sorted(
    [(at(day, 16), "weekly", f"{day.isocalendar().year}-W{day.isocalendar().week:02d}") for day in FRIDAYS]
    + [(at(date(2026, 9, 21), 9), "biweekly", "2026-W37-W38"), (at(date(2026, 10, 5), 9), "biweekly", "2026-W39-W40"),
       (at(date(2026, 10, 19), 9), "biweekly", "2026-W41-W42"), (at(date(2026, 11, 2), 9), "biweekly", "2026-W43-W44"),
       (at(date(2026, 11, 16), 9), "biweekly", "2026-W45-W46"), (at(date(2026, 11, 30), 9), "biweekly", "2026-W47-W48"),
       (at(date(2026, 12, 14), 9), "biweekly", "2026-W49-W50"), (at(date(2026, 12, 28), 9), "biweekly", "2026-W51-W52"),
       (at(date(2027, 1, 4), 9), "biweekly", "2026-W53")]
    + [(at(date(2026, 10, 5), 9), "monthly", "2026-09"), (at(date(2026, 11, 2), 9), "monthly", "2026-10"),
       (at(date(2026, 12, 7), 9), "monthly", "2026-11"), (at(date(2027, 1, 4), 9), "monthly", "2026-12")]
    + [(at(date(2026, 10, 5), 9), "quarterly", "2026-Q3"), (at(date(2027, 1, 4), 9), "quarterly", "2026-Q4")],
    key=lambda e: (e[0], ["weekly", "biweekly", "monthly", "quarterly"].index(e[1])))
# Not posted: on Mon 7 Sep the biweekly review of W35–W36 and the monthly one of August (nobody
# had begun studying).


def timeline(rhythm):
    t = ReviewTimeline(rhythm(START, review_program()))
    path = t.r.config_path
    path.write_text(path.read_text().replace('timezone = "Europe/Berlin"\n', 'timezone = "Europe/Berlin"\nbudget = 5000\n'))
    return t


def moments():
    zone_now, settings, policy = START, None, None
    from certsync.rules.policy import Policy
    from certsync.rules.review_periods import ReviewSettings

    settings, policy = ReviewSettings(), Policy()
    while True:
        zone_now = next_review(zone_now, settings, policy)
        if zone_now > END:
            return
        yield zone_now


@pytest.fixture
def program_run(rhythm):  # noqa: F811
    """The whole run: {moment: postings} and the timeline."""
    t = timeline(rhythm)
    posted = []
    for moment in moments():
        t.move_to(moment)
        report = t.round()
        assert report.exit_code == 0, report.lines()
        posted += [(moment, p.kind, p.period) for p in report.postings if p.posted]
        quiet = t.round()  # a retry or a second job at the same moment
        assert [p for p in quiet.postings if p.posted] == []
    return t, posted


def test_each_review_is_posted_once_at_its_moment(program_run):
    t, posted = program_run
    assert posted == EXPECTED
    found = Counter(p.marker for p in t.posted() if p.kind == "review")
    assert found == Counter(marker_of(kind, period) for _, kind, period in EXPECTED)
    if t.r.kind != "memory":  # the tool's own clock (moved with certsync's, from today) says when
        created = {p.marker: p.created for p in t.posted() if p.kind == "review"}
        offset = created[marker_of("weekly", "2026-W37")] - EXPECTED[0][0]
        for moment, kind, period in EXPECTED:
            assert abs(created[marker_of(kind, period)] - moment - offset) < timedelta(minutes=2), (kind, period)


def test_the_weekly_counts_go_where_every_follower_sees_them_once_per_week(program_run):
    t, _ = program_run
    updates = [p for p in t.posted() if p.kind == "team-update"]
    if t.r.kind == "notion":
        assert updates == []  # Notion keeps no followers' view
        return
    assert Counter(p.marker for p in updates) == Counter(
        marker_of("weekly", period, "team-update") for _, kind, period in EXPECTED if kind == "weekly")
    week49 = next(p.text for p in updates if p.marker == marker_of("weekly", "2026-W49", "team-update"))
    assert "2 on track, 1 slightly behind, 1 at risk, 3 completed, 2 not in yet" in week49
    assert "Ben Brown" in week49  # the completion, celebrated
    for private in ("Finn Fox", "Lab cluster", "h ", "%"):  # nobody's flags, blockers, hours or scores
        assert private not in week49


def text_of(t, kind, period):
    return next(p.text for p in t.posted() if p.kind == "review" and p.marker == marker_of(kind, period))


def test_the_posted_reviews_hold_the_figures_worked_out_by_hand(program_run):
    t, _ = program_run
    weekly = text_of(t, "weekly", "2026-W49")
    assert "Finn Fox (CKA): Under half of target, 2 weeks: Logged 3.0 h and 2.0 h in the weeks of 23 and 30 Nov" in weekly
    assert "Cleo Chen (AWS SAA)" in weekly.split("Not in yet")[-1] and "Lab cluster keeps crashing" in weekly
    monthly = text_of(t, "monthly", "2026-11")
    assert "233 h logged of 242 h planned (96%)." in monthly and "2,480.00 spent of a 5,000.00 budget (50%)." in monthly
    assert "Autumn cohort | 2 | 62%" in monthly  # 3 of 4 members on 3 Nov, 2 of 4 on 10 Nov
    assert "Winter cohort | 2 | fewer than 3" in monthly  # Finn alone: his attendance is his
    quarterly = text_of(t, "quarterly", "2026-Q4")
    assert "Pass rate | 67%" in quarterly and "First-attempt pass rate | 50%" in quarterly
    assert "Cost per certification | 620.00" in quarterly


def test_no_review_names_a_failed_attempt_and_small_groups_are_withheld(program_run):
    t, _ = program_run
    quarterly = text_of(t, "quarterly", "2026-Q4")
    for name in ("Ana Alves", "Ben Brown", "Cleo Chen", "Dev Das", "Finn Fox", "Gus Green"):
        assert name not in quarterly
    assert "fewer than 3" in quarterly and "withheld" in quarterly
    for p in t.posted():
        assert "failed" not in p.text.lower()


def test_a_review_missed_while_the_job_was_down_is_posted_when_it_returns_within_its_period(rhythm):  # noqa: F811
    t = timeline(rhythm)
    t.move_to(at(date(2026, 11, 27), 15))
    t.round()  # the job ran until Friday afternoon, then went down before 16:00
    t.move_to(at(date(2026, 11, 29), 20))  # back on Sunday evening: the week's review is still due
    late = t.round()
    assert [(p.kind, p.period) for p in late.postings if p.posted] == [("weekly", "2026-W48")]
    t.move_to(at(date(2026, 12, 4), 17))  # down all week: Monday's biweekly review is posted late, and
    assert [(p.kind, p.period) for p in t.round().postings if p.posted] == [  # W49's, not W48's again
        ("weekly", "2026-W49"), ("biweekly", "2026-W47-W48")]
    t.move_to(at(date(2026, 12, 19), 10))  # down from then to Saturday 19 Dec: W50's review is past its
    assert [(p.kind, p.period) for p in t.round().postings if p.posted] == [  # period, the others are due
        ("weekly", "2026-W51"), ("biweekly", "2026-W49-W50"), ("monthly", "2026-11")]
    assert marker_of("weekly", "2026-W50") not in {p.marker for p in t.posted()}
