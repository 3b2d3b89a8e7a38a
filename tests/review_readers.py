"""Reviews as their readers see them in each tool, as plain text: one line per heading, paragraph,
bullet and table row (cells joined by " | "), the title first."""

from __future__ import annotations

from typing import Any


def document_text(document: Any) -> str:
    """A document as plain text, one line per heading, paragraph, bullet and table row."""
    from certsync.adapters.document import Bullets, Heading, Paragraph, Table, plain

    lines = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            lines.append(plain(block.text))
        elif isinstance(block, Bullets):
            lines += [plain(item) for item in block.items]
        elif isinstance(block, Table):
            lines += [" | ".join(row) for row in (block.header, *block.rows)]
    return "\n".join(lines)


def plain_lines(text: str) -> list[str]:
    """Asana's plain `notes` / `text`, one line each, a list item's bullet dropped."""
    return [line.removeprefix("• ") for line in (text or "").splitlines() if line.strip()]


def asana_posts(api: Any, workspace: str, enrollments_project: str) -> list[tuple[str, str, Any, str]]:
    """(kind, marker, created, text) of every review task and status update carrying a marker,
    as a reader of the reviews project and a follower of the enrollments project see them."""
    from datetime import datetime

    import asana

    from certsync.adapters import markers
    from certsync.adapters.asana.reviews import PROJECT_NAME

    def when(value: Any) -> datetime | None:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None

    found = []
    projects = asana.ProjectsApi(api).get_projects_for_workspace(workspace, {"opt_fields": "name"})
    for project in (p["gid"] for p in projects if p["name"] == PROJECT_NAME):
        for task in asana.TasksApi(api).get_tasks_for_project(project, {"opt_fields": "name,notes,created_at"}):
            parsed = markers.parse(task.get("notes") or "")
            if parsed:
                found.append(("review", parsed[1], when(task.get("created_at")),
                              "\n".join([task["name"], *plain_lines(task["notes"])])))
    for update in asana.StatusUpdatesApi(api).get_statuses_for_object(
            enrollments_project, {"opt_fields": "title,text,created_at"}):
        parsed = markers.parse(update.get("text") or "")
        if parsed:
            found.append(("team-update", parsed[1], when(update.get("created_at")),
                          "\n".join([update["title"], *plain_lines(update["text"])])))
    return found


def posted_in(rhythm: Any) -> list[Any]:
    """Every review and team update in a Rhythm's tool (tests/sync/remind_builders.py)."""
    from review_builders import Posted

    if rhythm.kind == "asana":
        t = rhythm.template
        return [Posted(*found) for found in asana_posts(rhythm.api, t.workspace, t.project)]
    return [Posted(*found) for found in notion_posts(rhythm.api, rhythm.open_tracker())]


def _children(api: Any, block_id: str) -> list[dict[str, Any]]:
    from notion_client.helpers import collect_paginated_api

    return collect_paginated_api(api.blocks.children.list, block_id=block_id, page_size=100)


def _plain(rich: list[dict[str, Any]]) -> str:
    return "".join(part["plain_text"] for part in rich)


def notion_page_text(api: Any, page_id: str) -> str:
    """The page's title, then one line per block (a table: one per row, cells joined by " | ")."""
    page = api.pages.retrieve(page_id=page_id)
    lines = [_plain(page["properties"]["Name"]["title"])]
    for block in _children(api, page_id):
        kind = block["type"]
        if kind == "table":
            lines += [" | ".join(_plain(cell) for cell in row["table_row"]["cells"]) for row in _children(api, block["id"])]
        elif "rich_text" in block[kind]:
            lines.append(_plain(block[kind]["rich_text"]))
    return "\n".join(lines)


def notion_posts(api: Any, tracker: Any) -> list[tuple[str, str, Any, str]]:
    """(kind, marker, created, text) of every page in the Program reviews database with a marker in Ref."""
    from datetime import datetime

    from notion_client.helpers import collect_paginated_api

    from certsync.adapters import markers

    found = []
    for page in collect_paginated_api(api.data_sources.query, data_source_id=tracker.reviews.required()):
        parsed = None if page.get("in_trash") else markers.parse(_plain(page["properties"]["Ref"]["rich_text"]))
        if parsed:
            created = datetime.fromisoformat(page["created_time"].replace("Z", "+00:00"))
            found.append(("review", parsed[1], created, notion_page_text(api, page["id"])))
    return found
