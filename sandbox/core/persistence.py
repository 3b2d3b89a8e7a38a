"""The `--data` JSON file: one section per API, written whole and atomically after each change.

Each API saves its own section while it holds its own lock; the other sections are written as
they were last saved (kept serialized), so no API ever waits for another's lock. A file written
before the sandbox served several APIs (a bare Notion state) is read as the Notion section.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading

FORMAT = "certsync-sandbox/2"


class DataFile:
    def __init__(self, path: str):
        if os.path.isdir(path):
            raise ValueError(f"data file {path}: is a folder; give a file name such as {path}/sandbox.json")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise ValueError(f"data file {path}: folder {folder} does not exist")
        self.path = path
        self._lock = threading.Lock()
        self._sections: dict[str, str] = {}

    def read(self) -> dict[str, dict]:
        """The sections in the file ({} when there is no file yet); ValueError if it is not ours."""
        if not os.path.exists(self.path):
            return {}
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
            if not isinstance(data, dict):
                raise ValueError("expected a JSON object")
        except (OSError, ValueError) as e:
            raise ValueError(f"data file {self.path} is not a sandbox data file: {e}") from None
        if data.get("format") != FORMAT:
            data = {"notion": data}  # written by the Notion-only sandbox
        sections = {k: v for k, v in data.items() if k != "format"}
        for name, section in sections.items():
            if not isinstance(section, dict):
                raise ValueError(f"data file {self.path} is not a sandbox data file: {name} is not an object")
            self._sections[name] = json.dumps(section, ensure_ascii=False, separators=(",", ":"))
        return sections

    def invalid(self, problem: str) -> ValueError:
        return ValueError(f"data file {self.path} is not a sandbox data file: {problem}")

    def save(self, name: str, section: dict) -> None:
        """Replace one API's section and write the whole file (temp file + rename)."""
        text = json.dumps(section, ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._sections[name] = text
            parts = [f'"format":"{FORMAT}"'] + [f"{json.dumps(k)}:{v}" for k, v in sorted(self._sections.items())]
            folder = os.path.dirname(os.path.abspath(self.path))
            fd, tmp = tempfile.mkstemp(prefix=".sandbox-", suffix=".json", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write("{" + ",".join(parts) + "}")
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
