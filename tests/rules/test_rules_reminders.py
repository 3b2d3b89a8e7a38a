"""Which reminders are due at a moment: a 10-week program walked through in 15-minute ticks, and
each window at its edges. Europe/Berlin, whose clocks go back on Sunday 25 Oct 2026.

The program runs from Monday 28 Sep 2026 (week 1) to the exam on Saturday 5 Dec (the weeks of 28
Sep to 30 Nov are its ten weeks).
"""

from datetime import date, datetime, time, timedelta, UTC
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from certsync.rules.model import CheckIn, Enrollment, StudyPlanRow
from certsync.rules.policy import Policy, ReminderSettings, Weekday
from certsync.rules.reminders import UPDATE_TEXT, ReminderKind, due_reminders, missing_goals

BERLIN = ZoneInfo("Europe/Berlin")
START, EXAM = date(2026, 9, 28), date(2026, 12, 5)
MONDAYS = [START + timedelta(weeks=w) for w in range(10)]
FRIDAYS = [m + timedelta(days=4) for m in MONDAYS]
UTC = UTC


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def person(id: str, **fields) -> Enrollment:
    defaults = dict(name=f"{id} — CKA", certification="CKA", study_start=START, exam_date=EXAM, weekly_target_hours=6)
    return Enrollment(id=id, **(defaults | fields))


ADA = person("ada", midpoint_exam=date(2026, 10, 31), final_exam=date(2026, 11, 28), diagnostic_exam=START)
BO = person("bo", certified=True, final_exam=date(2026, 11, 28))
CY = person("cy", reminders_off=True, final_exam=date(2026, 11, 28))
DI = person("di", certification="Terraform Associate")  # no study plan for it
ED = person("ed", study_start=date(2026, 10, 26))  # starts in the program's fifth week
FA = person("fa", exam_date=date(2026, 11, 13))  # a Friday
ENROLLMENTS = [ADA, BO, CY, DI, ED, FA]

PLAN = [
    StudyPlanRow(certification="CKA", week=w, study_target=f"Chapter {w}", practice_activity=f"Lab {w}",
                 verification=f"Quiz {w}")
    for w in range(1, 11)
] + [StudyPlanRow(certification="CKA", week=3, enrollment_id="ada", study_target="Catch up on chapter 2",
                  practice_activity="Lab 2 again", verification="Quiz 2 and 3")]

# Ada fills in the form on Thursday evening in weeks 2 and 5; Di on Friday at 15:30 in week 4.
SUBMITTED = [
    (at(MONDAYS[1] + timedelta(days=3), 20), CheckIn(id="ci-1", enrollment_id="ada", week_of=MONDAYS[1], hours=6)),
    (at(MONDAYS[4] + timedelta(days=3), 20), CheckIn(id="ci-2", enrollment_id="ada", week_of=MONDAYS[4], hours=6)),
    (at(FRIDAYS[3], 15, 30), CheckIn(id="ci-3", enrollment_id="di", week_of=FRIDAYS[3], hours=6)),
]


def due(now, enrollments=ENROLLMENTS, check_ins=None, plan=PLAN, **settings):
    if check_ins is None:
        check_ins = [c for submitted, c in SUBMITTED if submitted <= now]
    return due_reminders(enrollments, check_ins, plan, now, settings=ReminderSettings(**settings))


def walk():
    """Every reminder of the program, sent once at the first 15-minute tick it is due."""
    sent = {}
    now = at(START, 0)
    while now < at(EXAM + timedelta(days=2), 0):
        for r in due(now):
            sent.setdefault((r.enrollment_id, r.occasion), (now, r))
        now = (now.astimezone(UTC) + timedelta(minutes=15)).astimezone(BERLIN)
    return sent


SENT = walk()


def sent_to(id: str, kind: ReminderKind) -> list[datetime]:
    return sorted(moment for (who, _), (moment, r) in SENT.items() if who == id and r.kind is kind)


def test_the_update_reminder_goes_friday_at_15_local_to_whoever_has_not_checked_in():
    assert sent_to("ada", ReminderKind.FRIDAY_UPDATE) == [at(f, 15) for i, f in enumerate(FRIDAYS) if i not in (1, 4)]
    assert sent_to("di", ReminderKind.FRIDAY_UPDATE) == [at(f, 15) for f in FRIDAYS]  # the 15:30 check-in came late


