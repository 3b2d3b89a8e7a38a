"""A review round: the reviews due now (rules/review_periods.py), each posted once per period.

Held to the comment rule, like alerts and reminders. Unless the state knows a review was posted,
certsync's own posts in the tool are looked at first (one request a round: reviews are few), and
the state records it once the tool has it; so a round killed anywhere, retried, or run with the
state lost posts each review once. A review missed while the job was down is still the one due when it
returns, until the next of its kind is due (the period's key is the same until then).

Where a review goes is the tracker's business (a Notion page in `Program reviews`, an Asana task in
the private project); the followers' view of a weekly (or monthly) review, counts and completions
only, goes where the tool keeps one (an Asana status update), held to the same rule.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from certsync.adapters import markers
from certsync.adapters.registry import open_tracker, sections
from certsync.adapters.tracker import Comment, ReviewPost, TeamUpdate, Tracker
from certsync.rules.health import program_health
from certsync.rules.reasons import count_of
from certsync.rules.review_periods import ReviewKind
from certsync.rules.reviews import MonthlyReview, Review, WeeklyReview
from certsync.rules.review_model import StatusCounts
from certsync.sync.review_compose import Composer
from certsync.sync.review_doc import STATUS_ORDER, document, team_document
from certsync.sync.session import locked, read_records, read_sessions
from certsync.sync.state import State

KINDS = tuple(kind.value for kind in ReviewKind)
REVIEWS = "program-reviews"  # the state's record for the reviews' and team updates' tokens


def review_token(kind: str, period: str) -> str:
    return hashlib.sha256(f"{kind}|{period}".encode()).hexdigest()[:12]


@dataclass
class Posting:
    """One review of a round, and its followers' view."""

    kind: str
    period: str
    title: str = ""
    posted: bool = False
    already: bool = False  # posted by an earlier round (found in the state or in the tracker)
    nothing: bool = False  # nobody had begun studying by the period's end: nothing to review
    error: str | None = None
    team: str | None = None  # the followers' view: "posted", "already", "none" (the tool keeps none) or None
    team_error: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.error or self.team_error)


@dataclass
class ReviewRoundReport:
    tracker: str
    now: datetime
    dry_run: bool = False
    postings: list[Posting] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    @property
    def failures(self) -> list[Posting]:
        return [p for p in self.postings if p.failed]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def lines(self) -> list[str]:
        out = []
        for p in self.postings:
            what = f"{p.kind} review {p.period}"
            if p.error:
                out.append(f"{what} not posted: {p.error} (the next round posts it while it is still due)")
            elif p.nothing or (p.already and p.team in (None, "already", "none")):
                continue
            elif self.dry_run:
                out.append(f"would post the {what}" + (" (and its team update, where the tool keeps them)"
                                                       if p.team == "due" else ""))
            else:
                out.append(f"posted the {what}" if p.posted else f"{what} was already posted")
            if p.team_error:
                out.append(f"{what}: team update not posted: {p.team_error}")
            elif p.team == "posted" and not self.dry_run:
                out.append(f"{what}: posted its team update")
        return out

    def summary(self) -> str:
        verb = "would post" if self.dry_run else "posted"
        done = [p for p in self.postings if (p.posted or (self.dry_run and not p.already)) and not p.nothing]
        text = f"{verb} {count_of(len(done), 'review')}"
        idle = [p for p in self.postings if p.nothing]
        if idle and not done:
            text += f" (nothing to review yet: nobody had begun studying by the end of {join_periods(idle)})"
        if self.failures:
            text += f"; {len(self.failures)} not posted (the next round posts them)"
        return text + f"; {self.requests} requests in {self.seconds:.1f} s"

    def as_json(self) -> dict[str, Any]:
        return {"tracker": self.tracker, "now": self.now.isoformat(), "dry_run": self.dry_run,
                "reviews": [{"kind": p.kind, "period": p.period, "title": p.title, "posted": p.posted,
                             "already": p.already, "nothing_to_review": p.nothing, "error": p.error,
                             "team_update": p.team, "team_update_error": p.team_error} for p in self.postings],
                "requests": self.requests, "seconds": round(self.seconds, 3)}


def join_periods(postings: list[Posting]) -> str:
    return ", ".join(f"{p.kind} {p.period}" for p in postings)


def run_review_round(config: Any, *, now: datetime | None = None, kinds: tuple[str, ...] = KINDS,
                     dry_run: bool = False, tracker: Tracker | None = None) -> ReviewRoundReport:
    """Post the reviews of `kinds` due at `now` (default: now in the program's time zone) that
    are not posted yet, under the tracker's lock."""
    tracker = tracker or open_tracker(config, sections(config)[0])
    now = (now or datetime.now(config.program.zone)).astimezone(config.program.zone)
    return locked(config, tracker, lambda state, key: _round(config, tracker, state, key, now, kinds, dry_run))


