"""The reviews due at a moment, composed from what the tracker holds now.

History comes from the tracker, not certsync's cache of past passes: past weeks are recomputed
from the check-ins (one sweep per enrollment over every week the reviews show), with the
postponement count the tracker holds now. Shared by `certsync review` (printed) and the review
round (posted).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from certsync.rules.model import ExamHistory, Session
from certsync.rules.review_periods import ReviewPeriod, ReviewSettings, review_due
from certsync.rules.reviews import Review, ReviewData, compose
from certsync.rules.targets import Targets
from certsync.sync.session import Records


def review_settings(config: Any) -> tuple[ReviewSettings, Targets, float | None]:
    """(ReviewSettings, Targets, budget) from the config, the defaults where it has no section yet."""
    settings = getattr(config, "review_settings", None) or ReviewSettings()
    targets = getattr(config, "targets", None) or Targets()
    if not isinstance(targets, Targets):  # a [targets] section: its keys are Targets'
        targets = Targets(**targets.model_dump())
    return settings, targets, getattr(config.program, "budget", None)


class Composer:
    """Every review due at `moment` over one reading of the tracker: the enrollments that can be
    judged (a record whose needed values cannot be read is left out, as a pass leaves it)."""

    def __init__(self, config: Any, records: Records, moment: datetime, sessions: Sequence[Session] = ()) -> None:
        self.config, self.moment = config, moment
        judged = [r for r in records.enrollments.values() if not any(p.blocking for p in r.problems)]
        self.enrollments = [r.enrollment.model_copy(update={"exam_history": ExamHistory(
            postponements_before=r.owned.postponements or r.enrollment.exam_history.postponements)}) for r in judged]
        check_ins = [c.check_in for c in records.check_ins.values() if c.check_in is not None]
        self.settings, self.targets, self.budget = review_settings(config)
        self.data = ReviewData.of(self.enrollments, check_ins, config.policy, program=config.program.name,
                                  sessions=sessions)
        self._prepared: set[str] = set()

    def period(self, kind: str) -> ReviewPeriod:
        return review_due(kind, self.moment, self.config.policy, self.settings)

    def prepare(self, kinds: list[str]) -> None:
        """Sweep once over every week the reviews of `kinds` show (before composing them)."""
        self.data.prepare([self.period(kind) for kind in kinds])
        self._prepared.update(kinds)

    def has_anyone(self, period: ReviewPeriod) -> bool:
        """Whether anybody had begun studying by the period's last day: else nothing to review."""
        return any(e.study_start is None or e.study_start <= period.last for e in self.enrollments)

    def compose(self, kind: str) -> Review:
        if kind not in self._prepared:
            self.prepare([kind])
        return compose(kind, self.data, period=self.period(kind), settings=self.settings, targets=self.targets,
                       budget=self.budget)
