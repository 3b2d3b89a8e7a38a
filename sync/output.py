"""Consoles and tables for the CLI: results on stdout, messages on stderr.

Rich drops colours by itself when the stream is not a terminal (and honours NO_COLOR); a log
is given a fixed, generous width so that tables stay readable in CI instead of wrapping at 80.

What users typed (names, certifications, reasons, problems, errors) is shown as it is: cells are
`Text`, never markup, and the consoles parse neither markup nor emoji codes in printed strings,
so `Eve [/red] - CKA` prints as written instead of raising, and `[ops] Alice` keeps its `[ops]`.
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
    """A console on stdout (or stderr). Not a terminal and no COLUMNS: LOG_WIDTH columns.
    Printed strings are literal: no markup, no emoji codes."""
    probe = Console(stderr=stderr)
    width = None if probe.is_terminal or os.environ.get("COLUMNS") else LOG_WIDTH
    return Console(stderr=stderr, width=width, highlight=False, markup=False, emoji=False)


def error_lines(lines: Iterable[str]) -> None:
    """Problems, one per line, on stderr; plain text (no markup: values come from user files)."""
    err = console(stderr=True)
    for line in lines:
        err.print(Text(line, style="red"), soft_wrap=True)


def _table(title: str, caption: str = "") -> Table:
    return Table(title=Text(title) if title else None, caption=Text(caption) if caption else None,
                 box=box.SIMPLE_HEAD, show_lines=True, title_justify="left", caption_justify="left", expand=True)


def _flags(assessment: Assessment | None) -> Text:
    if assessment is None:
        return Text("")
    return Text("\n").join(Text(f.name, style=SEVERITY_STYLE[f.severity]) for f in assessment.flags)


def _reason(assessment: Assessment | None) -> Text:
    return Text(assessment.flags[0].reason if assessment and assessment.flags else "")


def assessments_table(rows: Sequence[tuple[Enrollment, Assessment]], title: str = "") -> Table:
    """One row per enrollment: engineer, certification, status, flags, and the first flag's reason."""
    table = _table(title)
    table.add_column("Engineer", no_wrap=True)
    table.add_column("Certification", ratio=2)
    table.add_column("Status", no_wrap=True)
    table.add_column("Flags", ratio=2)
    table.add_column("Why", ratio=4)
    for enrollment, assessment in rows:
        table.add_row(
            Text(enrollment.engineer.name if enrollment.engineer else enrollment.name),
            Text(enrollment.certification or ""),
            Text(assessment.status.value, style=STATUS_STYLE[assessment.status]),
            _flags(assessment),
            _reason(assessment),
        )
    return table


def status_summary(assessments: Iterable[Assessment]) -> str:
    """'12 enrollments: 5 On track, 3 Slightly behind, 3 At risk, 1 Completed' (every status)."""
    counts = Counter(a.status for a in assessments)
    total = sum(counts.values())
    noun = "enrollment" if total == 1 else "enrollments"
    return f"{total} {noun}: " + ", ".join(f"{counts[s]} {s.value}" for s in Status)


def pass_table(report, title: str = "", *, every_row: bool = False) -> Table:
    """The enrollments a pass changed or has something to say about: changed, alerted, failed,
    gone or with problems; with `every_row`, all of them (the tracker shows the others as they were).

    The rows left out are counted in the caption. Only the rows
    shown are sorted and built, so a settled pass over 10,000 enrollments prints a few lines.
    """
    shown = report.outcomes if every_row else [o for o in report.outcomes if worth_showing(o, report.dry_run)]
    hidden = len(report.outcomes) - len(shown)
    rows = "row" if hidden == 1 else "rows"
    caption = f"{hidden:,} unchanged {rows} not shown; --all shows them" if hidden else ""
    table = _table(title, caption if shown or not caption else "nothing changed: " + caption)
    if not shown:  # just the title and the caption
        table.show_header, table.box = False, None
    table.add_column("Enrollment", ratio=3)
    table.add_column("Status", no_wrap=True)
    table.add_column("Flags", ratio=2)
    table.add_column("Changed", ratio=2)
    table.add_column("Why", ratio=4)
    for outcome in sorted(shown, key=_by_urgency):
        action = outcome.action
        status = action.desired.status or ""
        why = _reason(action.assessment) if action.assessment else Text("; ".join(str(p) for p in action.problems))
        table.add_row(Text(action.record.enrollment.name), Text(status, style=_STATUS_STYLE_OF.get(status, "")),
                      _flags(action.assessment), Text(_changed(outcome, report.dry_run)), why)
    return table


def worth_showing(outcome, dry_run: bool) -> bool:
    """A row a settled pass still prints: it changed, was alerted, failed, is gone or has problems.
    Its output grows with the changes, not with the program (flagged rows are in the tracker)."""
    action = outcome.action
    return bool(action.changes or action.problems or outcome.error or outcome.gone or outcome.commented
                or outcome.comment_error or (dry_run and action.comment))


def _changed(outcome, dry_run: bool) -> str:
    action = outcome.action
    if outcome.error:
        return f"not written: {outcome.error}"
    if outcome.gone:
        return "gone: deleted or in the trash"
    changed = ", ".join(FIELD_LABELS[name] for name in FIELD_LABELS if name in action.changes) or "—"
    if action.comment is not None and (outcome.commented or dry_run):
        changed += ", comment"
    return changed


FIELD_LABELS = {"status": "Status", "flags": "Flags", "flag_details": "Flag details",
                "postponements": "Postponements", "sync_problem": "Sync problem"}
_STATUS_STYLE_OF = {status.value: style for status, style in STATUS_STYLE.items()}
_FLAGGED = {Status.AT_RISK.value, Status.SLIGHTLY_BEHIND.value}
_URGENCY = {Status.AT_RISK.value: 0, Status.SLIGHTLY_BEHIND.value: 1, Status.ON_TRACK.value: 2, Status.COMPLETED.value: 3}


def _by_urgency(outcome) -> tuple[int, str]:
    action = outcome.action
    return (-1 if action.problems else _URGENCY.get(action.desired.status or "", 4), action.record.enrollment.name)
