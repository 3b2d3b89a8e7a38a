"""Helpers for Asana sandbox tests: build tracker-like projects through the real SDK."""

from __future__ import annotations

import asana


def make_project(client, ws: str, name: str = "Enrollments") -> dict:
    return asana.ProjectsApi(client).create_project_for_workspace({"data": {"name": name}}, ws, {})


def make_field(client, ws: str, name: str, kind: str, project: str | None = None, **extra) -> dict:
    field = asana.CustomFieldsApi(client).create_custom_field(
        {"data": {"workspace": ws, "name": name, "resource_subtype": kind, **extra}}, {})
    if project is not None:
        asana.ProjectsApi(client).add_custom_field_setting_for_project({"data": {"custom_field": field["gid"]}},
                                                                       project, {})
    return field


def make_task(client, project: str, name: str = "Ada – CKA", **data) -> dict:
    return asana.TasksApi(client).create_task({"data": {"name": name, "projects": [project], **data}}, {})


def value_of(task: dict, field_gid: str) -> dict:
    return next(f for f in task["custom_fields"] if f["gid"] == field_gid)


def error_of(exc) -> dict:
    import json

    return json.loads(exc.body)


def sdk_client(sandbox, token: str | None = None) -> asana.ApiClient:
    cfg = asana.Configuration()
    cfg.access_token = token or sandbox.token
    cfg.host = sandbox.asana_url
    return asana.ApiClient(cfg)
