"""A tracker kept in memory: the contract with no tool behind it, for fast tests of the pass.

It behaves as the contract says and as a real tool would where a pass can tell: records have
edit times on a clock of its own (an incremental read returns what changed since the cursor),
comments have authors (only certsync's own, with a marker, are listed), a deleted record is
gone. Tests reach in through the methods below the contract: they edit records as people do,
make calls fail, and watch every call (`on_call`), which is how "killed at any point" is tested.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo, UTC
from typing import Any

from certsync.adapters import markers
from certsync.adapters.records import OWNED_FIELDS, CheckInRecord, EnrollmentRecord, Owned, Snapshot
from certsync.adapters.tracker import (
    Comment, Progress, ReviewPost, SchemaReport, TeamUpdate, TrackerError, describe_any,
)
from certsync.rules.model import CheckIn, Enrollment, Person, Program, Session, StudyPlanRow

ME = "certsync"  # the user certsync's token belongs to


class Gone(TrackerError):
    """The record was deleted."""


@dataclass
class StoredComment:
    id: str
    record_id: str
    author: str
    text: str
    created: datetime
    mention: str | None = None


@dataclass
class StoredPost:
    """A review (or a team update) as the program's managers (or followers) see it."""

    id: str
    kind: str  # "review" or "team-update"
    post: ReviewPost | TeamUpdate
    created: datetime


