"""The local state: a SQLite cache that makes passes cheap and safe, and that can be rebuilt.

What it keeps, per tracker: the records last read (so an incremental pass can evaluate
enrollments it did not re-read), the owned values last written, the exam dates seen, the alert
tokens announced and posted, the read cursor, and what the adapter remembers. Everything that
must survive its loss (postponement counts, posted comments) is also in the tracker itself, so a
state file that cannot be read is set aside and rebuilt, never a reason to stop.

Writes grow with the changes: a pass that changes nothing commits one small transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from pydantic import TypeAdapter, ValidationError

from certsync.adapters.records import CheckInRecord, EnrollmentRecord, Owned
from certsync.rules.model import ExamHistory
from certsync.sync.codec import decode_check_in, decode_enrollment, decode_rows, encode_check_in, encode_enrollment

log = logging.getLogger("certsync.state")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (tracker TEXT, key TEXT, value TEXT, PRIMARY KEY (tracker, key));
CREATE TABLE IF NOT EXISTS enrollments (tracker TEXT, id TEXT, record TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS check_ins (tracker TEXT, id TEXT, record TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS written (tracker TEXT, id TEXT, owned TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS exams (tracker TEXT, id TEXT, history TEXT, PRIMARY KEY (tracker, id));
CREATE TABLE IF NOT EXISTS comments (
    tracker TEXT, id TEXT, marker TEXT, state TEXT, at TEXT, comment_id TEXT, PRIMARY KEY (tracker, id, marker)
);
"""
VERSION = 5  # the layout of the rows; a file of another version is a cache to rebuild
TABLES = ("meta", "enrollments", "check_ins", "written", "exams", "comments")

_OWNED = TypeAdapter(list[Owned])
_HISTORIES = TypeAdapter(list[ExamHistory])


class StateError(Exception):
    """The state file cannot be written: one line naming the path and why."""


def _dump(model: Any) -> str:
    return model.model_dump_json(exclude_defaults=True)


def _load_all(adapter: TypeAdapter, rows: list[tuple[str, str]]) -> dict[str, Any]:
    """Many rows validated in one call (much faster than one call per row)."""
    if not rows:
        return {}
    values = adapter.validate_json("[" + ",".join(r for _, r in rows) + "]")
    return {i: v for (i, _), v in zip(rows, values)}


