"""The four reviews of a small 13-week program, every figure worked out by hand (see review_program.py)."""

from datetime import date

import pytest

from certsync.rules.model import Status
from certsync.rules.reviews import (
    COMPLEMENT, FEWER, FIGURES, ReviewData, biweekly_review, monthly_review, quarterly_review, weekly_review,
)
from certsync.rules.targets import Targets

from review_program import ENROLLMENTS, EVE, SPRING, check_ins, sessions, with_spring_cohort


@pytest.fixture
def data():
    return ReviewData.of(ENROLLMENTS, check_ins(), program="Cloud certs")


def names(items):
    return [item.who.name if hasattr(item, "who") else item.name for item in items]


def test_weekly_review_of_the_week_of_30_nov_as_of_friday_4_dec(data):
    review = weekly_review(data, today=date(2026, 12, 4))
    assert review.period.key == "2026-W49" and review.as_of == date(2026, 12, 4)
    c = review.counts
    # Completed: Ana, Ben (4 Dec), Dev; on track: Eve, Gus; behind: Jo; at risk: Finn;
    # not in yet: Cleo, Hana (no check-in for the week); not started: Ivy.
    assert (c.completed, c.on_track, c.slightly_behind, c.at_risk, c.not_in_yet, c.not_started) == (3, 2, 1, 1, 2, 1)
    assert names(review.not_in_yet) == ["Cleo Chen", "Hana Hill"]
    assert names(review.completed) == ["Ben Brown"]  # certified this week; Ana and Dev before
    [red] = review.turned_red
    assert (red.who.name, red.before, red.now) == ("Finn Fox", Status.SLIGHTLY_BEHIND, Status.AT_RISK)
    assert [f.name for f in red.flags] == ["Under half of target, 2 weeks", "Far off pace for exam"]
    assert red.flags[0].reason == "Logged 3.0 h and 2.0 h in the weeks of 23 and 30 Nov, under half of the 8 h target."
    [yellow] = review.turned_yellow
    assert yellow.who.name == "Jo Jones" and [f.name for f in yellow.flags] == ["Under target", "Milestones partly done"]
    [back] = review.recovered
    assert (back.who.name, back.before) == ("Gus Green", Status.AT_RISK)  # no hours on 23 Nov, 16 h on 30 Nov
    [talk] = review.conversations
    assert talk.who.name == "Finn Fox" and talk.blocker == "Lab cluster keeps crashing"
    assert "Five minutes with Finn" in talk.suggestion and "Lab cluster keeps crashing" in talk.suggestion
    assert names(review.great_progress) == [EVE, "Gus Green"]  # alphabetical ("*" sorts first)
    assert review.great_progress[1].text == (
        "Great progress, Gus: 16.0 h this week against your 8 h target towards AWS SAA. Keep it up!")
    assert [w.monday for w in review.weeks][-1] == date(2026, 11, 30) and len(review.weeks) == 6
    assert review.weeks[-1].counts == c
    # The week before: Ana, Dev completed; Ben, Cleo, Eve, Jo on track; Finn behind; Gus, Hana at risk; Ivy not started.
    before = review.weeks[-2].counts
    assert (before.completed, before.on_track, before.slightly_behind, before.at_risk, before.not_started) == (2, 4, 1, 2, 1)


def test_biweekly_review_of_weeks_47_and_48(data):
    review = biweekly_review(data, today=date(2026, 11, 30))
    assert review.period.key == "2026-W47-W48"
    assert [(t.who.name, t.first, t.latest) for t in review.trends] == [
        ("Ana Alves", 60, 74), ("Finn Fox", 70, 72), ("Gus Green", 62, 70), ("Hana Hill", 78, 72)]
    assert review.trends[0].line == "60% → 74% ▁▅█"
    assert names(review.drops) == ["Hana Hill"]
    assert review.drops[0].flags[0].reason == "Practice score fell from 78% to 72% (weeks of 2 and 16 Nov)."
    assert names(review.plateaus) == ["Finn Fox"]
    assert [(d.topic, names(d.engineers)) for d in review.weak_domains] == [
        ("Networking", ["Finn Fox", "Hana Hill"]), ("Storage", ["Finn Fox", "Jo Jones"])]  # IAM policies: Gus alone
    assert review.weak_domains[0].suggestion == "A group session on Networking"


