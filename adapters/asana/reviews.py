"""Reviews in Asana: one task per review in a private `Program reviews` project, and one status
update per period on the enrollments project (what every follower may see: counts, completions).

`provision` makes the project (in the enrollments project's workspace and team) with its members:
certsync's user and `[reviews] readers`. It is found again by name in the workspace, and its gid
remembered. A review is one `POST /tasks` (name and `html_notes` at once), so nothing is ever
half-written; a status update is one `POST /status_updates` and cannot be edited. Each is sent
once: after a failure that may have been applied, the posts are looked at before it is sent again.
Only certsync's own posts (by its user, carrying a marker) are listed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from asana.rest import ApiException

from certsync.adapters import markers
from certsync.adapters.asana.read import stamp
from certsync.adapters.asana.rich_text import rich_text
from certsync.adapters.tracker import Comment, ReviewPost, SchemaReport, TeamUpdate, TrackerError

if TYPE_CHECKING:
    from certsync.adapters.asana.tracker import AsanaTracker

PROJECT_NAME = "Program reviews"
HEALTH = ("on_track", "at_risk", "off_track")
TASK_FIELDS = "name,notes,created_by,created_at"
UPDATE_FIELDS = "title,text,author,created_by,created_at,status_type"


REVIEWS_OF = "certsync: the reviews of the program in project {gid}."


def _program_of(notes: str | None) -> str | None:
    """The enrollments project a reviews project's notes say it serves, if they say."""
    found = re.search(REVIEWS_OF.replace(".", r"\.").replace("{gid}", r"(\d+)"), notes or "")
    return found.group(1) if found else None


def find_project(tracker: AsanaTracker, refresh: bool = False) -> str | None:
    """The reviews project's gid: remembered, else the workspace's unarchived project of that name
    that serves this program (its notes say so; two programs in one workspace have one each), or
    one that names no program (made by hand): a private one certsync's user owns first."""
    client = tracker.client
    if tracker.reviews_project and not refresh and not tracker.reviews_project_checked:
        try:  # remembered from an earlier pass: a manager may have deleted or archived it since
            there = client.read(client.projects.get_project, tracker.reviews_project, {"opt_fields": "archived"})
            gone = bool(there.get("archived"))
        except ApiException as error:
            if error.status != 404:
                raise
            gone = True
        if gone:
            tracker.reviews_project = None
        tracker.reviews_project_checked = True
    if tracker.reviews_project and not refresh:
        return tracker.reviews_project
    program = tracker.project_gid("project")
    named = [p for p in client.pages(client.projects.get_projects_for_workspace, tracker.workspace_gid(),
                                     opts={"opt_fields": "name,archived,owner,privacy_setting,notes"})
             if p.get("name") == PROJECT_NAME and not p.get("archived")
             and _program_of(p.get("notes")) in (None, program)]
    named.sort(key=lambda p: (_program_of(p.get("notes")) != program,
                              (p.get("owner") or {}).get("gid") != tracker._me(), p.get("privacy_setting") != "private"))
    tracker.reviews_project = named[0]["gid"] if named else None
    tracker.reviews_project_checked = True
    return tracker.reviews_project


def _reader(tracker: AsanaTracker, value: str) -> str | None:
    """The gid of a reader (an e-mail or a user gid) who is a user of the workspace, else None."""
    client = tracker.client
    try:
        user = client.read(client.users.get_user, value.strip(), {"opt_fields": "workspaces"})
    except ApiException as error:
        if error.status in (400, 404):
            return None
        raise
    spaces = {w.get("gid") for w in user.get("workspaces") or []}
    return user["gid"] if not spaces or tracker.workspace_gid() in spaces else None


def provision(tracker: AsanaTracker, dry_run: bool = False) -> SchemaReport:
    """Create the private reviews project when missing, and add the readers it lacks (never
    removes a member). A reader who is not a user of the workspace is a problem: then nothing is done."""
    report = SchemaReport()
    client = tracker.client
    me = tracker._me()
    readers: dict[str, str] = {}
    for value in tracker.readers:
        gid = _reader(tracker, value)
        if gid is None:
            report.problems.append(f"[reviews] readers: '{value}' is not a user of the Asana workspace of the "
                                   "enrollments project (give an e-mail or user gid of a workspace member)")
        elif gid != me:
            readers.setdefault(gid, value)
    project = find_project(tracker, refresh=True)
    if project is None:
        who = ", ".join(["certsync's user", *readers.values()])
        report.changes.append(f"create the private project '{PROJECT_NAME}' (members: {who})")
        missing = list(readers)
    else:
        found = client.read(client.projects.get_project, project, {"opt_fields": "privacy_setting,members"})
        if found.get("privacy_setting") not in (None, "private"):
            report.problems.append(f"the project '{PROJECT_NAME}' is {found['privacy_setting']}: reviews are for "
                                   "its members only; make it private in Asana (Share, Private to members)")
        members = {m.get("gid") for m in found.get("members") or []}
        missing = [gid for gid in readers if gid not in members]
        if missing:
            report.changes.append(f"add to '{PROJECT_NAME}' the readers {', '.join(readers[g] for g in missing)}")
    if report.problems or dry_run:
        return report
    if project is None:
        project = _create_project(tracker)
    if missing:
        client.write(client.projects.add_members_for_project, {"data": {"members": ",".join(missing)}}, project,
                     {"opt_fields": "name"})
    return report


