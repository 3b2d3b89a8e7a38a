"""What a change leaves behind, as Asana does: the task's modified_at moves, a system story says
what changed (the ones Asana writes: `name_changed`, `assigned`, `added_to_project`, …), and an
event goes to everyone subscribed to the task or its projects."""

from __future__ import annotations

from ..core.clock import now
from . import events


def touch(task: dict, t: float | None = None) -> None:
    task["modified"] = t if t is not None else now()


def subscribers(task: dict) -> list[str]:
    """The resources whose events include a change of this task."""
    return [task["gid"], *task["projects"]]


def system_story(store, task: dict, actor: str | None, subtype: str, text: str, extra: dict | None = None) -> dict:
    from .stories import add_story

    return add_story(store, task, author=actor, type_="system", subtype=subtype, text=text, extra=extra)


QUIET_AFTER_CREATE = 60.0  # seconds in which the creator's own edits write no story


def changed(store, task: dict, actor: str, field: str, subtype: str | None, text: str | None,
            new_value=None, extra: dict | None = None) -> None:
    """A property of the task changed: modified_at, a `changed` event, and a system story unless
    the task's creator edits it within a minute of making it (Asana folds those into the
    creation, as recorded: a rename just after a create brings an event but no story)."""
    touch(task)
    change = {"field": field, "action": "changed"}
    if new_value is not None:
        change["new_value"] = new_value
    events.record(store, "task", "changed", ("task", task["gid"]), None, actor, subscribers(task), change)
    just_made = actor == task.get("created_by") and now() - task["created"] < QUIET_AFTER_CREATE
    if subtype is not None and not just_made:
        system_story(store, task, actor, subtype, f"{store.users[actor]['name']} {text}", extra)


def added_to(store, task: dict, actor: str | None, parent: tuple, story: str | None = None) -> None:
    """The task joined a project, a section or a parent task."""
    events.record(store, "task", "added", ("task", task["gid"]), parent, actor, subscribers(task) + [parent[1]])
    if story is not None:
        touch(task)
        name = store.users[actor]["name"] if actor else "Someone"
        system_story(store, task, actor, "added_to_project", f"{name} {story}",
                     {"project": parent[1]} if parent[0] == "project" else None)


def removed_from(store, task: dict, actor: str, parent: tuple, story: str | None = None) -> None:
    events.record(store, "task", "removed", ("task", task["gid"]), parent, actor, subscribers(task) + [parent[1]])
    if story is not None:
        touch(task)
        system_story(store, task, actor, "removed_from_project", f"{store.users[actor]['name']} {story}",
                     {"project": parent[1]} if parent[0] == "project" else None)