def test_monthly_review_of_november(data):
    review = monthly_review(data, today=date(2026, 12, 7), budget=5000)
    assert review.period.key == "2026-11" and review.as_of == date(2026, 11, 27)
    c = review.counts  # as of the week of 23 Nov
    assert (c.completed, c.on_track, c.slightly_behind, c.at_risk, c.not_started) == (2, 4, 1, 2, 1)
    assert review.share_on_track == pytest.approx(4 / 7)
    assert names(review.projected_to_miss) == ["Finn Fox", "Gus Green"]
    assert "12 Dec" not in review.projected_to_miss[0].reason and "26 Dec" in review.projected_to_miss[0].reason
    assert [(f.who.name, f.reason) for f in review.dropout_risk] == [
        ("Hana Hill", "At risk two weeks running (the weeks of 16 and 23 Nov).")]
    # Weeks of 2-23 Nov, not yet certified: Ana 2 weeks, Dev 1, the others 4 (Ivy none).
    assert review.hours_logged == 16 + 32 + 32 + 10 + 36 + 27 + 24 + 24 + 32 == 233
    assert review.hours_planned == 16 + 32 + 32 + 10 + 32 + 32 + 32 + 24 + 32 == 242
    assert (review.costs_tracked, review.cost, review.budget) == (True, 2480, 5000)


def test_quarterly_review_of_q4_against_the_targets(data):
    review = quarterly_review(data, today=date(2027, 1, 4))
    assert review.period.key == "2026-Q4"
    o = review.overall  # Ana, Ben, Cleo, Dev, Eve, Finn sat; 4 passed
    assert (o.people, o.certifications) == (6, 4)
    assert o.pass_rate.value == pytest.approx(4 / 6, abs=1e-4)
    assert o.first_attempt_pass_rate.value == pytest.approx(3 / 6)  # Ana, Dev, Eve
    assert o.average_attempts.value == pytest.approx((1 + 2 + 1 + 1) / 4)
    assert o.average_hours.value == pytest.approx((88 + 104 + 100 + 117) / 4)
    assert o.average_weeks.value == pytest.approx((74 + 88 + 67 + 95) / 7 / 4, abs=1e-4)
    assert o.cost_per_certification.value == pytest.approx(2480 / 4)
    assert o.satisfaction.value == pytest.approx(25 / 6, abs=1e-4)
    assert [(t.figure, t.met) for t in review.against_targets] == [
        ("First-attempt pass rate", False), ("Study hours per certification", True),
        ("Weeks to certification", False), ("Satisfaction", False)]
    aws, cka = review.by_certification
    assert (aws.group, aws.people, aws.certifications, cka.group, cka.people, cka.certifications) == (
        "AWS SAA", 3, 2, "CKA", 3, 2)
    assert aws.pass_rate.value == pytest.approx(2 / 3, abs=1e-4) and aws.pass_rate.shown
    assert cka.first_attempt_pass_rate.value == pytest.approx(2 / 3, abs=1e-4) and cka.first_attempt_pass_rate.shown
    assert aws.average_hours.withheld == FEWER == cka.average_hours.withheld  # 2 certified each


def test_groups_under_three_are_withheld_and_so_is_the_group_that_would_reveal_them(data):
    review = quarterly_review(data, today=date(2027, 1, 4))
    autumn, self_study, winter = review.by_cohort
    assert (autumn.group, self_study.group, winter.group) == ("Autumn cohort", "Self-study", "Winter cohort")
    assert self_study.pass_rate.withheld == FEWER == winter.pass_rate.withheld
    # Autumn's 4 people and the program's 6 would give away Eve's and Finn's results together.
    assert autumn.pass_rate.withheld == COMPLEMENT
    cohort, alone = review.cohort_vs_self_study
    # How many sat is withheld with the pass rate: with the certifications it would count the failures.
    assert (cohort.people, alone.people) == (None, None)
    assert (autumn.people, self_study.people, winter.people) == (None, None, None)
    assert alone.pass_rate.withheld == FEWER and cohort.pass_rate.withheld == COMPLEMENT
    assert alone.first_attempt_pass_rate.withheld and cohort.first_attempt_pass_rate.withheld
    # Completions are not private: counted in every group.
    assert (cohort.certifications, alone.certifications) == (3, 1)


def test_a_breakdown_needs_no_complement_when_the_total_is_withheld_itself():
    from certsync.rules.model import Enrollment
    two = [Enrollment(id=f"e{i}", name=f"E{i}", certification="X", exam_date=date(2026, 11, 2), exam_result="Failed",
                      attempts=1) for i in range(2)]
    review = quarterly_review(ReviewData.of(two, []), today=date(2027, 1, 4))
    assert review.overall.pass_rate.withheld == FEWER
    assert review.by_certification[0].pass_rate.withheld == FEWER


