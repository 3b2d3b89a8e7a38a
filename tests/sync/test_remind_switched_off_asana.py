"""On Asana: an engineer switching reminders off mid-program (the Reminders off enum set to Yes on
their task) gets none from then on. The same story as test_remind_report.py's, whose helper
writes the Notion way."""

from __future__ import annotations

from datetime import date

import pytest

from remind_builders import at, rhythm  # noqa: F401

FRIDAY = date(2026, 11, 20)


@pytest.mark.parametrize("rhythm", ["asana"], indirect=True)
def test_an_engineer_who_switches_reminders_off_on_asana_gets_none_from_then_on(rhythm):
    r = rhythm(at(date(2026, 11, 16), 8))
    r.move_to(at(date(2026, 11, 16), 9))
    assert "enr-01" in r.sent(r.round(), "monday-goals")
    r.switch_reminders_off("enr-01")
    r.move_to(at(FRIDAY, 15))
    friday = r.sent(r.round())
    assert "enr-01" not in friday and friday  # the others still get theirs
    r.move_to(at(date(2026, 11, 23), 9))  # Priya's goals and her practice exam's eve
    assert "enr-01" not in r.sent(r.round())
