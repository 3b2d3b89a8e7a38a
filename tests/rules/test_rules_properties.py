"""Properties over any well-typed input: evaluation never raises, is deterministic, and is consistent."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certsync.rules import evaluate
from certsync.rules.model import CheckIn, Enrollment, ExamHistory, Milestones, Session, Severity, Status
from certsync.rules.policy import Policy, Weekday

EPOCH = date(2025, 9, 1)
days = st.integers(min_value=0, max_value=200).map(lambda n: EPOCH + timedelta(days=n))
maybe_days = st.none() | days
non_negative = st.floats(min_value=0, max_value=80, allow_nan=False)
text = st.sampled_from(["", " ", "Sick", "On call", "Conference travel"])

exam_histories = st.builds(
    ExamHistory,
    dates_seen=st.lists(days, max_size=5).map(tuple),
    postponements_before=st.integers(min_value=0, max_value=4),
)
enrollments = st.builds(
    Enrollment,
    id=st.just("enr-1"),
    name=st.just("Engineer — Cert"),
    exam_date=maybe_days,
    study_start=maybe_days,
    weekly_target_hours=st.none() | non_negative,
    certified=st.booleans(),
    exam_history=exam_histories,
    planned_hours=st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False),
)


def session_lists(min_size: int = 0):
    """Sessions of two cohorts (and some of none), enr-1 among the attendees of some."""
    one = st.fixed_dictionaries({
        "day": days,
        "cohort": st.sampled_from(["Cohort A", "Cohort A", "Cohort A", "Cohort B", None]),
        "topic": st.sampled_from(["", "Networking", "Security"]),
        "attendees": st.sampled_from([(), (), ("enr-2",), ("enr-1",), ("enr-2", "enr-1")]),
    })
    return st.lists(one, min_size=min_size, max_size=16).map(
        lambda rows: [Session(id=f"s-{i:03d}", **row) for i, row in enumerate(rows)])


cohorts = st.sampled_from([None, "Cohort A", "Cohort A", "Cohort A", "Cohort B"])


def check_in_lists():
    one = st.fixed_dictionaries(
        {
            "enrollment_id": st.sampled_from(["enr-1", "enr-1", "enr-1", "enr-2"]),
            "week_of": days,
            "hours": st.none() | non_negative,
            "milestones": st.none() | st.sampled_from(Milestones),
            "confidence": st.none() | st.integers(min_value=1, max_value=5),
            "practice_score": st.none() | st.floats(min_value=0, max_value=100, allow_nan=False),
            "blockers": text,
            "absence_reason": text,
        }
    )
    return st.lists(one, max_size=30).map(
        lambda rows: [CheckIn(id=f"ci-{i:03d}", **row) for i, row in enumerate(rows)]
    )


policies = st.builds(
    Policy,
    checkin_deadline=st.sampled_from(Weekday),
    low_hours_ratio=st.floats(min_value=0.01, max_value=1),
    low_hours_weeks=st.integers(min_value=1, max_value=4),
    low_confidence_values=st.integers(min_value=1, max_value=5),
    low_confidence_min_weeks=st.integers(min_value=1, max_value=6),
    behind_plan_weeks=st.floats(min_value=0, max_value=3),
    plateau_scores=st.integers(min_value=2, max_value=5),
    postponements_red=st.integers(min_value=1, max_value=4),
    pace_weeks=st.integers(min_value=1, max_value=5),
    projection_min_weeks=st.integers(min_value=1, max_value=4),
    off_pace_red_weeks=st.floats(min_value=0, max_value=4),
    missed_sessions=st.integers(min_value=0, max_value=3),
)
todays = days
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(enrollments, check_in_lists(), todays, policies)
def test_evaluation_never_raises_and_status_agrees_with_flags(enrollment, check_ins, today, policy):
    result = evaluate(enrollment, check_ins, today=today, policy=policy)
    severities = {f.severity for f in result.flags}
    if enrollment.certified:
        assert result.status is Status.COMPLETED and not result.flags
    elif Severity.RED in severities:
        assert result.status is Status.AT_RISK
    elif severities:
        assert result.status is Status.SLIGHTLY_BEHIND
    else:
        assert result.status is Status.ON_TRACK
    assert result.postponements == enrollment.exam_history.postponements
    assert all(f.reason for f in result.flags)
    assert not {"off-pace", "off-pace-far"} <= {f.code for f in result.flags}  # one or the other


@FAST
@given(enrollments, check_in_lists(), todays, st.randoms(use_true_random=False))
def test_same_inputs_in_any_order_give_the_same_assessment(enrollment, check_ins, today, random):
    first = evaluate(enrollment, check_ins, today=today)
    shuffled = list(check_ins)
    random.shuffle(shuffled)
    assert evaluate(enrollment, shuffled, today=today) == first
    assert evaluate(enrollment, tuple(check_ins), today=today) == first


@FAST
@given(enrollments.filter(lambda e: e.study_start is not None), check_in_lists(), st.integers(1, 90))
def test_no_flags_before_the_study_start(enrollment, check_ins, days_before):
    today = enrollment.study_start - timedelta(days=days_before)
    assert evaluate(enrollment, check_ins, today=today).flags == ()
