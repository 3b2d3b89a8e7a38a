"""Notion's error envelope: every failure the sandbox returns is one of these."""

from __future__ import annotations

import uuid

from ..core.errors import ApiError


class NotionError(ApiError):
    """An API error rendered as Notion's `{"object": "error", ...}` body."""

    def __init__(self, status: int, code: str, message: str, additional_data: dict | None = None):
        super().__init__(status, message)
        self.code = code
        self.additional_data = additional_data

    def body(self, request_id: str) -> dict:
        out = {"object": "error", "status": self.status, "code": self.code, "message": self.message}
        if self.additional_data is not None:
            out["additional_data"] = self.additional_data
        out["request_id"] = request_id
        return out


def validation(message: str) -> NotionError:
    return NotionError(400, "validation_error", message)


def body_invalid(path: str, expected: str, found) -> NotionError:
    """Notion's schema-validation wording: `body.X should be Y, instead was Z.`"""
    return validation(f"body failed validation: {path} should be {expected}, instead was `{_show(found)}`.")


def too_long(path: str, limit: int, found: int) -> NotionError:
    return validation(
        f"body failed validation: {path}.length should be ≤ `{limit}`, instead was `{found}`."
    )


def _show(value) -> str:
    import json

    if value is None:
        return "undefined"
    return json.dumps(value, ensure_ascii=False)


def unauthorized() -> NotionError:
    return NotionError(401, "unauthorized", "API token is invalid.")


def restricted(message: str = "Insufficient permissions for this endpoint.") -> NotionError:
    return NotionError(403, "restricted_resource", message)


def not_found(kind: str, object_id: str, integration: str, integration_id: str) -> NotionError:
    return NotionError(
        404,
        "object_not_found",
        f"Could not find {kind} with ID: {object_id}. Make sure the relevant pages and databases "
        f'are shared with your integration "{integration}".',
        {"integration_id": integration_id},
    )


def invalid_url() -> NotionError:
    return NotionError(400, "invalid_request_url", "Invalid request URL.")


def invalid_json() -> NotionError:
    return NotionError(400, "invalid_json", "Error parsing JSON body.")


def conflict() -> NotionError:
    return NotionError(
        409,
        "conflict_error",
        "Conflict occurred while saving. Please try again.",
    )


def rate_limited(retry_after: int) -> NotionError:
    err = NotionError(429, "rate_limited", "You have been rate limited. Please try again in a few minutes.")
    err.headers["Retry-After"] = str(retry_after)
    return err


SERVER_ERRORS = {
    500: ("internal_server_error", "Unexpected error occurred."),
    503: ("service_unavailable", "Notion is unavailable. Please try again later."),
    504: ("gateway_timeout", "Notion timed out while attempting to complete this request. Please try again later."),
    529: ("service_unavailable", "Notion is overloaded. Please try again later."),
}


def server_error(status: int) -> NotionError:
    code, message = SERVER_ERRORS[status]
    return NotionError(status, code, message)


def new_request_id() -> str:
    return str(uuid.uuid4())
