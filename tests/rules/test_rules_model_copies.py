"""A copy of a model with new fields derives its own values (postponements, attendance), never the original's."""

from datetime import date

from certsync.rules.model import ExamHistory, Session


def test_a_copied_exam_history_counts_its_own_postponements():
    moved = ExamHistory(dates_seen=(date(2026, 11, 6), date(2026, 11, 20)))
    assert moved.postponements == 1
    assert moved.model_copy(update={"dates_seen": (date(2026, 11, 6),)}).postponements == 0


def test_a_copied_session_has_its_own_attendees():
    session = Session(id="s-1", day=date(2026, 11, 19), cohort="Autumn", attendees=("enr-02",))
    assert "enr-01" not in session.attended_by
    assert "enr-01" in session.model_copy(update={"attendees": ("enr-02", "enr-01")}).attended_by
