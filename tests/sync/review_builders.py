"""The 13-week review program (tests/review_program.py) on a tracker, with the clock moving:
check-ins arrive on Friday at noon of their week, the sandbox clock follows certsync's now, and
`posted()` reads back every review as a manager finds it in the tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from certsync.adapters import markers
from certsync.rules.model import Program
from certsync.sync.review_round import ReviewRoundReport, run_review_round
from remind_builders import BERLIN
from review_program import ENROLLMENTS, check_ins, sessions

START = datetime(2026, 9, 7, 8, 0, tzinfo=BERLIN)  # Monday of W1, before anything is due
END = datetime(2027, 1, 4, 10, 0, tzinfo=BERLIN)  # after the Q4 review (first Monday of January)
BUDGET = 'budget = 5000\n'


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BERLIN)


def arrives(check_in) -> datetime:
    monday = check_in.week_of - timedelta(days=check_in.week_of.weekday())
    return at(monday + timedelta(days=4), 12)


def review_program() -> Program:
    return Program(name="Cloud certifications", enrollments=ENROLLMENTS, check_ins=tuple(check_ins()),
                   sessions=tuple(sessions()))


@dataclass
class Posted:
    kind: str  # "review" or "team-update"
    marker: str
    created: datetime | None
    text: str


class ReviewTimeline:
    """A Rhythm (remind_builders) holding the review program, driven through time."""

    def __init__(self, rhythm) -> None:
        self.r = rhythm
        self.waiting = sorted(check_ins(), key=arrives)
        self.r.pending = []

    def move_to(self, when: datetime) -> None:
        self.r.move_to(when)
        while self.waiting and arrives(self.waiting[0]) <= when:
            self.r.submit(self.waiting.pop(0))

    def round(self, **options) -> ReviewRoundReport:
        options.setdefault("now", self.r.now)
        options.setdefault("tracker", self.r.open_tracker())
        return run_review_round(self.r.config(), **options)

    def posted(self) -> list[Posted]:
        """Every review and team update in the tool, as its readers see it."""
        if self.r.kind == "memory":
            from review_readers import document_text

            return [Posted(p.kind, p.post.marker, p.created, document_text(p.post.document))
                    for p in self.r.tracker.posts]
        from review_readers import posted_in

        return posted_in(self.r)


def marker_of(kind: str, period: str, what: str = "review") -> str:
    from certsync.sync.review_round import review_token

    return markers.line(what, [review_token(kind, period)])
