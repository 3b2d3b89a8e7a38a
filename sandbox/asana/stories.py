"""Stories on a task: comments (`text` or `html_text` with mentions) and the system stories Asana
writes for changes; get, and update or delete only the caller's own comments."""

from __future__ import annotations

from ..core.clock import now
from . import activity, events
from .errors import forbidden, invalid
from .fields import Ref
from .paging import page
from .request import Result, created, written
from .richtext import html_of_text, parse_html
from .store import iso
from .validate import check_bool, check_keys, check_str

MAX_TEXT = 65535
EXTRA_REFS = {"project": "project", "old_section": "section", "new_section": "section", "custom_field": "custom_field",
              "assignee": "user"}


def add_story(store, task: dict, author: str | None, type_: str, subtype: str, text: str,
              html: str | None = None, extra: dict | None = None, pinned: bool = False) -> dict:
    gid = store.new_gid()
    t = now()
    story = {"gid": gid, "task": task["gid"], "author": author, "type": type_, "subtype": subtype, "text": text,
             "html_text": html, "created": t, "edited": False, "pinned": pinned, "extra": extra or {}}
    store.stories[gid] = story
    task.setdefault("stories", []).append(gid)
    activity.touch(task, t)  # a new story moves the task's modified_at
    events.record(store, "story", "added", ("story", gid), ("task", task["gid"]),
                  author if type_ == "comment" else None, activity.subscribers(task))
    return story


def render_story(store, s: dict) -> dict:
    out = {"gid": s["gid"], "resource_type": "story", "created_at": iso(s["created"]),
           "created_by": Ref("user", s["author"]) if s["author"] else None, "resource_subtype": s["subtype"],
           "text": s["text"], "type": s["type"], "is_pinned": s["pinned"], "hearted": False, "hearts": [],
           "num_hearts": 0, "liked": False, "likes": [], "num_likes": 0, "previews": [], "reaction_summary": [],
           "source": "api", "target": Ref("task", s["task"])}
    if s["type"] == "comment":
        out["html_text"] = s["html_text"]
        out["is_editable"] = s["author"] == store.me
        out["is_edited"] = s["edited"]
    for key, kind in EXTRA_REFS.items():
        if s["extra"].get(key):
            out[key] = Ref(kind, s["extra"][key])
    return out


def _comment_body(store, data: dict) -> tuple[str, str]:
    if data.get("html_text") is not None:
        html, text = parse_html(store, check_str(data["html_text"], "html_text"), "html_text")
    elif data.get("text") is not None:
        text = check_str(data["text"], "text")
        html = html_of_text(text)
    else:
        raise invalid("text: Missing input")
    if len(text) > MAX_TEXT:
        raise invalid(f"text: The comment is too long: {len(text)} characters, the limit is {MAX_TEXT}")
    return text, html


def create(req):
    store, data = req.store, req.data
    task = store.get("tasks", req.params["task_gid"])
    check_keys(data, {"text", "html_text", "is_pinned", "sticker_name"}, "story")
    text, html = _comment_body(store, data)
    story = add_story(store, task, req.user, "comment", "comment_added", text, html,
                      pinned=check_bool(data.get("is_pinned", False), "is_pinned"))
    return created(Ref("story", story["gid"]))


def list_(req):
    store = req.store
    task = store.get("tasks", req.params["task_gid"])
    return page(req, [Ref("story", s) for s in task.get("stories", []) if not store.stories[s].get("deleted")])


def get(req):
    return Result(Ref("story", req.store.get("stories", req.params["story_gid"])["gid"]))


def _own_comment(req) -> dict:
    story = req.store.get("stories", req.params["story_gid"])
    if story["type"] != "comment":
        raise forbidden("story: Only comments can be edited or deleted; this is a system story")
    if story["author"] != req.user:
        raise forbidden("story: You can only edit or delete your own comments")
    return story


def update(req):
    story = _own_comment(req)
    data = req.data
    check_keys(data, {"text", "html_text", "is_pinned"}, "story")
    if data.get("text") is not None or data.get("html_text") is not None:
        story["text"], story["html_text"] = _comment_body(req.store, data)
        story["edited"] = True
    if "is_pinned" in data:
        story["pinned"] = check_bool(data["is_pinned"], "is_pinned")
    return written(Ref("story", story["gid"]))


def delete(req):
    story = _own_comment(req)
    story["deleted"] = True
    task = req.store.tasks[story["task"]]
    events.record(req.store, "story", "removed", ("story", story["gid"]), ("task", task["gid"]), req.user,
                  activity.subscribers(task))
    return Result({})
