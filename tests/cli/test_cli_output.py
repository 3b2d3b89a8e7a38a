"""What the CLI prints: user text shown literally, a settled pass in a few lines, JSON on failure."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from rich.console import Console

from certsync.adapters.records import EnrollmentRecord, Owned
from certsync.rules.model import Assessment, DataProblem, Enrollment, ExamHistory, Flag, Person, Severity, Status
from certsync.sync.output import assessments_table, console, error_lines, pass_table
from certsync.sync.plan import Action
from certsync.sync.report import Outcome, PassReport, failure_json


MARKUP = ["Eve [/red] - CKA", "[ops] Alice", "blocked on [/] and [bold]", "a :smile: emoji", "[link=x]y[/link]"]


def outcome(name: str, status: Status = Status.ON_TRACK, *, changes=(), reason: str = "", certification: str = "CKA",
            problems: tuple[str, ...] = (), error: str | None = None, gone: bool = False) -> Outcome:
    enrollment = Enrollment(id=f"id-{name}", name=name, engineer=Person(name=name), certification=certification)
    severity = Severity.RED if status is Status.AT_RISK else Severity.YELLOW
    flags = (Flag(code="no-hours", severity=severity, name="No hours logged", reason=reason),) if reason else ()
    data_problems = tuple(DataProblem(record_id=enrollment.id, record_name=name, field="Hours", expected="a number",
                                      found=found) for found in problems)
    action = Action(
        record=EnrollmentRecord(enrollment=enrollment),
        history=ExamHistory(),
        desired=Owned(status=status.value),
        changes={change: True for change in changes},
        assessment=None if problems else Assessment(enrollment_id=enrollment.id, status=status, flags=flags),
        problems=data_problems,
    )
    return Outcome(action=action, written=bool(changes), error=error, gone=gone)


def report_of(outcomes: list[Outcome]) -> PassReport:
    return PassReport(tracker="test", today=date(2025, 11, 14), outcomes=outcomes)


def rendered(renderable) -> str:
    """As any console shows it, markup and emoji codes on (rich's defaults)."""
    out = Console(file=io.StringIO(), width=400, record=True)
    out.print(renderable)
    return out.export_text()


# --- user text is text -------------------------------------------------------------------------

def test_pass_table_shows_names_reasons_problems_and_errors_literally():
    report = report_of([
        outcome(MARKUP[0], Status.AT_RISK, changes=("status",), reason=MARKUP[2], certification=MARKUP[4]),
        outcome(MARKUP[1], Status.SLIGHTLY_BEHIND, reason=MARKUP[3]),
        outcome("Bob", problems=("[/] 1.5",)),
        outcome("Carol", Status.AT_RISK, changes=("flags",), reason="x", error="HTTP 400 [/red]"),
    ])
    text = rendered(pass_table(report, title="[ops] program", every_row=True))
    for literal in (*MARKUP[:4], "[ops] program", "Bob: Hours: expected a number, found [/] 1.5", "HTTP 400 [/red]"):
        assert literal in text


def test_assessments_table_shows_names_and_reasons_literally():
    rows = [(o.action.record.enrollment, o.action.assessment)
            for o in (outcome(MARKUP[0], Status.AT_RISK, reason=MARKUP[2], certification=MARKUP[4]),
                      outcome(MARKUP[1], Status.SLIGHTLY_BEHIND, reason=MARKUP[3]))]
    text = rendered(assessments_table(rows, title="[ops] program"))
    for literal in (*MARKUP[:4], "[ops] program"):
        assert literal in text
    assert "[link=x]y[/link]" in text


def test_error_lines_and_printed_lines_are_literal(capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    error_lines(MARKUP)
    console().print(MARKUP[1] + " " + MARKUP[3])
    captured = capsys.readouterr()
    assert captured.err.splitlines() == MARKUP
    assert captured.out.splitlines() == [MARKUP[1] + " " + MARKUP[3]]


# --- a settled pass prints what changed --------------------------------------------------------

def settled(unchanged: int) -> PassReport:
    return report_of(
        [outcome(f"Quiet {i:05}") for i in range(unchanged)]
        + [outcome(f"Done {i}", Status.COMPLETED) for i in range(3)]
        + [
            outcome("Changed", changes=("status",)),
            outcome("Red", Status.AT_RISK, reason="no hours"),
            outcome("Yellow", Status.SLIGHTLY_BEHIND, reason="under target"),
            outcome("Broken", problems=("-3",)),
            outcome("Failed", changes=("flags",), error="HTTP 502"),
            outcome("Gone", gone=True),
        ]
    )


def names_in(table) -> list[str]:
    return [cell.plain for cell in table.columns[0].cells]


def test_a_settled_pass_shows_only_changed_failed_and_broken_rows():
    table = pass_table(settled(10_000), title="t", every_row=False)
    # An unchanged At risk or Slightly behind row is in the tracker as it was: the log does not repeat it.
    assert names_in(table) == ["Broken", "Changed", "Failed", "Gone"]
    assert "10,005 unchanged rows not shown; --all shows them" in rendered(table)


def test_every_row_shows_all_of_them_in_order_of_urgency():
    table = pass_table(settled(5), title="t", every_row=True)
    assert table.row_count == 14
    assert names_in(table)[:3] == ["Broken", "Red", "Yellow"]
    assert "not shown" not in rendered(table)


def test_a_pass_that_changed_nothing_says_so():
    text = rendered(pass_table(report_of([outcome("A"), outcome("B")]), title="t", every_row=False))
    assert "nothing changed: 2 unchanged rows not shown; --all shows them" in text
    assert "A" not in text.replace("--all", "")


def test_the_settled_table_of_10000_enrollments_is_a_few_lines():
    text = rendered(pass_table(settled(10_000), title="t", every_row=False))
    assert len(text.splitlines()) < 25


# --- JSON on failure ---------------------------------------------------------------------------

@pytest.mark.parametrize("message, lines", [
    ("another pass is running on this tracker", ["another pass is running on this tracker"]),
    ("a.toml: x: expected 1, found 2\na.toml: y: expected 3, found 4",
     ["a.toml: x: expected 1, found 2", "a.toml: y: expected 3, found 4"]),
])
def test_failure_json_says_what_went_wrong_and_the_exit_code(message, lines):
    assert json.loads(failure_json(message, 2)) == {"error": message, "problems": lines, "exit_code": 2}


def test_failure_json_takes_a_list_of_problems():
    assert json.loads(failure_json(["one", "two"], 1)) == {"error": "one\ntwo", "problems": ["one", "two"], "exit_code": 1}
