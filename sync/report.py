"""What a pass did, per enrollment and in total: for the table, the JSON and the exit code."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from certsync.rules.model import DataProblem
from certsync.sync.plan import Action


@dataclass
class Outcome:
    action: Action
    written: bool = False
    commented: bool = False
    error: str | None = None
    comment_error: str | None = None  # the alert is still owed: a later pass sends it, once
    gone: bool = False  # the page was deleted or trashed after it was read

    @property
    def row(self) -> dict[str, Any]:
        record = self.action.record
        desired = self.action.desired
        return {
            "id": record.enrollment.id,
            "enrollment": record.enrollment.name,
            "engineer": record.enrollment.engineer.name if record.enrollment.engineer else None,
            "status": desired.status,
            "flags": list(desired.flags),
            "changed": sorted(self.action.changes),
            "written": self.written,
            "commented": self.commented,
            "problems": [str(problem) for problem in self.action.problems],
            "error": self.error,
            "comment_error": self.comment_error,
            "gone": self.gone,
        }


@dataclass
class PassReport:
    tracker: str
    today: date
    dry_run: bool = False
    full: bool = False
    enrollments_read: int = 0
    check_ins_read: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    orphans: list[DataProblem] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    unchanged: bool = False  # nothing read, the same day as a pass that left nothing to do
    @property
    def written(self) -> int:
        return sum(o.written for o in self.outcomes)

    @property
    def comments(self) -> int:
        return sum(o.commented for o in self.outcomes)

    @property
    def problems(self) -> list[str]:
        return [str(p) for o in self.outcomes for p in o.action.problems] + [str(p) for p in self.orphans]

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error or o.comment_error]

    @property
    def exit_code(self) -> int:
        """0 all well; 1 when data problems were found or some records could not be written."""
        return 1 if self.problems or self.failures else 0

    def summary(self) -> str:
        if self.unchanged:
            return f"nothing changed since the last pass today; {self.requests} requests in {self.seconds:.1f} s"
        verb = "would write" if self.dry_run else "written"
        writes = sum(bool(o.action.changes) for o in self.outcomes) if self.dry_run else self.written
        comments = sum(bool(o.action.alert) for o in self.outcomes) if self.dry_run else self.comments
        problems = sum(len(o.action.problems) for o in self.outcomes) + len(self.orphans)
        failures = len(self.failures)
        text = (f"read {self.enrollments_read} enrollments and {self.check_ins_read} check-ins; "
                f"{verb} {writes} records, {comments} alerts; {problems} problems")
        if failures:
            text += f"; {failures} records not written (the next pass completes them)"
        return text + f"; {self.requests} requests in {self.seconds:.1f} s"

    def as_json(self) -> dict[str, Any]:
        return {
            "tracker": self.tracker,
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "unchanged": self.unchanged,
            "full": self.full,
            "read": {"enrollments": self.enrollments_read, "check_ins": self.check_ins_read},
            "written": self.written,
            "comments": self.comments,
            "problems": self.problems,
            "failures": [{"id": o.action.page_id, "error": o.error or o.comment_error} for o in self.failures],
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "enrollments": [o.row for o in self.outcomes],
        }


def failure_json(error: str | Iterable[str], code: int) -> str:
    """What `--json` prints when a pass cannot run (config error, tracker unreachable, another
    pass running): {"error": the message, "problems": its lines, "exit_code": code}."""
    lines = error.splitlines() if isinstance(error, str) else list(error)
    return json.dumps({"error": "\n".join(lines), "problems": lines, "exit_code": code}, indent=2)
