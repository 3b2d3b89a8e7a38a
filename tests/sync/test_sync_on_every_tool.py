"""The pass's promises on every tool: the sample outcome, idempotency, postponements, crash
safety with the state kept and deleted, faults, bad data, refused writes and incremental reads,
each run on Notion and on Asana against the sandbox through the public API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program
from tracker_fixture import Delegate



def _judged():
    """What the rules say of each sample enrollment as of the sample date: the tool must show it."""
    from certsync.rules import evaluate
    from certsync.rules.model import Severity

    program = sample_program()
    judged = {}
    for e in program.enrollments:
        a = evaluate(e, [c for c in program.check_ins if c.enrollment_id == e.id], today=SAMPLE_TODAY,
                     sessions=program.sessions)
        judged[e.id] = (a.status.value, frozenset(f.name for f in a.flags), a.postponements,
                        any(f.severity == Severity.RED for f in a.flags))
    return judged


JUDGED = _judged()
EXPECTED = {sid: (status, flags) for sid, (status, flags, _, _) in JUDGED.items()}
NEWLY_RED = {sid for sid, (_, _, _, red) in JUDGED.items() if red}


def outcome(tool):
    """Status, flags, postponements and how many alerts each enrollment has, as the tool holds them."""
    return {sid: (*tool.owned(sid)[:3], len(tool.alerts(sid))) for sid in EXPECTED}


def expected_outcome():
    return {sid: (status, flags, postponements, 1 if red else 0)
            for sid, (status, flags, postponements, red) in JUDGED.items()}


def test_every_enrollment_gets_its_status_flags_details_and_alerts(any_tracker):
    report = any_tracker.sync()
    assert report.exit_code == 0, report.problems
    assert outcome(any_tracker) == expected_outcome()
    for sid in EXPECTED:
        _, _, _, synced, problem = any_tracker.owned(sid)
        assert synced == "2026-11-21" and problem == "", sid
    assert report.comments == len(NEWLY_RED)


def test_every_summary_field_is_written_for_the_sample_and_read_back_as_written(any_tracker):
    from sample_summaries import SUMMARIES

    any_tracker.sync()
    for sid, (weeks, last, vs_plan, score, trend, ready) in SUMMARIES.items():
        assert any_tracker.summary(sid) == (weeks, last, vs_plan, score, trend, ready.isoformat() if ready else None), sid
    assert any_tracker.sync().written == 0


def test_each_alert_mentions_the_manager_and_says_what_to_do(any_tracker):
    any_tracker.sync()
    managers = {e.id: e.manager.name for e in sample_program().enrollments}
    for sid in NEWLY_RED:
        assert any_tracker.mentioned(sid) == [any_tracker.user(managers[sid])], sid
        [text] = any_tracker.alerts(sid)
        assert "is now At risk" in text and "five-minute conversation" in text


def test_a_second_pass_over_unchanged_data_writes_nothing(any_tracker):
    any_tracker.sync()
    writes, posts = any_tracker.record_writes(), any_tracker.comment_posts()
    report = any_tracker.sync()
    assert report.written == 0 and report.comments == 0
    assert (any_tracker.record_writes(), any_tracker.comment_posts()) == (writes, posts)


def test_a_settled_pass_with_no_change_reads_nothing(any_tracker):
    any_tracker.sync()
    any_tracker.sandbox.advance_clock(3600)  # passes run hourly
    back = any_tracker.sync()  # reads back the first pass's own writes, once
    assert back.enrollments_read == 12 and back.written == 0
    any_tracker.sandbox.advance_clock(3600)
    quiet = any_tracker.sync()
    assert (quiet.enrollments_read, quiet.check_ins_read, quiet.written) == (0, 0, 0)
    if any_tracker.kind == "asana":
        assert quiet.requests <= 3  # one list request per project: enrollments, check-ins, sessions


def test_an_edited_check_in_alone_is_read_and_acted_on(any_tracker):
    any_tracker.sync()
    any_tracker.sandbox.advance_clock(3600)
    any_tracker.sync()
    any_tracker.set_hours("ci-01-07", 0)
    any_tracker.sandbox.advance_clock(3600)
    changed = any_tracker.sync()
    assert (changed.enrollments_read, changed.check_ins_read) == (0, 1)
    assert any_tracker.owned("enr-01")[0] == "At risk"
    assert len(any_tracker.alerts("enr-01")) == 1


def test_exam_date_moved_later_once_then_twice_then_earlier(any_tracker):
    any_tracker.sync()
    any_tracker.set_exam("enr-01", "2026-12-19")
    any_tracker.sync()
    assert any_tracker.owned("enr-01")[:3] == ("Slightly behind", {"Exam postponed"}, 1)
    any_tracker.set_exam("enr-01", "2027-01-09")
    assert any_tracker.sync().comments == 1
    assert any_tracker.owned("enr-01")[:3] == ("At risk", {"Exam postponed 2+ times"}, 2)
    any_tracker.set_exam("enr-01", "2026-12-30")
    any_tracker.sync()
    assert any_tracker.owned("enr-01")[:3] == ("At risk", {"Exam postponed 2+ times"}, 2)
    assert len(any_tracker.alerts("enr-01")) == 1


def test_a_lost_state_file_loses_no_postponement_and_posts_no_duplicate(any_tracker):
    any_tracker.sync()
    any_tracker.set_exam("enr-01", "2026-12-19")
    any_tracker.sync()
    any_tracker.config().state_path.unlink()
    report = any_tracker.sync()
    assert report.comments == 0 and report.written <= 1
    assert outcome(any_tracker)["enr-01"] == ("Slightly behind", {"Exam postponed"}, 1, 0)
    assert any_tracker.sync().written == 0
    assert outcome(any_tracker) == {**expected_outcome(), "enr-01": ("Slightly behind", {"Exam postponed"}, 1, 0)}


def test_someone_resetting_postponements_is_respected(any_tracker):
    any_tracker.sync()
    any_tracker.set_postponements("enr-05", 0)
    any_tracker.sync()
    assert any_tracker.owned("enr-05")[:3] == ("On track", frozenset(), 0)


class Died(BaseException):
    """Stands for the process dying: nothing in certsync catches it."""


class DiesAfter(Delegate):
    """The real adapter, dying right after its n-th successful write of the given kind."""

    def __init__(self, inner, kind: str, n: int) -> None:
        super().__init__(inner)
        self.kind, self.left = kind, n

    def _count(self, kind: str) -> None:
        if kind == self.kind:
            self.left -= 1
            if self.left == 0:
                raise Died()

    def write(self, record_id, changes):
        self.inner.write(record_id, changes)
        self._count("record")

    def post_comment(self, record_id, mention, text, marker):
        posted = self.inner.post_comment(record_id, mention, text, marker)
        self._count("comment")
        return posted


@pytest.mark.parametrize("kind,n", [("record", 3), ("record", 9), ("comment", 1), ("comment", 3)])
@pytest.mark.parametrize("lose_state", [False, True], ids=["state kept", "state deleted"])
def test_a_pass_that_dies_between_writes_is_completed_by_the_next(any_tracker, kind, n, lose_state):
    config = any_tracker.config()
    with pytest.raises(Died):
        run_pass(config, today=SAMPLE_TODAY, tracker=DiesAfter(any_tracker.adapter(), kind, n))
    if lose_state:
        config.state_path.unlink()
    any_tracker.sync()
    assert outcome(any_tracker) == expected_outcome()


def test_passes_converge_through_rate_limits_errors_timeouts_and_drops(any_tracker):
    any_tracker.sandbox.set_faults("429=0.05,500=0.03,502=0.03,503=0.03,504=0.02,slow=0.02,drop=0.02", seed=7)
    config = any_tracker.config()
    for _ in range(6):
        report = run_pass(config, today=SAMPLE_TODAY, tracker=any_tracker.adapter(timeout_seconds=0.5))
        if report.exit_code == 0:
            break
    any_tracker.sandbox.set_faults("", seed=0)
    assert report.exit_code == 0
    assert outcome(any_tracker) == expected_outcome()


def test_records_not_written_are_listed_exit_1_and_the_next_pass_completes_them(any_tracker):
    any_tracker.refuse_writes()
    report = any_tracker.sync()
    assert report.exit_code == 1
    assert len(report.failures) == len(EXPECTED)
    assert all("403" in o.error or "restricted_resource" in o.error for o in report.failures)
    any_tracker.refuse_writes(False)
    assert any_tracker.sync().exit_code == 0
    assert outcome(any_tracker) == expected_outcome()


def test_a_bad_value_is_named_in_sync_problem_and_fixing_it_clears_it(any_tracker):
    latest = max(key for key in any_tracker.records if key.startswith("ci-01-"))
    any_tracker.set_confidence(latest, 9)
    report = any_tracker.sync()
    assert report.exit_code == 1
    assert "Confidence: expected a whole number from 1 to 5, found 9" in any_tracker.owned("enr-01")[4]
    assert outcome(any_tracker)["enr-02"] == expected_outcome()["enr-02"]  # the others still sync
    any_tracker.set_confidence(latest, 4)
    assert any_tracker.sync().exit_code == 0
    assert any_tracker.owned("enr-01")[0] == "On track" and any_tracker.owned("enr-01")[4] == ""


def test_an_enrollment_deleted_between_passes_is_forgotten_not_an_error(any_tracker):
    any_tracker.sync()
    any_tracker.sandbox.advance_clock(3600)
    any_tracker.sync()
    any_tracker.delete("enr-01")
    any_tracker.sandbox.advance_clock(3600)
    report = any_tracker.sync(today=SAMPLE_TODAY + timedelta(days=7))  # every enrollment changes
    assert report.exit_code == 0, [o.error for o in report.failures]
    assert [o.action.record.enrollment.name.split(" — ")[0] for o in report.outcomes if o.gone] == ["Priya Raman"]


def test_a_new_due_week_changes_statuses_without_any_edit(any_tracker):
    any_tracker.sync()
    any_tracker.sandbox.advance_clock(3600)
    any_tracker.sync()
    any_tracker.sandbox.advance_clock(3600)
    report = any_tracker.sync(today=SAMPLE_TODAY + timedelta(days=7))
    assert (report.enrollments_read, report.check_ins_read) == (0, 0)
    assert "No hours logged" in any_tracker.owned("enr-01")[1]
    assert len(any_tracker.alerts("enr-01")) == 1


def _sync_command(tool):
    import sys

    return [sys.executable, "-m", "certsync.sync", "sync", "-c", str(tool.config_path), "--today", SAMPLE_TODAY.isoformat()]


def test_a_killed_process_is_completed_by_the_next_pass(any_tracker):
    import signal
    import subprocess
    import time

    any_tracker.set_client_rate(25 if any_tracker.kind == "notion" else 5)  # Asana's limiter allows bursts
    proc = subprocess.Popen(_sync_command(any_tracker), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any_tracker.record_writes() < 4:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert 0 < any_tracker.record_writes() < len(EXPECTED)
    any_tracker.sync()
    assert outcome(any_tracker) == expected_outcome()


def test_two_passes_at_once_one_runs_and_the_other_says_why_not(any_tracker):
    import subprocess
    import time

    any_tracker.set_client_rate(20 if any_tracker.kind == "notion" else 4)
    first = subprocess.Popen(_sync_command(any_tracker), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    while first.poll() is None and not any_tracker.record_writes():
        time.sleep(0.02)
    second = subprocess.run(_sync_command(any_tracker), capture_output=True, text=True, timeout=60)
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert "another certsync pass is running on this tracker" in second.stderr
    assert outcome(any_tracker) == expected_outcome()


def test_friday_update_reminders_go_once_to_each_engineer_mentioning_them(any_tracker):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from certsync.sync.remind import run_reminders

    any_tracker.sync()
    friday = datetime(2026, 11, 27, 15, 5, tzinfo=ZoneInfo("Europe/Berlin"))  # nobody has checked in this week yet
    report = run_reminders(any_tracker.config(), now=friday)
    assert report.exit_code == 0, report.lines()
    sent = [s for s in report.sent if s.posted and s.reminder.kind.value == "friday-update"]
    assert sent
    engineers = {e.id: e.engineer.name for e in sample_program().enrollments}
    for s in sent:
        sid = next(k for k, v in any_tracker.records.items() if v == s.reminder.enrollment_id)
        assert any_tracker.user(engineers[sid]) in any_tracker.mentioned(sid), sid
    again = run_reminders(any_tracker.config(), now=friday)
    assert not [s for s in again.sent if s.posted]


def test_next_weeks_update_reminder_replaces_the_previous_one(any_tracker):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from certsync.sync.remind import run_reminders

    any_tracker.sync()
    friday = datetime(2026, 11, 27, 15, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    updates = lambda report: [s for s in report.sent if s.posted and s.reminder.kind.value == "friday-update"]  # noqa: E731
    first = updates(run_reminders(any_tracker.config(), now=friday))
    any_tracker.sync(today=SAMPLE_TODAY + timedelta(days=7))
    later = updates(run_reminders(any_tracker.config(), now=friday + timedelta(days=7)))
    assert later and all(s.removed == 1 for s in later if s.reminder.enrollment_id in {f.reminder.enrollment_id for f in first})
    sid = next(k for k, v in any_tracker.records.items() if v == later[0].reminder.enrollment_id)
    texts = [t for t in any_tracker.alerts(sid) if "ref friday-update" in t or "reminder-friday-update" in t]
    assert len(texts) == 1  # at most one open reminder of each kind


def test_a_problem_text_longer_than_the_tool_takes_is_cut_cleanly_and_then_left_alone(any_tracker):
    for day in range(60):
        any_tracker.add_check_in("enr-01", f"2026-10-{day % 28 + 1:02d}", Confidence=40 + day)
    report = any_tracker.sync()
    text = any_tracker.owned("enr-01")[4]
    assert report.exit_code == 1 and not report.failures
    assert len(text) <= (2000 if any_tracker.kind == "notion" else 1024) and text.endswith(" …")
    assert text.startswith("Check-in 'late entry'")
    assert any_tracker.sync().written == 0  # the cut text is what certsync compares with next time
