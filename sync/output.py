"""Consoles and tables for the CLI: results on stdout, messages on stderr.

Rich drops colours by itself when the stream is not a terminal (and honours NO_COLOR); a log
is given a fixed, generous width so that tables stay readable in CI instead of wrapping at 80.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from certsync.rules.model import Assessment, Enrollment, Severity, Status

LOG_WIDTH = 120

STATUS_STYLE = {
    Status.ON_TRACK: "green",
    Status.SLIGHTLY_BEHIND: "yellow",
    Status.AT_RISK: "bold red",
    Status.COMPLETED: "cyan",
}
SEVERITY_STYLE = {Severity.RED: "red", Severity.YELLOW: "yellow"}


def console(*, stderr: bool = False) -> Console:
    """A console on stdout (or stderr). Not a terminal and no COLUMNS: LOG_WIDTH columns."""
    probe = Console(stderr=stderr)
    width = None if probe.is_terminal or os.environ.get("COLUMNS") else LOG_WIDTH
    return Console(stderr=stderr, width=width, highlight=False)


def error_lines(lines: Iterable[str]) -> None:
    """Problems, one per line, on stderr; plain text (no markup: values come from user files)."""
    err = console(stderr=True)
    for line in lines:
        err.print(Text(line, style="red"), soft_wrap=True)


def assessments_table(rows: Sequence[tuple[Enrollment, Assessment]], title: str = "") -> Table:
    """One row per enrollment: engineer, certification, status, flags, and the first flag's reason."""
    table = Table(
        title=title or None, box=box.SIMPLE_HEAD, show_lines=True, title_justify="left", expand=True
    )
    table.add_column("Engineer", no_wrap=True)
    table.add_column("Certification", ratio=2)
    table.add_column("Status", no_wrap=True)
    table.add_column("Flags", ratio=2)
    table.add_column("Why", ratio=4)
    for enrollment, assessment in rows:
        flags = Text("\n").join(Text(f.name, style=SEVERITY_STYLE[f.severity]) for f in assessment.flags)
        table.add_row(
            enrollment.engineer.name if enrollment.engineer else enrollment.name,
            enrollment.certification or "",
            Text(assessment.status.value, style=STATUS_STYLE[assessment.status]),
            flags,
            assessment.flags[0].reason if assessment.flags else "",
        )
    return table


def status_summary(assessments: Iterable[Assessment]) -> str:
    """'12 enrollments: 5 On track, 3 Slightly behind, 3 At risk, 1 Completed' (every status)."""
    counts = Counter(a.status for a in assessments)
    total = sum(counts.values())
    noun = "enrollment" if total == 1 else "enrollments"
    return f"{total} {noun}: " + ", ".join(f"{counts[s]} {s.value}" for s in Status)


def pass_table(report, title: str = "") -> Table:
    """One row per enrollment after a pass: status, flags, what changed, and why."""
    table = Table(title=title or None, box=box.SIMPLE_HEAD, show_lines=True, title_justify="left", expand=True)
    table.add_column("Enrollment", ratio=3)
    table.add_column("Status", no_wrap=True)
    table.add_column("Flags", ratio=2)
    table.add_column("Changed", ratio=2)
    table.add_column("Why", ratio=4)
    for outcome in sorted(report.outcomes, key=_by_urgency):
        action = outcome.action
        assessment = action.assessment
        status = action.desired.status or ""
        style = next((STATUS_STYLE[s] for s in Status if s.value == status), "")
        if assessment is not None:
            flags = Text("\n").join(Text(f.name, style=SEVERITY_STYLE[f.severity]) for f in assessment.flags)
            why = assessment.flags[0].reason if assessment.flags else ""
        else:
            flags, why = Text(""), "; ".join(str(p) for p in action.problems)
        changed = ", ".join(FIELD_LABELS[name] for name in FIELD_LABELS if name in action.changes) or "—"
        if action.comment is not None and (outcome.commented or report.dry_run):
            changed += ", comment"
        if outcome.error:
            changed = f"not written: {outcome.error}"
        elif outcome.gone:
            changed = "gone: deleted or in the trash"
        table.add_row(action.record.enrollment.name, Text(status, style=style), flags, changed, why)
    return table


FIELD_LABELS = {"status": "Status", "flags": "Flags", "flag_details": "Details",
                "postponements": "Postponements", "sync_problem": "Sync problem"}
_URGENCY = {Status.AT_RISK.value: 0, Status.SLIGHTLY_BEHIND.value: 1, Status.ON_TRACK.value: 2, Status.COMPLETED.value: 3}


def _by_urgency(outcome) -> tuple[int, str]:
    action = outcome.action
    return (-1 if action.problems else _URGENCY.get(action.desired.status or "", 4), action.record.enrollment.name)
