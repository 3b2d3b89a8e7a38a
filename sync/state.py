"""The local state: a SQLite cache that makes passes cheap and safe, and that can be rebuilt.

What it keeps, per tracker: the records last read (so an incremental pass can evaluate
enrollments it did not re-read), the owned values last written, the exam dates seen, comment
intents and posts, the read cursor, and resolved ids. Everything that must survive its loss
(postponement counts, posted comments) is also in the tracker itself.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned
from certsync.rules.model import ExamHistory

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (tracker TEXT, key TEXT, value TEXT, PRIMARY KEY (tracker, key));
CREATE TABLE IF NOT EXISTS enrollments (tracker TEXT, id TEXT, record TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS check_ins (tracker TEXT, id TEXT, record TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS written (tracker TEXT, id TEXT, owned TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS exams (tracker TEXT, id TEXT, history TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS comments (
    tracker TEXT, id TEXT, marker TEXT, state TEXT, at TEXT, PRIMARY KEY (tracker, id, marker)
);
"""


class State:
    """One tracker's view of the state file. Every method commits before it returns."""

    def __init__(self, path: Path, tracker: str) -> None:
        self.path = Path(path)
        self.tracker = tracker
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- meta ----------------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE tracker=? AND key=?", (self.tracker, key)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, key: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?, ?)", (self.tracker, key, json.dumps(value)))

    @property
    def is_warm(self) -> bool:
        """Whether a pass on this tracker has completed with this state file."""
        return self.get("cursor") is not None

    def cursor(self) -> datetime | None:
        raw = self.get("cursor")
        return datetime.fromisoformat(raw) if raw else None

    def last_full(self) -> datetime | None:
        raw = self.get("last_full")
        return datetime.fromisoformat(raw) if raw else None

    # --- cached records ------------------------------------------------------------------------

    def enrollments(self) -> dict[str, EnrollmentRecord]:
        rows = self.db.execute("SELECT id, record FROM enrollments WHERE tracker=?", (self.tracker,))
        return {i: EnrollmentRecord.model_validate_json(r) for i, r in rows}

    def check_ins(self) -> dict[str, CheckInRecord]:
        rows = self.db.execute("SELECT id, record FROM check_ins WHERE tracker=?", (self.tracker,))
        return {i: CheckInRecord.model_validate_json(r) for i, r in rows}

    def cache(self, enrollments: list[EnrollmentRecord], check_ins: list[CheckInRecord], replace: bool) -> None:
        """Store records as read; `replace` (a full read) also forgets the ones no longer there."""
        with self.transaction():
            if replace:
                self.db.execute("DELETE FROM enrollments WHERE tracker=?", (self.tracker,))
                self.db.execute("DELETE FROM check_ins WHERE tracker=?", (self.tracker,))
            self.db.executemany("INSERT OR REPLACE INTO enrollments VALUES (?, ?, ?)",
                                [(self.tracker, r.enrollment.id, r.model_dump_json()) for r in enrollments])
            self.db.executemany("INSERT OR REPLACE INTO check_ins VALUES (?, ?, ?)",
                                [(self.tracker, r.id, r.model_dump_json()) for r in check_ins])

    def forget(self, page_id: str) -> None:
        """A record the tracker no longer has (deleted or in the trash)."""
        with self.transaction():
            for table in ("enrollments", "check_ins", "written", "exams"):
                self.db.execute(f"DELETE FROM {table} WHERE tracker=? AND id=?", (self.tracker, page_id))

    # --- what was written ----------------------------------------------------------------------

    def written(self, page_id: str) -> Owned | None:
        row = self.db.execute("SELECT owned FROM written WHERE tracker=? AND id=?", (self.tracker, page_id)).fetchone()
        return Owned.model_validate_json(row[0]) if row else None

    def all_written(self) -> dict[str, Owned]:
        rows = self.db.execute("SELECT id, owned FROM written WHERE tracker=?", (self.tracker,))
        return {i: Owned.model_validate_json(o) for i, o in rows}

    def record_written(self, record: EnrollmentRecord, owned: Owned, history: ExamHistory) -> None:
        """After a page write succeeded: what the page now holds, in the cache too."""
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO written VALUES (?, ?, ?)",
                            (self.tracker, record.enrollment.id, owned.model_dump_json()))
            self.db.execute("INSERT OR REPLACE INTO enrollments VALUES (?, ?, ?)",
                            (self.tracker, record.enrollment.id,
                             record.model_copy(update={"owned": owned}).model_dump_json()))
            self._put_exam(record.enrollment.id, history)

    # --- exam dates ----------------------------------------------------------------------------

    def exam_histories(self) -> dict[str, ExamHistory]:
        rows = self.db.execute("SELECT id, history FROM exams WHERE tracker=?", (self.tracker,))
        return {i: ExamHistory.model_validate_json(h) for i, h in rows}

    def _put_exam(self, page_id: str, history: ExamHistory) -> None:
        self.db.execute("INSERT OR REPLACE INTO exams VALUES (?, ?, ?)",
                        (self.tracker, page_id, history.model_dump_json()))

    def record_exam(self, page_id: str, history: ExamHistory) -> None:
        self._put_exam(page_id, history)

    # --- comments ------------------------------------------------------------------------------

    def comment_state(self, page_id: str, marker: str) -> str | None:
        row = self.db.execute("SELECT state FROM comments WHERE tracker=? AND id=? AND marker=?",
                              (self.tracker, page_id, marker)).fetchone()
        return row[0] if row else None

    def record_comment(self, page_id: str, marker: str, state: str) -> None:
        """`intent` before posting, `posted` once the tracker has it."""
        self.db.execute("INSERT OR REPLACE INTO comments VALUES (?, ?, ?, ?, ?)",
                        (self.tracker, page_id, marker, state, datetime.now().isoformat(timespec="seconds")))

    def finish_pass(self, cursor: datetime, full_at: datetime | None, extra: dict[str, Any]) -> None:
        """`cursor` is the tracker's clock as this pass's read began; `full_at` the local time of
        a full read, if this was one."""
        with self.transaction():
            self.put("cursor", cursor.isoformat())
            if full_at is not None:
                self.put("last_full", full_at.isoformat())
            for key, value in extra.items():
                self.put(key, value)


