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


MAX_LINES = 50  # a file with thousands of problems is one mistake repeated: show the first ones


class ConfigError(Exception):
    """The configuration cannot be used. `problems` lists everything found, not just the first;
    `lines()` and `str()` show the first MAX_LINES of them and how many more there are."""

    def __init__(self, problems: Iterable[Problem]):
        unique = list(dict.fromkeys(problems))  # in order, once each, in linear time
        if not unique:
            raise ValueError("ConfigError needs at least one problem")
        self.problems = unique
        super().__init__(str(self))

    def lines(self, limit: int = MAX_LINES) -> list[str]:
        """One line per problem, the first `limit` of them, then '… and N more problems'."""
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"… and {len(self.problems) - limit:,} more problems")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())
