"""The sweep: every week of an enrollment from one history build, identical to evaluating each week."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from certsync.rules import evaluate
from certsync.rules.history_sweep import as_of, judged_on, sweep
from certsync.rules.model import CheckIn, Enrollment, Session, Severity, Status
from certsync.rules.policy import Policy
from certsync.rules.weeks import monday_of

from test_rules_properties import FAST, EPOCH, check_in_lists, cohorts, days, enrollments, policies, session_lists

week_ranges = st.tuples(st.integers(min_value=-3, max_value=32), st.integers(min_value=0, max_value=12)).map(
    lambda pair: tuple(monday_of(EPOCH) + timedelta(weeks=pair[0] + i) for i in range(pair[1])))
certified_ons = st.none() | days


@FAST
@given(enrollments, certified_ons, cohorts, check_in_lists(), session_lists(), week_ranges, policies)
def test_the_sweep_equals_evaluating_each_week_the_day_after_its_deadline(enrollment, certified_on, cohort, check_ins,
                                                                          sessions, mondays, policy):
    enrollment = enrollment.model_copy(update={"certified_on": certified_on, "cohort": cohort})
    standings = sweep(enrollment, check_ins, mondays, policy, sessions=sessions)
    assert [s.monday for s in standings] == list(mondays)
    for standing in standings:
        day = judged_on(standing.monday, policy)
        expected = evaluate(as_of(enrollment, day), check_ins, today=day, policy=policy, sessions=sessions)
        # Some flags alone (only their reasons written), before all of them.
        assert standing.of_severity(Severity.RED) == expected.red_flags
        assert standing.only("off-pace", "score-drop", "missed-sessions") == tuple(
            f for f in expected.flags if f.code in ("off-pace", "score-drop", "missed-sessions"))
        assert (standing.status, standing.flags) == (expected.status, expected.flags), standing.monday
        assert standing.codes == tuple(f.code for f in expected.flags), standing.monday


early_starts = st.integers(min_value=0, max_value=60).map(lambda n: EPOCH + timedelta(days=n))


@FAST
@given(enrollments, early_starts, check_in_lists(), session_lists(min_size=4), week_ranges, policies)
def test_the_sweep_equals_evaluating_each_week_for_an_active_cohort_member(enrollment, start, check_ins, sessions,
                                                                           mondays, policy):
    """The same, where missed-sessions often fires: a cohort member, not certified, started early."""
    enrollment = enrollment.model_copy(update={"cohort": "Cohort A", "certified": False, "study_start": start})
    for standing in sweep(enrollment, check_ins, mondays, policy, sessions=sessions):
        day = judged_on(standing.monday, policy)
        expected = evaluate(enrollment, check_ins, today=day, policy=policy, sessions=sessions)
        assert standing.only("missed-sessions") == tuple(f for f in expected.flags if f.code == "missed-sessions")
        assert (standing.status, standing.flags) == (expected.status, expected.flags), standing.monday


def test_the_sweep_sees_missed_sessions_week_by_week():
    enrollment = Enrollment(id="e", name="Ana", study_start=date(2026, 11, 2), weekly_target_hours=8, cohort="A")
    check_ins = [CheckIn(id=f"c{i}", enrollment_id="e", week_of=date(2026, 11, 2) + timedelta(weeks=i), hours=8)
                 for i in range(4)]
    sessions = [Session(id=f"s{i}", day=date(2026, 11, 4) + timedelta(weeks=i), cohort="A", topic=topic,
                        attendees=("e",) if i in (0, 3) else ())
                for i, topic in enumerate(("Pods", "Networking", "Security", "Storage"))]
    mondays = tuple(date(2026, 11, 2) + timedelta(weeks=i) for i in range(4))
    standings = sweep(enrollment, check_ins, mondays, Policy(), sessions=sessions)
    assert [s.status for s in standings] == [Status.ON_TRACK, Status.ON_TRACK, Status.SLIGHTLY_BEHIND, Status.ON_TRACK]
    assert [f.reason for f in standings[2].flags] == ["Not at the sessions of 11 and 18 Nov (Networking, Security)."]


def test_a_week_without_a_check_in_is_not_reported_and_counts_zero_hours():
    enrollment = Enrollment(id="e", name="Ana", study_start=date(2026, 11, 2), weekly_target_hours=8)
    check_ins = [CheckIn(id="c1", enrollment_id="e", week_of=date(2026, 11, 2), hours=8)]
    first, second = sweep(enrollment, check_ins, (date(2026, 11, 2), date(2026, 11, 9)), Policy())
    assert (first.reported, first.hours, first.status) == (True, 8.0, Status.ON_TRACK)
    assert (second.reported, second.hours, second.status) == (False, 0.0, Status.AT_RISK)


def test_an_enrollment_certified_on_a_date_is_completed_only_from_the_week_after_it():
    enrollment = Enrollment(id="e", name="Ana", study_start=date(2026, 11, 2), weekly_target_hours=8,
                            certified=True, certified_on=date(2026, 11, 12))
    check_ins = [CheckIn(id="c1", enrollment_id="e", week_of=date(2026, 11, 2), hours=8)]
    first, second, third = sweep(enrollment, check_ins, (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)),
                                 Policy())
    assert first.status is Status.ON_TRACK and second.status is Status.COMPLETED is third.status
