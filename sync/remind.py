"""A reminder round: the reminders due now (rules/reminders.py), each sent once per person and occasion.

Held to the comment rule, like alerts: a reminder is announced in the state before it is posted
and confirmed after, so a round killed anywhere is finished by the next one without a duplicate;
with the state lost (or a reminder announced but not confirmed) certsync's own comments on the
record are looked at first. When a reminder of a kind is posted, the previous one of that kind is
removed, so a record holds at most one open reminder of each kind. Only active enrollments, only
while the reminder still makes sense (the rules give each one its window).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from certsync.adapters import markers
from certsync.adapters.records import EnrollmentRecord
from certsync.adapters.registry import open_tracker, sections
from certsync.adapters.tracker import Tracker
from certsync.rules.reasons import count_of
from certsync.rules.reminders import MissingGoals, Reminder, due_reminders, missing_goals
from certsync.sync.lock import TrackerLock
from certsync.sync.session import locked, read_records
from certsync.sync.state import State

WARM = "reminders_warm"  # a round has completed with this state file


def reminder_kind(reminder: Reminder) -> str:
    return f"reminder-{reminder.kind.value}"


def reminder_key(reminder: Reminder) -> tuple[str, str]:
    """(state key, marker token): the same for one person and occasion, whatever the moment."""
    token = hashlib.sha256(f"{reminder.enrollment_id}|{reminder.occasion}".encode()).hexdigest()[:12]
    return f"{reminder_kind(reminder)}/{token}", token


@dataclass
class Sent:
    reminder: Reminder
    name: str
    posted: bool = False
    already: bool = False  # found posted (after a crash, or by an earlier round)
    removed: int = 0  # previous reminders of its kind removed
    nobody: bool = False  # no person in the tracker to mention: named in the output instead
    error: str | None = None
    remove_error: str | None = None  # the previous one of its kind is still open: the next round removes it


@dataclass
class RemindReport:
    tracker: str
    now: datetime
    dry_run: bool = False
    sent: list[Sent] = field(default_factory=list)
    missing_goals: list[tuple[str, MissingGoals]] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    @property
    def failures(self) -> list[Sent]:
        return [s for s in self.sent if s.error]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def lines(self) -> list[str]:
        out = []
        for s in self.sent:
            what = f"{s.reminder.kind.value} ({s.reminder.occasion})"
            if s.error:
                out.append(f"{s.name}: {what} not sent: {s.error}")
            elif s.nobody:
                out.append(f"{s.name}: {what} due, but the tracker names no person to mention")
            elif s.already:
                continue  # sent by an earlier round: nothing to say
            elif self.dry_run:
                out.append(f"{s.name}: would send {what}")
            elif s.posted:
                out.append(f"{s.name}: sent {what}" + (", removed the previous one" if s.removed else "")
                           + (f" (the previous one is still open: {s.remove_error})" if s.remove_error else ""))
        for name, missing in self.missing_goals:
            out.append(f"{name}: no study plan row for week {missing.week}: no goals reminder")
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "tracker": self.tracker, "now": self.now.isoformat(), "dry_run": self.dry_run,
            "reminders": [{"enrollment": s.reminder.enrollment_id, "name": s.name, "kind": s.reminder.kind.value,
                           "occasion": s.reminder.occasion, "text": s.reminder.text, "posted": s.posted,
                           "already": s.already, "removed": s.removed, "nobody_to_mention": s.nobody,
                           "error": s.error} for s in self.sent],
            "missing_goals": [{"name": name, "enrollment": m.enrollment_id, "week": m.week}
                              for name, m in self.missing_goals],
            "requests": self.requests, "seconds": round(self.seconds, 3),
        }

    def summary(self) -> str:
        verb = "would send" if self.dry_run else "sent"
        count = len([s for s in self.sent if (s.posted or self.dry_run) and not (s.nobody or s.error or s.already)])
        text = f"{verb} {count_of(count, 'reminder')}"
        if self.failures:
            text += f"; {len(self.failures)} not sent (the next round sends them while they still make sense)"
        return text + f"; {self.requests} requests in {self.seconds:.1f} s"


def run_reminders(config: Any, *, now: datetime | None = None, dry_run: bool = False,
                  tracker: Tracker | None = None) -> RemindReport:
    """Send the reminders due at `now` (default: now in the program's time zone), under the lock."""
    tracker = tracker or open_tracker(config, sections(config)[0])
    now = (now or datetime.now(config.program.zone)).astimezone(config.program.zone)
    return locked(config, tracker, lambda state, key: _round(config, tracker, state, key, now, dry_run))


def _round(config: Any, tracker: Tracker, state: State, key: str, now: datetime, dry_run: bool) -> RemindReport:
    records = read_records(config, tracker, state, dry_run=dry_run)
    judged = {i: r for i, r in records.enrollments.items() if not any(p.blocking for p in r.problems)}
    enrollments = [r.enrollment for r in sorted(judged.values(), key=lambda r: (r.enrollment.name.lower(), r.enrollment.id))]
    check_ins = [c.check_in for c in records.check_ins.values() if c.check_in is not None]
    plan_rows = tracker.study_plan()
    settings, policy = config.reminders, config.policy
    report = RemindReport(tracker=key, now=now, dry_run=dry_run)
    names = {i: _name(r) for i, r in judged.items()}
    report.missing_goals = [(names[m.enrollment_id], m) for m in
                            missing_goals(enrollments, plan_rows, now, policy=policy, settings=settings)]
    last = LastRound(key)
    sender = _Sender(tracker, state, warm=bool(state.get(WARM)) and last.was(state.path))
    for reminder in due_reminders(enrollments, check_ins, plan_rows, now, policy=policy, settings=settings):
        record = judged[reminder.enrollment_id]
        sent = Sent(reminder, names[reminder.enrollment_id])
        if record.enrollment.engineer is None or not record.enrollment.engineer.id:
            sent.nobody = True
        elif sender.known_posted(record, reminder):
            sent.already = True  # an earlier round sent it (its removals, if any, are redone below)
            if not dry_run:
                sender.send(record, reminder, sent)
        elif not dry_run:
            sender.send(record, reminder, sent)
        report.sent.append(sent)
    if not dry_run:
        records.finish(state, tracker)
        if not report.failures:
            if not state.get(WARM):
                state.finish_pass(state.cursor(), None, {WARM: True})
            last.record(state.path)
    return report


class LastRound:
    """Which state file ran the tracker's last complete reminder round on this machine (beside its
    lock). A state file knows every reminder the tracker was sent only if it ran that round:
    after a round by another state file (another configuration on the same tracker), a round
    looks at certsync's own comments before posting, as with the state lost."""

    def __init__(self, key: str) -> None:
        self.path = TrackerLock(key).path.with_suffix(".reminders")

    def was(self, state_path: Path) -> bool:
        try:
            return self.path.read_text() == str(Path(state_path).resolve())
        except OSError:
            return False

    def record(self, state_path: Path) -> None:
        try:
            self.path.write_text(str(Path(state_path).resolve()))
        except OSError:  # then the next round looks first: safe, only dearer
            pass


def _name(record: EnrollmentRecord) -> str:
    e = record.enrollment
    return e.engineer.name if e.engineer else e.name


class _Sender:
    def __init__(self, tracker: Tracker, state: State, warm: bool) -> None:
        self.tracker = tracker
        self.state = state
        self.warm = warm  # the state has seen every reminder this tracker was sent

    def known_posted(self, record: EnrollmentRecord, reminder: Reminder) -> bool:
        return self.state.token_states(record.enrollment.id).get(reminder_key(reminder)[0]) == "posted"

    def send(self, record: EnrollmentRecord, reminder: Reminder, sent: Sent) -> None:
        page_id = record.enrollment.id
        key, token = reminder_key(reminder)
        kind = reminder_kind(reminder)
        known = self.state.token_states(page_id).get(key)
        # Look first unless this state knows the record's reminders of this kind: with the state
        # lost, or another state file sending, there may be this one already, or an older one to remove.
        look = known == "intent" or not self.warm or not self.state.posted_ids(page_id, f"{kind}/")
        try:
            if known != "posted":
                previous = self._post(page_id, record, reminder, key, token, kind, look=look)
                sent.posted, sent.already = previous is None, previous is not None
            else:
                sent.already = True
        except Exception as error:  # reported per reminder; the others still go
            sent.error = self.tracker.describe(error)
            return
        try:
            sent.removed = self._remove_older(page_id, kind, key)
        except Exception as error:  # the reminder went; the next round removes the older one
            sent.remove_error = self.tracker.describe(error)

    def _post(self, page_id: str, record: EnrollmentRecord, reminder: Reminder, key: str, token: str, kind: str,
              look: bool) -> str | None:
        """Post unless it is there already; returns the id of the one found, else None."""
        if look:
            for comment in self.tracker.comments(page_id):
                if comment.kind == kind:
                    tokens = markers.tokens(comment.marker)
                    other = f"{kind}/{next(iter(tokens))}" if tokens else None
                    if token in tokens:
                        self.state.record_tokens(page_id, [key], "posted", comment.id)
                        return comment.id
                    if other and other not in self.state.token_states(page_id):
                        self.state.record_tokens(page_id, [other], "posted", comment.id)  # an older one to remove
        self.state.record_tokens(page_id, [key], "intent")
        comment_id = self.tracker.post_comment(page_id, record.enrollment.engineer, reminder.text,
                                               markers.line(kind, [token]))
        self.state.record_tokens(page_id, [key], "posted", comment_id)
        return None

    def _remove_older(self, page_id: str, kind: str, key: str) -> int:
        """Remove every earlier reminder of this kind on the record: at most one stays open."""
        older = {k: cid for k, cid in self.state.posted_ids(page_id, f"{kind}/").items() if k != key}
        for comment_id in older.values():
            self.tracker.remove_comment(page_id, comment_id)
        self.state.forget_tokens(page_id, list(older))
        return len(older)