def test_fridays_15_is_local_time_on_both_sides_of_the_clock_change():
    before, after = FRIDAYS[3], FRIDAYS[4]  # 23 and 30 Oct; the clocks go back on 25 Oct
    assert (before, after) == (date(2026, 10, 23), date(2026, 10, 30))
    di = sent_to("di", ReminderKind.FRIDAY_UPDATE)
    assert di[3].astimezone(UTC) == datetime(2026, 10, 23, 13, 0, tzinfo=UTC)  # CEST, UTC+2
    assert di[4].astimezone(UTC) == datetime(2026, 10, 30, 14, 0, tzinfo=UTC)  # CET, UTC+1


def test_the_study_goals_go_monday_at_9_with_that_weeks_deliverables():
    assert sent_to("ada", ReminderKind.MONDAY_GOALS) == [at(m, 9) for m in MONDAYS]
    texts = {moment.date(): r.text for (who, _), (moment, r) in SENT.items()
             if who == "ada" and r.kind is ReminderKind.MONDAY_GOALS}
    assert texts[MONDAYS[6]] == (
        "Your study goals for this week (week 7 of your plan) are:\n"
        "• Study target: Chapter 7\n• Practice activity: Lab 7\n• Verification: Quiz 7"
    )


def test_an_enrollments_own_plan_row_overrides_its_certifications():
    (_, ada_week_3), = [v for (who, occasion), v in SENT.items() if who == "ada" and occasion == "monday-goals:2026-W42"]
    assert ada_week_3.text == (
        "Your study goals for this week (week 3 of your plan) are:\n"
        "• Study target: Catch up on chapter 2\n• Practice activity: Lab 2 again\n• Verification: Quiz 2 and 3"
    )
    (_, fa_week_3), = [v for (who, occasion), v in SENT.items() if who == "fa" and occasion == "monday-goals:2026-W42"]
    assert "Chapter 3" in fa_week_3.text


def test_no_goals_without_a_plan_row_and_the_round_names_them():
    assert sent_to("di", ReminderKind.MONDAY_GOALS) == []
    missing = missing_goals(ENROLLMENTS, PLAN, at(MONDAYS[2], 9))
    assert [(m.enrollment_id, m.week, m.occasion) for m in missing] == [("di", 3, "monday-goals:2026-W42")]
    assert missing_goals(ENROLLMENTS, PLAN, at(MONDAYS[2], 8, 59)) == []


def test_plan_weeks_count_from_the_enrollments_own_first_week():
    goals = sorted((m, r.text.splitlines()[0]) for (who, _), (m, r) in SENT.items()
                   if who == "ed" and r.kind is ReminderKind.MONDAY_GOALS)
    assert [m for m, _ in goals] == [at(m, 9) for m in MONDAYS[4:]]
    assert goals[0][1] == "Your study goals for this week (week 1 of your plan) are:"
    assert sent_to("ed", ReminderKind.FRIDAY_UPDATE) == [at(f, 15) for f in FRIDAYS[4:]]


def test_the_practice_exam_reminder_goes_the_day_before_at_9():
    assert sent_to("ada", ReminderKind.PRACTICE_EXAM) == [at(date(2026, 10, 30), 9), at(date(2026, 11, 27), 9)]
    (_, final), = [v for (who, occasion), v in SENT.items() if who == "ada" and occasion == "practice-exam:2026-11-28"]
    assert final.text == "Your final practice exam is scheduled for tomorrow, 28 Nov. Good luck!"


def test_a_diagnostic_exam_on_the_first_day_gets_no_reminder_the_study_has_not_started_on_its_eve():
    assert "practice-exam:2026-09-28" not in {occasion for who, occasion in SENT if who == "ada"}


def test_nothing_for_a_certified_or_opted_out_engineer():
    assert not [key for key in SENT if key[0] in ("bo", "cy")]


def test_nothing_once_the_exam_is_past():
    fa = sorted(moment for (who, _), (moment, _r) in SENT.items() if who == "fa")
    assert fa[-1] == at(date(2026, 11, 13), 15)  # the exam day itself is not past
    assert due(at(date(2026, 11, 16), 9), enrollments=[FA]) == []