class State:
    """The state file, viewed for one tracker at a time (`bind`)."""

    def __init__(self, path: Path, tracker: str | None = None) -> None:
        self.path = Path(path)
        self.tracker = tracker or ""
        self.db = self._open()
        self._loaded: dict[str, Any] | None = None

    # --- opening, and a broken file set aside ---------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StateError(f"cannot create the folder of the state file {self.path}: {error.strerror or error}") from None
        try:
            db = self._connect()
        except sqlite3.DatabaseError as error:
            if not self.path.exists() or "unable to open" in str(error) or "readonly" in str(error):
                raise StateError(f"cannot write the state file {self.path}: {error}") from None
            self._set_aside(error)
            db = self._connect()
        return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            row = db.execute("SELECT value FROM meta WHERE tracker='' AND key='version'").fetchone()
            if row is not None and json.loads(row[0]) != VERSION:
                # Written by another version of certsync: a cache, rebuilt from the tracker.
                log.info("the state file %s has layout %s; rebuilding it as layout %s", self.path, row[0], VERSION)
                for table in TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.executescript(SCHEMA)
                row = None
            if row is None:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('', 'version', ?)", (json.dumps(VERSION),))
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, error: BaseException) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{aside}{suffix}"))
        log.warning("the state file %s could not be read (%s); it was set aside as %s and is rebuilt "
                    "from the tracker", self.path, error, aside.name)
        self.rebuilt = True

    rebuilt = False

    def bind(self, tracker: str) -> None:
        if tracker != self.tracker:
            self.tracker = tracker
            self._loaded = None
            self._meta = None

    _meta: dict[str, Any] | None = None

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN")
        except sqlite3.OperationalError as error:
            raise StateError(f"cannot write the state file {self.path}: {error}") from None
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            raise StateError(f"cannot write the state file {self.path}: {error}") from None

    def _execute(self, sql: str, args: tuple = ()) -> None:
        try:
            self.db.execute(sql, args)
        except sqlite3.OperationalError as error:
            raise StateError(f"cannot write the state file {self.path}: {error}") from None

    # --- everything a pass needs, read once ------------------------------------------------------

    def load(self) -> dict[str, Any]:
        """The tracker's cached records, written values, exam histories and alert tokens. A file
        whose rows cannot be read is set aside and the pass starts from an empty cache."""
        if self._loaded is None:
            try:
                self._loaded = self._read_all()
            except (sqlite3.DatabaseError, ValidationError, ValueError, TypeError, KeyError) as error:
                self.db.close()
                self._set_aside(error)
                self.db = self._connect()
                self._loaded = self._read_all()
        return self._loaded

    def _rows(self, table: str, column: str) -> list[tuple[str, str]]:
        return self.db.execute(f"SELECT id, {column} FROM {table} WHERE tracker=?", (self.tracker,)).fetchall()

    def _read_meta(self) -> dict[str, Any]:
        if self._meta is None:
            self._meta = {k: json.loads(v) for k, v in
                          self.db.execute("SELECT key, value FROM meta WHERE tracker=?", (self.tracker,))}
        return self._meta

    def _read_all(self) -> dict[str, Any]:
        self._meta = None
        meta = self._read_meta()
        comments: dict[str, dict[str, str]] = {}
        comment_ids: dict[str, dict[str, str]] = {}
        for ident, marker, state, comment_id in self.db.execute(
                "SELECT id, marker, state, comment_id FROM comments WHERE tracker=? ORDER BY at, rowid",
                (self.tracker,)):
            comments.setdefault(ident, {})[marker] = state
            if comment_id:
                comment_ids.setdefault(ident, {})[marker] = comment_id
        return {
            "meta": meta,
            "enrollments": decode_rows(self._rows("enrollments", "record"), decode_enrollment),
            "check_ins": decode_rows(self._rows("check_ins", "record"), decode_check_in),
            "written": _load_all(_OWNED, self._rows("written", "owned")),
            "exams": _load_all(_HISTORIES, self._rows("exams", "history")),
            "comments": comments,
            "comment_ids": comment_ids,
        }

    # --- meta -----------------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        if self._loaded is not None:
            return self._loaded["meta"].get(key, default)
        try:
            return self._read_meta().get(key, default)
        except (sqlite3.DatabaseError, ValueError):
            return self.load()["meta"].get(key, default)

    def alias(self, reference: str) -> str | None:
        """The resolved key of a tracker the config names as `reference`, if known."""
        row = self.db.execute("SELECT value FROM meta WHERE tracker=? AND key='key'", (reference,)).fetchone()
        return json.loads(row[0]) if row else None

    def remember_alias(self, reference: str, key: str) -> None:
        self._execute("INSERT OR REPLACE INTO meta VALUES (?, 'key', ?)", (reference, json.dumps(key)))

    @property
    def is_warm(self) -> bool:
        """Whether a pass on this tracker has completed with this state file."""
        return self.get("cursor") is not None

    def cursor(self) -> str | None:
        return self.get("cursor")

    def last_full(self) -> datetime | None:
        raw = self.get("last_full")
        return datetime.fromisoformat(raw) if raw else None

    # --- cached records -------------------------------------------------------------------------

    def enrollments(self) -> dict[str, EnrollmentRecord]:
        return dict(self.load()["enrollments"])

    def check_ins(self) -> dict[str, CheckInRecord]:
        return dict(self.load()["check_ins"])

    def cache(self, enrollments: list[EnrollmentRecord], check_ins: list[CheckInRecord], replace: bool) -> None:
        """Store records as read; `replace` (a full read) also forgets the ones no longer there.
        Records that are as cached are not written again."""
        loaded = self.load()
        old_e, old_c = loaded["enrollments"], loaded["check_ins"]
        if replace:
            gone_e = set(old_e) - {r.enrollment.id for r in enrollments}
            gone_c = set(old_c) - {r.id for r in check_ins}
        else:
            gone_e = gone_c = set()
        new_e = [r for r in enrollments if old_e.get(r.enrollment.id) != r]
        new_c = [r for r in check_ins if old_c.get(r.id) != r]
        if not (new_e or new_c or gone_e or gone_c):
            return
        with self.transaction():
            self.db.executemany("DELETE FROM enrollments WHERE tracker=? AND id=?", [(self.tracker, i) for i in gone_e])
            self.db.executemany("DELETE FROM check_ins WHERE tracker=? AND id=?", [(self.tracker, i) for i in gone_c])
            self.db.executemany("INSERT OR REPLACE INTO enrollments VALUES (?, ?, ?)",
                                [(self.tracker, r.enrollment.id, encode_enrollment(r)) for r in new_e])
            self.db.executemany("INSERT OR REPLACE INTO check_ins VALUES (?, ?, ?)",
                                [(self.tracker, r.id, encode_check_in(r)) for r in new_c])
        for i in gone_e:
            old_e.pop(i, None)
        for i in gone_c:
            old_c.pop(i, None)
        old_e.update((r.enrollment.id, r) for r in new_e)
        old_c.update((r.id, r) for r in new_c)

    def forget(self, page_id: str) -> None:
        """A record the tracker no longer has (deleted or in the trash)."""
        with self.transaction():
            for table in ("enrollments", "check_ins", "written", "exams"):
                self.db.execute(f"DELETE FROM {table} WHERE tracker=? AND id=?", (self.tracker, page_id))
        loaded = self.load()
        for part in ("enrollments", "check_ins", "written", "exams"):
            loaded[part].pop(page_id, None)

    # --- what was written -----------------------------------------------------------------------

    def written(self, page_id: str) -> Owned | None:
        return self.load()["written"].get(page_id)

    def all_written(self) -> dict[str, Owned]:
        return dict(self.load()["written"])

    def record_written(self, record: EnrollmentRecord, owned: Owned, history: ExamHistory) -> None:
        """After a record write succeeded: what the record now holds, in the cache too."""
        ident = record.enrollment.id
        cached = record.model_copy(update={"owned": owned})
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO written VALUES (?, ?, ?)", (self.tracker, ident, _dump(owned)))
            self.db.execute("INSERT OR REPLACE INTO enrollments VALUES (?, ?, ?)",
                            (self.tracker, ident, encode_enrollment(cached)))
            self.db.execute("INSERT OR REPLACE INTO exams VALUES (?, ?, ?)", (self.tracker, ident, _dump(history)))
        loaded = self.load()
        loaded["written"][ident] = owned
        loaded["enrollments"][ident] = cached
        loaded["exams"][ident] = history

    # --- exam dates -----------------------------------------------------------------------------

    def exam_histories(self) -> dict[str, ExamHistory]:
        return dict(self.load()["exams"])

    def record_exam(self, page_id: str, history: ExamHistory) -> None:
        self._execute("INSERT OR REPLACE INTO exams VALUES (?, ?, ?)", (self.tracker, page_id, _dump(history)))
        self.load()["exams"][page_id] = history

    # --- alerts ---------------------------------------------------------------------------------

    def alert_tokens(self) -> dict[str, set[str]]:
        """Per record, the `code/token` keys of the alerts known to be posted."""
        return {ident: {t for t, s in tokens.items() if s == "posted"}
                for ident, tokens in self.load()["comments"].items()}

    def token_states(self, page_id: str) -> dict[str, str]:
        return dict(self.load()["comments"].get(page_id, {}))

    def record_tokens(self, page_id: str, tokens: list[str] | tuple[str, ...], state: str,
                      comment_id: str | None = None) -> None:
        """`intent` before anything is done for a message, `posted` once the tracker has it (with
        the comment's id, when known: a reminder's is removed when the next one of its kind goes)."""
        if not tokens:
            return
        at = datetime.now().isoformat(timespec="microseconds")
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO comments VALUES (?, ?, ?, ?, ?, ?)",
                                [(self.tracker, page_id, t, state, at, comment_id) for t in tokens])
        loaded = self.load()
        loaded["comments"].setdefault(page_id, {}).update({t: state for t in tokens})
        if comment_id:
            loaded["comment_ids"].setdefault(page_id, {}).update({t: comment_id for t in tokens})

    def posted_ids(self, page_id: str, prefix: str) -> dict[str, str]:
        """key -> comment id of the posted messages on a record whose keys start with `prefix`,
        oldest first."""
        ids = self.load()["comment_ids"].get(page_id, {})
        states = self.load()["comments"].get(page_id, {})
        return {k: v for k, v in ids.items() if k.startswith(prefix) and states.get(k) == "posted"}

    def forget_tokens(self, page_id: str, keys: list[str]) -> None:
        """Messages removed from the tracker."""
        if not keys:
            return
        with self.transaction():
            self.db.executemany("DELETE FROM comments WHERE tracker=? AND id=? AND marker=?",
                                [(self.tracker, page_id, k) for k in keys])
        loaded = self.load()
        for part in ("comments", "comment_ids"):
            for k in keys:
                loaded[part].get(page_id, {}).pop(k, None)

    def finish_pass(self, cursor: str | None, full_at: datetime | None, extra: dict[str, Any]) -> None:
        """`cursor` is where the next read starts (the adapter's); `full_at` the local time of a
        full read, if this was one. Only what changed is written (and the cache is not loaded for it)."""
        meta = self._loaded["meta"] if self._loaded is not None else self._read_meta()
        values = {"cursor": cursor, **extra}
        if full_at is not None:
            values["last_full"] = full_at.isoformat()
        changed = {k: v for k, v in values.items() if meta.get(k) != v}
        if not changed:
            return
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?, ?)",
                                [(self.tracker, k, json.dumps(v)) for k, v in changed.items()])
        meta.update(changed)
