"""`missed-sessions` (issue 9): a yellow flag for missing the cohort's last two sessions.

Dates from rules_builders: the study starts on Monday 27 Oct 2025; TODAY is Saturday 15 Nov.
Each builder week logs the full 8 h target, so nothing else is flagged.
"""

from __future__ import annotations

from datetime import date

from certsync.rules import evaluate
from certsync.rules.episodes import raised_since
from certsync.rules.model import Session, Severity, Status
from certsync.rules.policy import Policy

from rules_builders import NOV_3, NOV_10, TODAY, enrollment, weeks

ME = "enr-1"
FULL = weeks(8, 8, 8)  # 27 Oct, 3 and 10 Nov, all on target


def session(day: date, *attendees: str, cohort: str | None = "Cohort A", topic: str = "", ident: str = "") -> Session:
    return Session(id=ident or f"s-{day.isoformat()}-{cohort}", day=day, cohort=cohort, topic=topic,
                   attendees=attendees)


OCT_30, NOV_6, NOV_13 = date(2025, 10, 30), date(2025, 11, 6), date(2025, 11, 13)
THREE = (session(OCT_30, ME, "enr-2", topic="Pods"), session(NOV_6, "enr-2", topic="Networking"),
         session(NOV_13, "enr-2", topic="Security"))


def judged(sessions, today: date = TODAY, policy: Policy = Policy(), check_ins=FULL, **fields):
    return evaluate(enrollment(cohort="Cohort A", **fields), check_ins, today=today, policy=policy, sessions=sessions)


def test_two_missed_sessions_turn_it_yellow_with_a_reason_citing_them():
    result = judged(THREE)
    assert result.status is Status.SLIGHTLY_BEHIND
    (flag,) = result.flags
    assert (flag.code, flag.severity, flag.name) == ("missed-sessions", Severity.YELLOW, "Missed the last two sessions")
    assert flag.reason == "Not at the sessions of 6 and 13 Nov (Networking, Security)."


def test_attending_one_of_the_last_two_raises_nothing():
    attended = THREE[:2] + (session(NOV_13, ME, topic="Security"),)
    assert judged(attended).flags == ()
    attended_earlier = (THREE[0], session(NOV_6, ME, topic="Networking"), THREE[2])
    assert judged(attended_earlier).flags == ()


def test_an_enrollment_without_a_cohort_is_never_flagged():
    assert evaluate(enrollment(), FULL, today=TODAY, sessions=THREE).flags == ()
    # nor one whose sessions are another cohort's, nor sessions without a cohort
    assert judged(tuple(s.model_copy(update={"cohort": "Cohort B"}) for s in THREE)).flags == ()
    assert judged(tuple(s.model_copy(update={"cohort": None}) for s in THREE)).flags == ()


def test_only_one_session_so_far_raises_nothing():
    assert judged(THREE[1:2]).flags == ()
    # the third is not held yet as of 10 Nov: only the one of 6 Nov was missed so far
    assert judged(THREE, today=date(2025, 11, 12), check_ins=weeks(8, 8)).flags == ()


def test_a_session_counts_from_its_own_day_on():
    assert [f.code for f in judged(THREE, today=NOV_13).flags] == ["missed-sessions"]
    assert judged(THREE, today=date(2025, 11, 12)).flags == ()


def test_sessions_before_the_study_start_do_not_count():
    before = (session(date(2025, 10, 20), topic="Intro"), session(date(2025, 10, 23), topic="Setup"))
    assert judged(before + THREE[2:]).flags == ()  # one missed since the start, two before it
    assert [f.code for f in judged(before + THREE[1:]).flags] == ["missed-sessions"]
    # and before the study start nothing is flagged at all
    assert judged(before, today=date(2025, 10, 25)).flags == ()


def test_a_certified_enrollment_is_never_flagged():
    result = judged(THREE, certified=True)
    assert result.status is Status.COMPLETED and result.flags == ()


def test_no_study_start_means_no_sessions_counted():
    assert judged(THREE, study_start=None).flags == ()


def test_the_policy_sets_how_many_sessions_and_zero_turns_the_rule_off():
    assert judged(THREE, policy=Policy(missed_sessions=0)).flags == ()
    assert judged(THREE, policy=Policy(missed_sessions=3)).flags == ()  # attended the first of the three
    (flag,) = judged(THREE, policy=Policy(missed_sessions=1)).flags
    assert flag.reason == "Not at the session of 13 Nov (Security)."


def test_sessions_in_any_order_and_of_other_cohorts_give_the_same_result():
    others = (session(NOV_10, "enr-3", cohort="Cohort B"),)
    assert judged(tuple(reversed(THREE)) + others) == judged(THREE)


def test_the_reason_names_each_topic_once_and_none_when_there_are_none():
    same = (session(NOV_6, topic="  Networking "), session(NOV_13, topic="Networking"))
    assert judged(same).flags[0].reason == "Not at the sessions of 6 and 13 Nov (Networking)."
    bare = (session(OCT_30), session(NOV_3))
    assert judged(bare).flags[0].reason == "Not at the sessions of 30 Oct and 3 Nov."


def test_two_sessions_on_one_day_name_the_day_once():
    one_day = (session(NOV_13, topic="Lab", ident="a"), session(NOV_13, topic="Review", ident="b"))
    assert judged(one_day).flags[0].reason == "Not at the sessions of 13 Nov (Lab, Review)."


def test_an_episode_of_missed_sessions_starts_with_the_week_of_the_second_missed():
    # raised as of 8 Nov (the sessions of 30 Oct and 6 Nov missed), so since the week of 3 Nov
    missed = (session(OCT_30), session(NOV_6), session(NOV_13))
    since = raised_since(enrollment(cohort="Cohort A"), FULL, "missed-sessions", today=TODAY, policy=Policy(),
                         sessions=missed)
    assert since == NOV_3
    assert raised_since(enrollment(cohort="Cohort A"), FULL, "missed-sessions", today=TODAY, policy=Policy()) is None