def _create_project(tracker: AsanaTracker) -> str:
    client = tracker.client
    enrollments = client.read(client.projects.get_project, tracker.project_gid("project"), {"opt_fields": "team"})
    data: dict[str, Any] = {"name": PROJECT_NAME, "privacy_setting": "private", "default_view": "list",
                            "notes": "certsync posts the program's reviews here; only the project's members read them.\n"
                                     + REVIEWS_OF.format(gid=tracker.project_gid("project"))}
    if enrollments.get("team"):
        data["team"] = enrollments["team"]["gid"]
    workspace = tracker.workspace_gid()
    made = client.write_once(lambda: client.projects.create_project_for_workspace({"data": data}, workspace,
                                                                                 {"opt_fields": "name"}),
                             lambda: find_project(tracker, refresh=True) is not None, f"project '{PROJECT_NAME}'")
    if made is not None:
        tracker.reviews_project = made["gid"]
    return tracker.reviews_project or ""


def posted(tracker: AsanaTracker) -> list[Comment]:
    """certsync's review tasks in the reviews project, then its status updates on the enrollments project."""
    client = tracker.client
    me = tracker._me()
    found = []
    project = find_project(tracker)
    if project is not None:
        for task in client.pages(client.tasks.get_tasks_for_project, project, opts={"opt_fields": TASK_FIELDS}):
            parsed = markers.parse(task.get("notes") or "")
            if parsed is not None and (task.get("created_by") or {}).get("gid") == me:
                found.append(Comment(id=task["gid"], kind="review", marker=parsed[1],
                                     created=stamp(task.get("created_at"))))
    for update in client.pages(client.status_updates.get_statuses_for_object, tracker.project_gid("project"),
                               opts={"opt_fields": UPDATE_FIELDS}):
        author = (update.get("author") or update.get("created_by") or {}).get("gid")
        parsed = markers.parse(update.get("text") or "")
        if parsed is not None and author == me:
            found.append(Comment(id=update["gid"], kind="team-update", marker=parsed[1],
                                 created=stamp(update.get("created_at"))))
    return found


def _landed(tracker: AsanaTracker, kind: str, marker: str) -> str | None:
    return next((c.id for c in posted(tracker) if c.kind == kind and c.marker == marker), None)


def post_review(tracker: AsanaTracker, post: ReviewPost) -> str:
    """One task in the reviews project: the review's title as its name, the review as its notes."""
    project = find_project(tracker)
    if project is None:
        raise TrackerError(f"the workspace has no '{PROJECT_NAME}' project for the reviews: run `certsync provision` "
                           "to create it (private: certsync's user and [reviews] readers)")
    client = tracker.client
    body = {"data": {"name": post.title, "html_notes": rich_text(post.document, post.marker), "projects": [project]}}
    made = client.write_once(lambda: client.tasks.create_task(body, {"opt_fields": "name"}),
                             lambda: _landed(tracker, "review", post.marker) is not None, f"review '{post.title}'")
    return made["gid"] if made is not None else _landed(tracker, "review", post.marker) or ""


def post_team_update(tracker: AsanaTracker, update: TeamUpdate) -> str:
    """One status update on the enrollments project; it notifies every follower and cannot be
    edited, so it holds only what the update's document holds (counts and completions)."""
    if update.health not in HEALTH:
        raise TrackerError(f"a team update's health is one of {', '.join(HEALTH)}, not '{update.health}'")
    client = tracker.client
    body = {"data": {"parent": tracker.project_gid("project"), "status_type": update.health, "title": update.title,
                     "html_text": rich_text(update.document, update.marker, headings=False)}}
    made = client.write_once(lambda: client.status_updates.create_status_for_object(body, {"opt_fields": "title"}),
                             lambda: _landed(tracker, "team-update", update.marker) is not None,
                             f"status update '{update.title}'")
    return made["gid"] if made is not None else _landed(tracker, "team-update", update.marker) or ""