class MemoryTracker:
    kind = "memory"

    def __init__(self, name: str = "program", owned_fields: tuple[str, ...] = OWNED_FIELDS) -> None:
        self.name = name
        self.fields = tuple(owned_fields)
        self.enrollments: dict[str, EnrollmentRecord] = {}
        self.check_ins: dict[str, CheckInRecord] = {}
        self.edited: dict[str, int] = {}  # record id -> tick of its last edit
        self.stored_comments: list[StoredComment] = []
        self.tick = 0
        self.requests = 0
        self.failures: dict[str, BaseException] = {}  # operation -> error raised instead (until cleared)
        self.on_call: Callable[[str, str], None] | None = None  # (operation, "before" | "after")
        self.calls: list[str] = []
        self._ids = itertools.count(1)
        self.epoch = datetime(2026, 1, 1, tzinfo=UTC)
        self.plan_rows: list[StudyPlanRow] = []  # the study plan, when the program keeps one
        self.session_rows: list[Session] = []  # the cohorts' sessions, when the program keeps them
        self.posts: list[StoredPost] = []  # reviews and team updates, in the order posted
        self.team_updates = True  # whether the tool keeps a followers' view (Asana's status updates)

    # --- the contract ---------------------------------------------------------------------------

    @property
    def key(self) -> str:
        return f"memory:{self.name}"

    @property
    def reference(self) -> str:
        return self.key

    @property
    def owned_fields(self) -> tuple[str, ...]:
        return self.fields

    def _call(self, operation: str) -> None:
        self.requests += 1
        self.calls.append(operation)
        if self.on_call:
            self.on_call(operation, "before")
        if operation in self.failures:
            raise self.failures[operation]

    def _done(self, operation: str) -> None:
        if self.on_call:
            self.on_call(operation, "after")

    def read(self, cursor: str | None = None, zone: tzinfo | None = None,
             progress: Progress | None = None) -> Snapshot:
        self._call("read")
        since = int(cursor) if cursor and cursor.isdigit() else None
        self.tick += 1

        def fresh(ident: str) -> bool:
            return since is None or self.edited.get(ident, 0) >= since

        snapshot = Snapshot(
            enrollments=tuple(r for i, r in self.enrollments.items() if fresh(i)),
            check_ins=tuple(r for i, r in self.check_ins.items() if fresh(i)),
            complete=since is None, cursor=str(self.tick))
        if progress:
            progress(len(snapshot.enrollments) + len(snapshot.check_ins))
        self._done("read")
        return snapshot

    def study_plan(self) -> list[StudyPlanRow]:
        self._call("study_plan")
        rows = list(self.plan_rows)
        self._done("study_plan")
        return rows

    def canonical(self, owned: Owned) -> Owned:
        return owned

    def write(self, record_id: str, changes: dict[str, Any]) -> None:
        self._call("write")
        record = self._enrollment(record_id)
        unknown = set(changes) - set(self.fields)
        if unknown:
            raise TrackerError(f"memory: the tracker has no field {sorted(unknown)}", status=400)
        self.enrollments[record_id] = record.model_copy(update={"owned": record.owned.model_copy(update=changes)})
        self._touch(record_id)
        self._done("write")

    def comments(self, record_id: str) -> list[Comment]:
        self._call("comments")
        self._enrollment(record_id)
        found = []
        for stored in self.stored_comments:
            parsed = markers.parse(stored.text) if stored.record_id == record_id and stored.author == ME else None
            if parsed is not None:
                found.append(Comment(id=stored.id, kind=parsed[0], marker=parsed[1], created=stored.created))
        self._done("comments")
        return found

    def post_comment(self, record_id: str, mention: Person | None, text: str, marker: str) -> str:
        self._call("post_comment")
        self._enrollment(record_id)
        stored = StoredComment(id=f"comment-{next(self._ids)}", record_id=record_id, author=ME,
                               text=f"{text}\n{marker}", created=self.now(),
                               mention=mention.id if mention is not None and mention.id != ME else None)
        self.stored_comments.append(stored)
        self._done("post_comment")
        return stored.id

    def remove_comment(self, record_id: str, comment_id: str) -> None:
        self._call("remove_comment")
        self.stored_comments = [c for c in self.stored_comments
                                if not (c.id == comment_id and c.author == ME)]
        self._done("remove_comment")

    def sessions(self) -> list[Session]:
        self._call("sessions")
        rows = list(self.session_rows)
        self._done("sessions")
        return rows

    def posted_reviews(self) -> list[Comment]:
        self._call("posted_reviews")
        found = [Comment(id=p.id, kind=p.kind, marker=p.post.marker, created=p.created) for p in self.posts]
        self._done("posted_reviews")
        return found

    def post_review(self, post: ReviewPost) -> str:
        return self._post("post_review", "review", post)

    def post_team_update(self, update: TeamUpdate) -> str | None:
        if not self.team_updates:
            return None
        return self._post("post_team_update", "team-update", update)

    def _post(self, operation: str, kind: str, post: ReviewPost | TeamUpdate) -> str:
        self._call(operation)
        self.tick += 1
        stored = StoredPost(id=f"{kind}-{next(self._ids)}", kind=kind, post=post, created=self.now())
        self.posts.append(stored)
        self._done(operation)
        return stored.id

    def describe(self, error: BaseException) -> str:
        return describe_any(error)

    def is_gone(self, error: BaseException) -> bool:
        return isinstance(error, Gone)

    def check(self) -> list[str]:
        return [f"the tracker lacks the owned field '{name}' (run `certsync provision`)"
                for name in OWNED_FIELDS if name not in self.fields]

    def provision(self, dry_run: bool = False, yes: bool = False) -> SchemaReport:
        missing = [name for name in OWNED_FIELDS if name not in self.fields]
        if not dry_run:
            self.fields = self.fields + tuple(missing)
        return SchemaReport(changes=[f"add '{name}'" for name in missing])

    def remember(self) -> dict[str, Any]:
        return {"me": ME}

    def restore(self, remembered: dict[str, Any]) -> None:
        pass

    def close(self) -> None:
        pass

    # --- what people do (for tests) --------------------------------------------------------------

    def now(self) -> datetime:
        return self.epoch + timedelta(minutes=self.tick)

    def _touch(self, record_id: str) -> None:
        self.tick += 1
        self.edited[record_id] = self.tick

    def _enrollment(self, record_id: str) -> EnrollmentRecord:
        if record_id not in self.enrollments:
            raise Gone(f"memory: no record {record_id} (deleted)", status=404, record=record_id)
        return self.enrollments[record_id]

    def add_program(self, program: Program) -> None:
        for enrollment in program.enrollments:
            self.put_enrollment(enrollment)
        for check_in in program.check_ins:
            self.put_check_in(check_in)
        self.session_rows.extend(program.sessions)

    def put_enrollment(self, enrollment: Enrollment, owned: Owned | None = None) -> None:
        """Add or edit an enrollment as a person would (owned values kept unless given)."""
        previous = self.enrollments.get(enrollment.id)
        if owned is None:
            owned = previous.owned if previous else Owned(postponements=enrollment.exam_history.postponements or None)
        self.enrollments[enrollment.id] = EnrollmentRecord(
            enrollment=enrollment.model_copy(update={"exam_history": type(enrollment.exam_history)()}),
            owned=owned)
        self._touch(enrollment.id)

    def edit_owned(self, record_id: str, **values: Any) -> None:
        """A person edits owned fields by hand (a manager clears Flags, say)."""
        record = self.enrollments[record_id]
        self.enrollments[record_id] = record.model_copy(update={"owned": record.owned.model_copy(update=values)})
        self._touch(record_id)

    def put_check_in(self, check_in: CheckIn) -> None:
        self._touch(check_in.id)
        self.check_ins[check_in.id] = CheckInRecord(id=check_in.id, check_in=check_in, submitted=self.now())

    def delete(self, record_id: str) -> None:
        self.enrollments.pop(record_id, None)
        self.check_ins.pop(record_id, None)

    def add_comment_as(self, record_id: str, author: str, text: str) -> None:
        self.stored_comments.append(StoredComment(id=f"comment-{next(self._ids)}", record_id=record_id,
                                                  author=author, text=text, created=self.now()))

    def alerts_on(self, record_id: str) -> list[StoredComment]:
        """certsync's alerts on a record, as a person sees them."""
        return [c for c in self.stored_comments if c.record_id == record_id and c.author == ME
                and (parsed := markers.parse(c.text)) is not None and parsed[0] == "alert"]