def test_each_reminder_once_per_person_and_occasion_over_the_program():
    assert len({(who, occasion) for who, occasion in SENT}) == len(SENT)
    counts = {kind: sum(1 for _, r in SENT.values() if r.kind is kind) for kind in ReminderKind}
    # ada 8, di 10, ed 6, fa 7 updates; ada, ed, fa goals (10, 6, 7); ada's two practice exams
    assert counts == {ReminderKind.FRIDAY_UPDATE: 31, ReminderKind.MONDAY_GOALS: 23, ReminderKind.PRACTICE_EXAM: 2}


@pytest.mark.parametrize(
    "now, is_due",
    [
        (at(FRIDAYS[7], 14, 59), False),
        (at(FRIDAYS[7], 15), True),
        (at(FRIDAYS[7], 16), True),  # the job was down at 15:00: it still goes
        (at(FRIDAYS[7], 23, 59), True),
        (at(FRIDAYS[7] + timedelta(days=1), 0), False),  # Saturday: the deadline has passed, never stale
    ],
)
def test_a_late_update_reminder_goes_until_the_end_of_the_deadline_day(now, is_due):
    found = due(now, enrollments=[DI])
    assert bool(found) == is_due
    if found:
        r, = found
        assert (r.occasion, r.moment, r.until) == ("friday-update:2026-W47", at(FRIDAYS[7], 15),
                                                   at(FRIDAYS[7] + timedelta(days=1), 0))


@pytest.mark.parametrize(
    "now, is_due",
    [(at(MONDAYS[7], 8, 59), False), (at(MONDAYS[7], 9), True), (at(MONDAYS[7], 23, 59), True),
     (at(MONDAYS[7] + timedelta(days=1), 0), False)],
)
def test_a_late_goals_reminder_goes_only_that_monday(now, is_due):
    assert [r.kind for r in due(now, enrollments=[ADA])] == ([ReminderKind.MONDAY_GOALS] if is_due else [])


@pytest.mark.parametrize(
    "now, is_due",
    [(at(date(2026, 11, 27), 8, 59), False), (at(date(2026, 11, 27), 9), True),
     (at(date(2026, 11, 27), 14, 59), True), (at(date(2026, 11, 28), 0), False)],
)
def test_a_late_practice_exam_reminder_goes_only_before_the_exam(now, is_due):
    kinds = [r.kind for r in due(now, enrollments=[ADA])]
    assert (ReminderKind.PRACTICE_EXAM in kinds) == is_due


def test_a_check_in_sent_after_the_moment_stops_a_late_reminder():
    friday = FRIDAYS[3]
    assert [r.enrollment_id for r in due(at(friday, 15, 15), enrollments=[DI])] == ["di"]
    assert due(at(friday, 15, 45), enrollments=[DI]) == []


def test_only_a_check_in_of_that_week_counts():
    last_week = CheckIn(id="x", enrollment_id="di", week_of=MONDAYS[6], hours=6)
    sunday = CheckIn(id="y", enrollment_id="di", week_of=MONDAYS[7] + timedelta(days=6), hours=6)
    other = CheckIn(id="z", enrollment_id="ada", week_of=MONDAYS[7], hours=6)
    assert len(due(at(FRIDAYS[7], 15), enrollments=[DI], check_ins=[last_week, other])) == 1
    assert due(at(FRIDAYS[7], 15), enrollments=[DI], check_ins=[sunday]) == []


def test_each_kind_can_be_switched_off():
    assert due(at(FRIDAYS[7], 15), enrollments=[DI], update=False) == []
    assert due(at(MONDAYS[7], 9), enrollments=[ADA], goals=False) == []
    assert due(at(date(2026, 11, 27), 9), enrollments=[ADA], practice_exam=False) == []


def test_each_kind_can_be_moved():
    thursday = MONDAYS[7] + timedelta(days=3)
    moved = dict(update_day=Weekday.THURSDAY, update_at=time(11, 0))
    assert due(at(thursday, 10, 59), enrollments=[DI], **moved) == []
    r, = due(at(thursday, 11), enrollments=[DI], **moved)
    assert (r.moment, r.until) == (at(thursday, 11), at(FRIDAYS[7] + timedelta(days=1), 0))  # still until the deadline
    assert due(at(FRIDAYS[7], 15), enrollments=[DI], update_at=time(17, 30)) == []
    assert len(due(at(MONDAYS[7] + timedelta(days=1), 8), enrollments=[ADA], goals_day=Weekday.TUESDAY,
                   goals_at=time(8, 0))) == 1
    r, = due(at(date(2026, 11, 25), 18), enrollments=[ADA], practice_exam_days_before=3, practice_exam_at=time(18, 0))
    assert r.text == "Your final practice exam is scheduled for 28 Nov, in 3 days. Good luck!"