def _round(config: Any, tracker: Tracker, state: State, key: str, now: datetime, kinds: tuple[str, ...],
           dry_run: bool) -> ReviewRoundReport:
    report = ReviewRoundReport(tracker=key, now=now, dry_run=dry_run)
    records = read_records(config, tracker, state, dry_run=dry_run)
    composer = Composer(config, records, now, read_sessions(tracker))
    sender = _Sender(tracker, state)
    team_kinds = set(getattr(config.reviews_section, "team_updates", ()))
    composer.prepare([k for k in kinds if not sender.known("review", k, composer.period(k).key)])
    for kind in kinds:
        period = composer.period(kind)
        posting = Posting(kind, period.key)
        report.postings.append(posting)
        wants_team = kind in team_kinds
        if sender.known("review", kind, period.key) and (
                not wants_team or sender.known("team-update", kind, period.key)):
            posting.already, posting.team = True, "already" if wants_team else None
            continue
        if not composer.has_anyone(period):
            posting.nothing = True
            continue
        review = composer.compose(kind)
        post = review_post(review)
        posting.title = post.title
        if dry_run:
            posting.already = sender.known("review", kind, period.key)
            posting.team = "due" if wants_team else None
            continue
        sender.post(post, posting)
        if wants_team and not posting.error and isinstance(review, WeeklyReview | MonthlyReview):
            sender.post_team(team_update(review, composer.settings), posting)
    if not dry_run:
        records.finish(state, tracker)
    return report


def counts_of(review: Review) -> dict[str, int]:
    """People per status, by the status's name, for the tools that keep them beside the review."""
    counts: StatusCounts | None = getattr(review, "counts", None)
    if counts is None:
        weeks = getattr(review, "weeks", ())
        counts = weeks[-1].counts if weeks else None
    if counts is None:
        return {}
    found = {status.value: counts.of(status) for status in STATUS_ORDER}
    found["Not in yet"] = counts.not_in_yet
    return found


def review_post(review: Review) -> ReviewPost:
    doc = document(review)
    kind, period = review.kind.value, review.period.key
    return ReviewPost(kind=kind, period=period, title=doc.title, document=doc, counts=counts_of(review),
                      marker=markers.line("review", [review_token(kind, period)]))


def team_update(review: WeeklyReview | MonthlyReview, settings: Any) -> TeamUpdate:
    doc = team_document(review)
    kind, period = review.kind.value, review.period.key
    return TeamUpdate(kind=kind, period=period, title=doc.title, document=doc,
                      health=program_health(review.counts, settings).value,
                      marker=markers.line("team-update", [review_token(kind, period)]))


class _Sender:
    """Posts once: looked for in the tool unless the state knows it is there, posted, recorded."""

    def __init__(self, tracker: Tracker, state: State) -> None:
        self.tracker, self.state = tracker, state
        self._posted: list[Comment] | None = None  # certsync's own posts, looked at once a round

    @staticmethod
    def _key(what: str, kind: str, period: str) -> tuple[str, str]:
        token = review_token(kind, period)
        return f"{what}-{kind}/{token}", token

    def known(self, what: str, kind: str, period: str) -> bool:
        return self.state.token_states(REVIEWS).get(self._key(what, kind, period)[0]) == "posted"

    def _found(self, what: str, token: str) -> str | None:
        if self._posted is None:
            self._posted = self.tracker.posted_reviews()
        return next((c.id for c in self._posted if c.kind == what and token in markers.tokens(c.marker)), None)

    def _once(self, what: str, kind: str, period: str, post: Any) -> str:
        """Post unless the state or the tracker has it: "posted", "already", or "none" (the tool
        keeps no such post)."""
        key, token = self._key(what, kind, period)
        if self.known(what, kind, period):
            return "already"
        found = self._found(what, token)
        if found is not None:
            self.state.record_tokens(REVIEWS, [key], "posted", found)
            return "already"
        posted = self.tracker.post_review(post) if what == "review" else self.tracker.post_team_update(post)
        self.state.record_tokens(REVIEWS, [key], "posted", posted)
        return "posted" if posted is not None else "none"

    def post(self, post: ReviewPost, posting: Posting) -> None:
        try:
            posting.posted = self._once("review", post.kind, post.period, post) == "posted"
            posting.already = not posting.posted
        except Exception as error:  # reported per review; the others still go
            posting.error = self.tracker.describe(error)

    def post_team(self, update: TeamUpdate, posting: Posting) -> None:
        try:
            posting.team = self._once("team-update", update.kind, update.period, update)
        except Exception as error:
            posting.team_error = self.tracker.describe(error)
