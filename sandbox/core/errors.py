"""The one thing every API's errors share: an HTTP status and a message a person can read."""

from __future__ import annotations


class ApiError(Exception):
    """An error an API renders in its own envelope; the control API shows `message` as is."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers: dict[str, str] = {}
