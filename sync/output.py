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
