"""The Asana route table: method + path template (as in asana_oas.yaml) → handler."""

from __future__ import annotations

from ..core.routing import RouteTable


def _routes():
    from . import (
        batch,
        custom_fields,
        events,
        projects,
        sections,
        status_updates,
        stories,
        tasks,
        webhooks,
        workspaces,
    )

    return [
        ("GET", "/workspaces", workspaces.list_workspaces),
        ("GET", "/workspaces/{workspace_gid}", workspaces.get_workspace),
        ("GET", "/workspaces/{workspace_gid}/users", workspaces.list_users),
        ("GET", "/workspaces/{workspace_gid}/teams", workspaces.list_teams),
        ("GET", "/workspaces/{workspace_gid}/workspace_memberships", workspaces.list_memberships),
        ("GET", "/workspaces/{workspace_gid}/projects", projects.list_),
        ("POST", "/workspaces/{workspace_gid}/projects", projects.create),
        ("GET", "/workspaces/{workspace_gid}/custom_fields", custom_fields.list_),
        ("GET", "/users", workspaces.list_users),
        ("GET", "/users/me", workspaces.me),
        ("GET", "/users/{user_gid}", workspaces.get_user),
        ("GET", "/users/{user_gid}/teams", workspaces.list_teams),
        ("GET", "/teams/{team_gid}", workspaces.get_team),
        ("GET", "/teams/{team_gid}/users", workspaces.list_users),
        ("GET", "/teams/{team_gid}/projects", projects.list_),
        ("POST", "/teams/{team_gid}/projects", projects.create),
        ("GET", "/projects", projects.list_),
        ("POST", "/projects", projects.create),
        ("GET", "/projects/{project_gid}", projects.get),
        ("PUT", "/projects/{project_gid}", projects.update),
        ("DELETE", "/projects/{project_gid}", projects.delete),
        ("GET", "/projects/{project_gid}/tasks", tasks.list_),
        ("GET", "/projects/{project_gid}/sections", sections.list_),
        ("POST", "/projects/{project_gid}/sections", sections.create),
        ("GET", "/projects/{project_gid}/custom_field_settings", projects.list_settings),
        ("POST", "/projects/{project_gid}/addMembers", projects.add_members),
        ("POST", "/projects/{project_gid}/removeMembers", projects.remove_members),
        ("POST", "/projects/{project_gid}/addCustomFieldSetting", projects.add_setting),
        ("POST", "/projects/{project_gid}/removeCustomFieldSetting", projects.remove_setting),
        ("GET", "/sections/{section_gid}", sections.get),
        ("PUT", "/sections/{section_gid}", sections.update),
        ("DELETE", "/sections/{section_gid}", sections.delete),
        ("GET", "/sections/{section_gid}/tasks", tasks.list_),
        ("POST", "/sections/{section_gid}/addTask", sections.add_task),
        ("GET", "/tasks", tasks.list_),
        ("POST", "/tasks", tasks.create),
        ("GET", "/tasks/{task_gid}", tasks.get),
        ("PUT", "/tasks/{task_gid}", tasks.update),
        ("DELETE", "/tasks/{task_gid}", tasks.delete),
        ("GET", "/tasks/{task_gid}/subtasks", tasks.list_subtasks),
        ("POST", "/tasks/{task_gid}/subtasks", tasks.create_subtask),
        ("POST", "/tasks/{task_gid}/setParent", tasks.set_parent),
        ("POST", "/tasks/{task_gid}/addProject", tasks.add_project),
        ("POST", "/tasks/{task_gid}/removeProject", tasks.remove_project),
        ("GET", "/tasks/{task_gid}/stories", stories.list_),
        ("POST", "/tasks/{task_gid}/stories", stories.create),
        ("GET", "/stories/{story_gid}", stories.get),
        ("PUT", "/stories/{story_gid}", stories.update),
        ("DELETE", "/stories/{story_gid}", stories.delete),
        ("POST", "/custom_fields", custom_fields.create),
        ("GET", "/custom_fields/{custom_field_gid}", custom_fields.get),
        ("PUT", "/custom_fields/{custom_field_gid}", custom_fields.update),
        ("DELETE", "/custom_fields/{custom_field_gid}", custom_fields.delete),
        ("POST", "/custom_fields/{custom_field_gid}/enum_options", custom_fields.create_option),
        ("POST", "/custom_fields/{custom_field_gid}/enum_options/insert", custom_fields.insert_option),
        ("PUT", "/enum_options/{enum_option_gid}", custom_fields.update_option),
        ("GET", "/status_updates", status_updates.list_),
        ("POST", "/status_updates", status_updates.create),
        ("GET", "/status_updates/{status_update_gid}", status_updates.get),
        ("DELETE", "/status_updates/{status_update_gid}", status_updates.delete),
        ("GET", "/events", events.get_events),
        ("POST", "/batch", batch.run),
        ("GET", "/webhooks", webhooks.list_),
        ("POST", "/webhooks", webhooks.create),
        ("GET", "/webhooks/{webhook_gid}", webhooks.get),
        ("PUT", "/webhooks/{webhook_gid}", webhooks.update),
        ("DELETE", "/webhooks/{webhook_gid}", webhooks.delete),
    ]


_TABLE: RouteTable | None = None


def match(method: str, path: str):
    """Return (template, handler, params) or None."""
    global _TABLE
    if _TABLE is None:
        _TABLE = RouteTable(_routes())
    found = _TABLE.match(method, path)
    if found is None:
        return None
    template, (handler,), params = found
    return template, handler, params
