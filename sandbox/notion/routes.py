"""The Notion route table: method + path template → handler and the capability it needs."""

from __future__ import annotations

from ..core.routing import RouteTable
from . import block_routes, comments, data_sources, pages, users

# (method, template, handler, capability or None)
ROUTES = [
    ("POST", "/v1/pages", pages.create, "insert_content"),
    ("GET", "/v1/pages/{page_id}", pages.retrieve, "read_content"),
    ("PATCH", "/v1/pages/{page_id}", pages.update, "update_content"),
    ("GET", "/v1/pages/{page_id}/properties/{property_id}", pages.property_item, "read_content"),
    ("GET", "/v1/blocks/{block_id}", block_routes.retrieve, "read_content"),
    ("PATCH", "/v1/blocks/{block_id}", block_routes.update, "update_content"),
    ("DELETE", "/v1/blocks/{block_id}", block_routes.delete, "update_content"),
    ("GET", "/v1/blocks/{block_id}/children", block_routes.children, "read_content"),
    ("PATCH", "/v1/blocks/{block_id}/children", block_routes.append, "insert_content"),
    ("POST", "/v1/databases", data_sources.database_create, "insert_content"),
    ("GET", "/v1/databases/{database_id}", data_sources.database_retrieve, "read_content"),
    ("PATCH", "/v1/databases/{database_id}", data_sources.database_update, "update_content"),
    ("POST", "/v1/data_sources", data_sources.create, "insert_content"),
    ("GET", "/v1/data_sources/{data_source_id}", data_sources.retrieve, "read_content"),
    ("PATCH", "/v1/data_sources/{data_source_id}", data_sources.update, "update_content"),
    ("POST", "/v1/data_sources/{data_source_id}/query", data_sources.query, "read_content"),
    ("POST", "/v1/comments", comments.create, "insert_comments"),
    ("GET", "/v1/comments", comments.list_, "read_comments"),
    ("GET", "/v1/comments/{comment_id}", comments.retrieve, "read_comments"),
    ("PATCH", "/v1/comments/{comment_id}", comments.update, "insert_comments"),
    ("DELETE", "/v1/comments/{comment_id}", comments.delete, "insert_comments"),
    ("GET", "/v1/users", users.list_, None),
    ("GET", "/v1/users/me", users.me, None),
    ("GET", "/v1/users/{user_id}", users.retrieve, None),
    ("POST", "/v1/search", users.search, "read_content"),
]
CAPABILITIES = ("read_content", "update_content", "insert_content", "read_comments", "insert_comments")

_TABLE = RouteTable(ROUTES)


def match(method: str, path: str):
    """Return (template, handler, capability, params) or None."""
    found = _TABLE.match(method, path)
    if found is None:
        return None
    template, (handler, cap), params = found
    return template, handler, cap, params
