"""The catalogue as DESIGN.md writes it, the status, and the order of flags."""

from datetime import date

from certsync.rules import RULES
from certsync.rules.model import ExamHistory, Milestones, Status
from rules_builders import NOV_10, assess, check_in, weeks

# DESIGN.md §Rules, copied by hand (the projection's rules close the red and the yellow ones, and
# the cohorts' rule of issue 9 comes last).
DESIGN_RULES = [
    ("low-hours-2w", "red", "Under half of target, 2 weeks"),
    ("no-hours", "red", "No hours logged"),
    ("score-drop", "red", "Practice score dropped"),
    ("postponed-2x", "red", "Exam postponed 2+ times"),
    ("low-confidence", "red", "Low confidence"),
    ("off-pace-far", "red", "Far off pace for exam"),
    ("low-hours", "yellow", "Under target"),
    ("behind-plan", "yellow", "Behind plan"),
    ("score-plateau", "yellow", "Score plateau"),
    ("milestones-partial", "yellow", "Milestones partly done"),
    ("milestones-missed", "yellow", "Milestones missed"),
    ("postponed", "yellow", "Exam postponed"),
    ("off-pace", "yellow", "Off pace for exam"),
    ("missed-sessions", "yellow", "Missed the last two sessions"),
]


def test_the_catalogue_lists_every_rule_of_the_design_in_order():
    assert [(r.code, r.severity.value, r.name) for r in RULES] == DESIGN_RULES


def test_flags_carry_the_catalogue_severity_and_name():
    result = assess(weeks(8, 8, 0), exam_history=ExamHistory(dates_seen=(date(2025, 12, 1), date(2025, 12, 8))))
    assert [(f.code, f.severity.value, f.name) for f in result.flags] == [
        ("no-hours", "red", "No hours logged"),
        ("postponed", "yellow", "Exam postponed"),
    ]


def test_nothing_wrong_is_on_track():
    assert assess(weeks(8, 8, 8)).status is Status.ON_TRACK


def test_only_yellow_flags_is_slightly_behind():
    assert assess(weeks(8, 8, 7)).status is Status.SLIGHTLY_BEHIND


def test_any_red_flag_is_at_risk():
    assert assess(weeks(8, 8, 0)).status is Status.AT_RISK


def test_flags_follow_the_catalogue_order_red_first():
    late = ExamHistory(dates_seen=(date(2025, 12, 1), date(2025, 12, 8)))
    check_ins = weeks(8, 8) + [check_in(NOV_10, 6, milestones=Milestones.NO, practice_score=60)]
    check_ins[0] = check_in(check_ins[0].week_of, 8, practice_score=70)
    result = assess(check_ins, exam_history=late)
    assert [f.code for f in result.flags] == ["score-drop", "low-hours", "milestones-missed", "postponed"]


def test_a_future_study_start_is_on_track_without_flags():
    result = assess([], study_start=date(2025, 12, 1))
    assert (result.status, result.flags) == (Status.ON_TRACK, ())


def test_certified_wins_over_every_flag():
    result = assess(weeks(0, 0, 0), certified=True)
    assert (result.status, result.flags) == (Status.COMPLETED, ())


def test_the_assessment_names_its_enrollment():
    assert assess(weeks(8, 8, 8), id="enr-42").enrollment_id == "enr-42"
