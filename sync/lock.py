"""One pass at a time per tracker: an advisory file lock that the OS releases if we die."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from types import TracebackType


class Busy(Exception):
    """Another pass holds the tracker's lock."""


class TrackerLock:
    def __init__(self, state_path: Path, tracker: str) -> None:
        digest = hashlib.sha256(tracker.encode()).hexdigest()[:12]
        self.path = Path(f"{state_path}.{digest}.lock")
        self.tracker = tracker
        self._fd: int | None = None

    def __enter__(self) -> TrackerLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 512).decode(errors="replace")
            os.close(fd)
            try:
                info = json.loads(holder)
                who = f" (pid {info['pid']}, started {info['started']})"
            except (ValueError, KeyError):
                who = ""
            raise Busy(f"another certsync pass is running on this tracker{who}; this pass did not run") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "started": datetime.now().isoformat(timespec="seconds")}).encode())
        self._fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
