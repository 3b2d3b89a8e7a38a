"""ConfigError: every problem found in certsync.toml, one line each, none of them a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the configuration: where, what was expected, what was found.

    `key` is dotted (`notion.fields.hours`); empty for the file as a whole. `message` replaces
    the "expected ..., found ..." sentence when it does not fit (an unset environment variable).
    """

    file: str
    key: str = ""
    expected: str = ""
    found: str = ""
    message: str = ""

    def __str__(self) -> str:
        what = self.message or f"expected {self.expected}, found {self.found}"
        return ": ".join(part for part in (self.file, self.key, what) if part)


class ConfigError(Exception):
    """The configuration cannot be used. `problems` lists everything found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        unique: list[Problem] = []
        for problem in problems:
            if problem not in unique:
                unique.append(problem)
        if not unique:
            raise ValueError("ConfigError needs at least one problem")
        self.problems = unique
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
