"""The tracker contract: everything a pass needs of one tool's side of a program, and nothing more.

`sync/` speaks only this. Each tool has one implementation (`adapters/notion/`, `adapters/asana/`)
and `adapters/memory.py` keeps a tracker in memory for fast tests of the pass; the contract suite
(`tests/trackers/`) holds every one of them to the same behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Protocol, runtime_checkable

from certsync.adapters.document import Document
from certsync.adapters.records import Owned, Snapshot
from certsync.rules.model import Person, Session, StudyPlanRow

Progress = Callable[[int], None]  # told how many records have been read so far


class TrackerError(Exception):
    """The tracker cannot be used as configured, or refused a request.

    Carries what the caller needs to say what happened in the tool's words: the HTTP status, the
    tool's error code, its request id, and which record it was about (when one was).
    """

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None,
                 request_id: str | None = None, record: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id
        self.record = record


@dataclass(frozen=True)
class Comment:
    """One of certsync's own comments on a record (a person's comments are never listed)."""

    id: str
    kind: str  # what it is: "alert" (a record turned red); reminders and reviews have their own kinds
    marker: str  # the whole marker line, e.g. "certsync ref alert:1a2b3c4d5e6f"
    created: datetime | None = None


@dataclass(frozen=True)
class ReviewPost:
    """A review for the program's managers, posted where only they read (a Notion page in the
    `Program reviews` database, an Asana task in the private `Program reviews` project)."""

    kind: str  # "weekly", "biweekly", "monthly", "quarterly"
    period: str  # the period's key: "2026-W49", "2026-W47-W48", "2026-11", "2026-Q4"
    title: str
    document: Document
    counts: dict[str, int]  # people per status, by the status's name ("On track": 7, …, "Not in yet": 1)
    marker: str  # "certsync ref review:TOKEN": how a later round recognises it


@dataclass(frozen=True)
class TeamUpdate:
    """What every follower of the program may see of a review: counts per status and completions,
    posted once per period (an Asana status update on the enrollments project)."""

    kind: str
    period: str
    title: str
    document: Document
    health: str  # "on_track", "at_risk", "off_track"
    marker: str  # "certsync ref team-update:TOKEN"


@dataclass
class SchemaReport:
    """What `check` found wrong, or what `provision` added (or would add)."""

    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@runtime_checkable
class Tracker(Protocol):
    kind: str  # "notion", "asana", "memory": for messages and the state's keys
    requests: int  # requests made so far, retries included

    @property
    def key(self) -> str:
        """Stable identity: the same tracker gives the same key whatever form the config gives
        its ids in (a database id, its data source id, a URL), so one tracker has one lock."""

    @property
    def owned_fields(self) -> tuple[str, ...]:
        """The owned fields this tracker keeps (a subset of `Owned`'s; optional ones may be absent)."""

    def read(self, cursor: str | None, zone: tzinfo | None = None,
             progress: Progress | None = None) -> Snapshot:
        """Every record (`cursor` None), or at least those changed since the read that returned
        `cursor`. The snapshot's `cursor` is what to pass next time: opaque to the caller (the
        tool's clock, rounding and overlap live in the adapter)."""

    def study_plan(self) -> list[StudyPlanRow]:
        """The study plan's rows (certification, week, three deliverables), when the tracker
        keeps one; certsync reads it and never writes it."""

    def canonical(self, owned: Owned) -> Owned:
        """What the record will hold once `owned` is written (text cut to the tool's limits,
        option names as the tool allows them)."""

    def write(self, record_id: str, changes: dict[str, Any]) -> None:
        """Set exactly these owned fields. Never repeated blindly: after a failure that may have
        been applied, the record is read back before the write is sent again."""

    def comments(self, record_id: str) -> list[Comment]:
        """certsync's own comments on a record: written by certsync's user and carrying a marker."""

    def post_comment(self, record_id: str, mention: Person | None, text: str, marker: str) -> str:
        """Post a comment that mentions `mention` (when the tool knows them as a user) and ends
        with `marker`; returns its id. Posted once: after a failure that may have been applied,
        the comments are looked at before it is posted again."""

    def remove_comment(self, record_id: str, comment_id: str) -> None:
        """Remove one of certsync's own comments (one already gone is fine)."""

    def sessions(self) -> list[Session]:
        """The cohorts' sessions (date, cohort, topic, attendees), when the tracker keeps them;
        certsync reads them and never writes them."""

    def posted_reviews(self) -> list[Comment]:
        """certsync's own reviews and team updates, complete ones only (kind "review" or
        "team-update", with their markers). A post an interruption left half-written is not listed."""

    def post_review(self, post: ReviewPost) -> str:
        """Post a review where only the program's managers read; returns its id. The caller looks
        at `posted_reviews` first; a half-written post of the same marker is replaced, not kept."""

    def post_team_update(self, update: TeamUpdate) -> str | None:
        """Post the followers' view of a review (it notifies them and cannot be edited); returns its
        id, or None when the tool keeps no such thing (Notion)."""

    def describe(self, error: BaseException) -> str:
        """An error in the tool's words: status, code, request id and record when known."""

    def is_gone(self, error: BaseException) -> bool:
        """Whether `error` says the record was deleted (or trashed) since it was read."""

    def check(self) -> list[str]:
        """Every problem with the tracker as configured, one line each: ids, fields and their
        types, owned fields, and what the token may do."""

    def provision(self, dry_run: bool = False, yes: bool = False) -> SchemaReport:
        """Add the owned fields the tracker lacks, with their options; never remove anything.
        `yes`: also change what other programs share (Asana's workspace fields); else say what."""

    def remember(self) -> dict[str, Any]:
        """What the adapter learned that is worth keeping between passes (resolved ids, field
        types, its own user), as JSON-able data."""

    def restore(self, remembered: dict[str, Any]) -> None:
        """Take back what `remember` returned on an earlier pass."""

    def close(self) -> None:
        """Release the client's connections."""


@contextmanager
def in_tool_words(error_of: Callable[..., TrackerError], *args: Any, **kwargs: Any) -> Iterator[None]:
    """A failure inside becomes `error_of(error, *args, **kwargs)`, a TrackerError in the tool's
    words; a TrackerError goes through as it is."""
    try:
        yield
    except TrackerError:
        raise
    except Exception as error:
        raise error_of(error, *args, **kwargs) from error


def describe_any(error: BaseException) -> str:
    """An error in words: a TrackerError with what it carries (status, code, request, record)."""
    if not isinstance(error, TrackerError):
        return f"{type(error).__name__}: {error}"
    known = [f"status {error.status}" if error.status else "", f"code {error.code}" if error.code else "",
             f"request {error.request_id}" if error.request_id else "", f"record {error.record}" if error.record else ""]
    details = ", ".join(part for part in known if part and part.split(" ", 1)[1] not in str(error))
    return f"{error} ({details})" if details else str(error)
