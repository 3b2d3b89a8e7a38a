"""Asana's error envelope: `{"errors": [{"message", "help"}]}`, with `phrase` on 500s."""

from __future__ import annotations

import random

from ..core.errors import ApiError

HELP = ("For more information on API status codes and how to handle them, read the docs on errors: "
        "https://developers.asana.com/docs/errors")
PHRASE_WORDS = (("6", "12", "17", "23", "31"), ("sad", "quick", "brave", "sleepy", "fuzzy"),
                ("squid", "yetis", "otters", "moose", "pandas"), ("snuggle", "sing", "dance", "nap", "hum"),
                ("softly", "loudly", "slowly", "wildly", "gently"))


class AsanaError(ApiError):
    def __init__(self, status: int, message: str, extra: dict | None = None, help: bool = True):
        super().__init__(status, message)
        self.extra = extra or {}
        self.help = help  # Asana's 412 for a sync token carries no help line

    def body(self) -> dict:
        error = {"message": self.message, "help": HELP} if self.help else {"message": self.message}
        if self.status >= 500:
            error["phrase"] = " ".join(random.choice(words) for words in PHRASE_WORDS)
        return {"errors": [error], **self.extra}


def invalid(message: str) -> AsanaError:
    return AsanaError(400, message)


def missing_input(field: str) -> AsanaError:
    return invalid(f"{field}: Missing input")


def not_recognized(kind: str, gid) -> AsanaError:
    """A well-formed gid of nothing there (or deleted): Asana's 404."""
    return AsanaError(404, f"{kind}: Not a recognized ID: {gid}")


def not_a_long(kind: str, raw) -> AsanaError:
    return invalid(f"{kind}: Not a Long: {raw}")


def unauthorized() -> AsanaError:
    return AsanaError(401, "Not Authorized")


def forbidden(message: str) -> AsanaError:
    return AsanaError(403, message)


def payment_required() -> AsanaError:
    return AsanaError(402, "Custom Fields are not available for free users or guests.")


def no_route() -> AsanaError:
    return AsanaError(404, "No matching route for request")


def rate_limited(retry_after: int) -> AsanaError:
    err = AsanaError(429, "You have made too many requests recently. Please, be chill.")
    err.headers["Retry-After"] = str(retry_after)
    return err


def server_error(status: int) -> AsanaError:
    messages = {500: "Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                504: "Gateway Timeout", 529: "Service Unavailable"}
    return AsanaError(status, messages.get(status, "Server Error"))