def test_the_update_follows_the_check_in_deadline_day():
    thursday = MONDAYS[7] + timedelta(days=3)
    policy = Policy(checkin_deadline=Weekday.THURSDAY)
    r, = due_reminders([DI], [], PLAN, at(thursday, 15), policy=policy)
    assert r.until == at(FRIDAYS[7], 0)
    assert due_reminders([DI], [], PLAN, at(FRIDAYS[7], 15), policy=policy) == []


def test_the_update_text_asks_what_the_check_in_asks_and_links_the_form():
    r, = due(at(FRIDAYS[7], 15), enrollments=[DI])
    assert r.text == UPDATE_TEXT == (
        "Submit your weekly progress update: hours, milestones (Yes/Partial/No and what prevented completion), "
        "confidence 1–5, blockers for next week."
    )
    r, = due(at(FRIDAYS[7], 15), enrollments=[DI], form_url="https://forms.example/checkin")
    assert r.text == f"{UPDATE_TEXT} The form: https://forms.example/checkin"


def test_two_practice_exams_on_one_day_share_one_reminder():
    both = person("gi", midpoint_exam=date(2026, 11, 28), final_exam=date(2026, 11, 28))
    r, = due(at(date(2026, 11, 27), 9), enrollments=[both])
    assert r.text == "Your mid-point practice exam and final practice exam are scheduled for tomorrow, 28 Nov. Good luck!"


def test_a_plan_row_without_deliverables_is_no_row():
    empty = [StudyPlanRow(certification="CKA", week=8)]
    assert due(at(MONDAYS[7], 9), enrollments=[ADA], plan=empty) == []
    assert [m.week for m in missing_goals([ADA], empty, at(MONDAYS[7], 9))] == [8]


def test_not_started_means_no_reminders():
    later = person("ha", study_start=date(2026, 11, 21))  # a Saturday
    assert due(at(FRIDAYS[7], 15), enrollments=[later]) == []
    assert due(at(MONDAYS[8], 9), enrollments=[later])[0].text.startswith(
        "Your study goals for this week (week 1 of your plan)")
    assert due(at(MONDAYS[7], 9), enrollments=[person("io", study_start=None)]) == []


def test_the_same_occasion_at_every_moment_of_its_window_and_results_in_a_stable_order():
    first = due(at(FRIDAYS[7], 15), enrollments=[ADA, DI])
    assert [(r.enrollment_id, r.occasion) for r in first] == [("ada", "friday-update:2026-W47"),
                                                               ("di", "friday-update:2026-W47")]
    assert [r.occasion for r in due(at(FRIDAYS[7], 22), enrollments=[ADA, DI])] == [r.occasion for r in first]


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        due_reminders([ADA], [], PLAN, datetime(2026, 11, 20, 15, 0))


instants = st.integers(min_value=0, max_value=366 * 24 * 4).map(
    lambda quarter: (datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=15 * quarter)).astimezone(BERLIN))
some_days = st.none() | st.integers(min_value=0, max_value=400).map(lambda n: date(2025, 12, 1) + timedelta(days=n))


@hypothesis_settings(max_examples=200, deadline=None)
@given(instants, st.lists(st.tuples(some_days, some_days, some_days, st.booleans(), st.booleans()), max_size=4))
def test_any_reminder_due_is_inside_its_window_for_an_active_engineer(now, people):
    enrollments = [person(f"p{i}", study_start=start, exam_date=exam, final_exam=final, certified=done, reminders_off=off)
                   for i, (start, exam, final, done, off) in enumerate(people)]
    for r in due_reminders(enrollments, [], PLAN, now):
        e = next(e for e in enrollments if e.id == r.enrollment_id)
        assert r.moment <= now < r.until
        assert e.study_start <= now.date() and not e.certified and not e.reminders_off
        assert e.exam_date is None or e.exam_date >= now.date()
