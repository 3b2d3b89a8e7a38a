"""One pass at a time per tracker on this machine: an advisory file lock the OS releases if we die.

The lock is the tracker's, not the state file's: two configurations with different state files
that point at the same tracker take the same lock. It lives in one folder per user
(`$CERTSYNC_LOCK_DIR`, else the system's temporary folder); across machines nothing is locked,
and what keeps two machines from posting one alert twice is the look at certsync's own comments.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from types import TracebackType


class Busy(Exception):
    """Another pass holds the tracker's lock."""


def lock_dir() -> Path:
    configured = os.environ.get("CERTSYNC_LOCK_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / f"certsync-locks-{os.getuid()}"


class TrackerLock:
    def __init__(self, tracker: str, folder: Path | None = None) -> None:
        digest = hashlib.sha256(tracker.encode()).hexdigest()[:20]
        self.path = (folder or lock_dir()) / f"{digest}.lock"
        self.tracker = tracker
        self._fd: int | None = None

    def __enter__(self) -> TrackerLock:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