def test_the_reviews_never_order_people_by_what_they_did(data):
    weekly = weekly_review(data, today=date(2026, 12, 4))
    for group in (weekly.not_in_yet, [m.who for m in weekly.great_progress]):
        assert [p.name.casefold() for p in group] == sorted(p.name.casefold() for p in group)
    biweekly = biweekly_review(data, today=date(2026, 11, 30))
    assert [t.who.name for t in biweekly.trends] == sorted(t.who.name for t in biweekly.trends)


def test_targets_have_the_benchmark_defaults():
    t = Targets()
    assert (t.first_attempt_pass_rate_low, t.first_attempt_pass_rate_high) == (0.8, 0.9)
    assert (t.study_hours_low, t.study_hours_high, t.weeks_low, t.weeks_high, t.satisfaction_min) == (85, 120, 6, 10, 4.2)


def test_a_small_group_reads_the_same_whether_or_not_its_member_sat_an_exam():
    # Finn (Winter cohort, alone) failed; Ivy, alone in a Spring cohort, has not sat yet.
    enrollments = [e.model_copy(update={"cohort": "Spring cohort"}) if e.id == "ivy" else e for e in ENROLLMENTS]
    review = quarterly_review(ReviewData.of(enrollments, check_ins()), today=date(2027, 1, 4))
    groups = {g.group: g for g in review.by_cohort}
    spring, winter = groups["Spring cohort"], groups["Winter cohort"]
    assert spring.model_dump(exclude={"group"}) == winter.model_dump(exclude={"group"})
    assert winter.people is None and winter.pass_rate.withheld == FEWER


def test_a_withheld_figure_keeps_no_value(data):
    review = quarterly_review(data, today=date(2027, 1, 4))
    for group in (*review.by_certification, *review.by_cohort, *review.cohort_vs_self_study):
        for name in FIGURES:
            figure = getattr(group, name)
            assert not figure.withheld or (figure.value is None and figure.people is None)


@pytest.fixture
def with_sessions():
    return ReviewData.of(with_spring_cohort(ENROLLMENTS), check_ins(), program="Cloud certs", sessions=sessions())


def test_monthly_review_shows_each_cohorts_attendance_with_a_cohort_under_three_withheld(with_sessions):
    review = monthly_review(with_sessions, today=date(2026, 12, 7))
    rows = {a.cohort: a for a in review.attendance}
    assert list(rows) == ["Autumn cohort", SPRING, "Winter cohort"]
    autumn = rows["Autumn cohort"]
    # November's sessions: 3 Nov, all four active (Dev is certified only on 13 Nov), three there:
    # 3/4; 10 Nov, Ana and Cleo of the four (Finn is not a member): 2/4. (0.75 + 0.5) / 2.
    assert (autumn.members, autumn.sessions) == (4, 2)
    assert autumn.attendance.value == pytest.approx(0.625) and autumn.attendance.people == 4
    for small in (rows[SPRING], rows["Winter cohort"]):  # one member each
        assert small.attendance.withheld == FEWER and small.attendance.value is None
    assert (rows[SPRING].sessions, rows["Winter cohort"].sessions) == (2, 2)


def test_a_session_with_fewer_than_three_active_members_withholds_the_cohorts_share(with_sessions):
    from certsync.rules.model import Session

    # 24 Nov: Ana (20 Nov) and Dev (13 Nov) are certified, Ben and Cleo alone are active.
    late = Session(id="a9", day=date(2026, 11, 24), cohort="Autumn cohort", topic="Review", attendees=("ben",))
    data = ReviewData.of(with_sessions.enrollments, check_ins(), sessions=sessions() + [late])
    autumn = monthly_review(data, today=date(2026, 12, 7)).attendance[0]
    assert (autumn.cohort, autumn.sessions, autumn.attendance.withheld) == ("Autumn cohort", 3, FEWER)


def test_a_tracker_without_sessions_gives_no_attendance(data):
    assert monthly_review(data, today=date(2026, 12, 7)).attendance == ()


def test_the_weekly_review_lists_who_missed_the_last_two_sessions_as_turned_yellow(with_sessions):
    review = weekly_review(with_sessions, today=date(2026, 12, 4))
    eve = [c for c in review.turned_yellow if c.who.enrollment_id == "eve"]
    assert [(c.before, c.now) for c in eve] == [(Status.ON_TRACK, Status.SLIGHTLY_BEHIND)]
    assert [(f.name, f.reason) for f in eve[0].flags] == [
        ("Missed the last two sessions", "Not at the sessions of 26 Nov and 2 Dec (Security, Storage).")]
    assert EVE not in names(review.great_progress)
