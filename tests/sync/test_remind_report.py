"""What a reminder round says and what the program's switches do, on memory and on Notion: an
engineer switching reminders off mid-program gets none from then on, a kind the program switches
off or moves in `[reminders]` follows it, and the report tells what was and would be sent."""

from __future__ import annotations

from datetime import date


from certsync.sync.job import next_round
from remind_builders import at, expected_at, rhythm  # noqa: F401

FRIDAY = date(2026, 11, 20)


def test_an_engineer_who_switches_reminders_off_gets_none_from_then_on(rhythm):
    r = rhythm(at(date(2026, 11, 16), 8))
    r.move_to(at(date(2026, 11, 16), 9))
    assert "enr-01" in r.sent(r.round(), "monday-goals")
    r.switch_reminders_off("enr-01")  # the engineer ticks their own Reminders off field
    r.move_to(at(FRIDAY, 15))
    friday = r.sent(r.round())
    assert "enr-01" not in friday and friday  # the others still get theirs
    r.move_to(at(date(2026, 11, 23), 9))  # Priya's goals and her practice exam's eve
    assert "enr-01" not in r.sent(r.round())


def with_reminders(r, section: str):
    r.config_path.write_text(r.config_path.read_text() + f"\n[reminders]\n{section}\n")
    return r.config()


def test_a_program_that_switches_the_friday_update_off_sends_none(rhythm):
    r = rhythm(at(FRIDAY, 14))
    config = with_reminders(r, "update = false")
    assert next_round(at(FRIDAY, 10), config.reminders, config.policy) == at(date(2026, 11, 21), 9)
    r.move_to(at(FRIDAY, 15))
    assert r.sent(r.round(config)) == {}


def test_a_moved_friday_update_goes_at_its_new_time_with_the_forms_link(rhythm):
    r = rhythm(at(FRIDAY, 14))
    config = with_reminders(r, 'update_at = "16:30"\nform_url = "https://forms.example.com/check-in"')
    assert next_round(at(FRIDAY, 10), config.reminders, config.policy) == at(FRIDAY, 16, 30)
    r.move_to(at(FRIDAY, 15))
    assert r.sent(r.round(config)) == {}
    r.move_to(at(FRIDAY, 16, 30))
    sent = r.sent(r.round(config), "friday-update")
    assert set(sent) == {eid for eid, kind in expected_at(at(FRIDAY, 15), r.program) if kind == "friday-update"}
    assert all(s.reminder.text.endswith("The form: https://forms.example.com/check-in") for s in sent.values())
    assert all(s.reminder.moment == at(FRIDAY, 16, 30) for s in sent.values())


def test_a_dry_run_after_the_round_says_nothing_more_would_be_sent(rhythm):
    r = rhythm(at(FRIDAY, 14))
    r.move_to(at(FRIDAY, 15))
    assert r.sent(r.round())
    r.move_to(at(FRIDAY, 15, 30))
    dry = r.round(dry_run=True)
    assert [line for line in dry.lines() if "would send" in line] == []
    assert dry.summary().startswith("would send 0 reminders")


def test_a_reminder_an_earlier_round_sent_is_reported_as_already_sent(rhythm):
    r = rhythm(at(FRIDAY, 14))
    r.move_to(at(FRIDAY, 15))
    first = r.sent(r.round())
    r.move_to(at(FRIDAY, 15, 30))
    again = r.sent(r.round(), posted=False)
    assert set(again) == set(first)
    assert all(s.already and not s.posted for s in again.values())


def test_a_week_the_study_plan_has_no_row_for_sends_no_goals_and_the_output_says_so(rhythm):
    from remind_builders import rhythm_program

    program = rhythm_program()
    plan = tuple(row for row in program.study_plan if not (row.certification == "Azure AZ-104" and row.week == 7))
    r = rhythm(at(date(2026, 11, 23), 8), program.model_copy(update={"study_plan": plan}))
    r.move_to(at(date(2026, 11, 23), 9))  # Sofia's week 7
    report = r.round()
    goals = r.sent(report, "monday-goals")
    assert "enr-03" not in goals and "enr-01" in goals
    assert "Sofia Alvarez: no study plan row for week 7: no goals reminder" in report.lines()
    assert [o for o in r.open_reminders("enr-03") if o.kind == "monday-goals"] == []


def test_passes_send_no_reminders_and_keep_what_the_rounds_sent(rhythm):
    from collections import Counter

    from certsync.sync.run import run_pass

    r = rhythm(at(date(2026, 11, 13), 14))
    r.move_to(at(date(2026, 11, 13), 15))
    config = r.config()
    assert run_pass(config, tracker=r.open_tracker(), today=date(2026, 11, 13)).exit_code == 0
    assert all(not r.open_reminders(e.id) for e in r.program.enrollments)  # only remind and schedule send them
    first = r.sent(r.round(config))
    assert first
    for full in (False, True):  # the job's passes in between, incremental and the daily full sweep
        assert run_pass(config, tracker=r.open_tracker(), today=date(2026, 11, 13), full=full).exit_code == 0
    r.move_to(at(date(2026, 11, 13), 16))
    assert r.sent(r.round(config)) == {}
    r.move_to(at(date(2026, 11, 20), 15))
    assert r.sent(r.round(config))
    for e in r.program.enrollments:
        kinds = Counter(o.kind for o in r.open_reminders(e.id))
        assert all(n == 1 for n in kinds.values()), (e.id, kinds)
