"""certsync's Asana tracker: the tracker contract (adapters/tracker.py) over two projects.

Enrollments are the tasks of `[asana] project`, check-ins the tasks of `[asana] check_ins_project`
(a subtask check-in is filed there too, so one list read sees every check-in). Everything goes
through the official `asana` SDK (see client.py), pointed at `base_url`.

Incremental reads use `modified_since` on each project's task list, from Asana's clock (the Date
header of the read's first response) less an overlap, kept in the opaque cursor.

Reviews are tasks of a private `Program reviews` project, team updates status updates on the
enrollments project (reviews.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo, UTC
from typing import Any

from asana.rest import ApiException

from certsync.adapters import markers
from certsync.adapters.asana import reviews as asana_reviews
from certsync.adapters.asana import schema as asana_schema
from certsync.adapters.asana import write as asana_write
from certsync.adapters.asana.client import AsanaClient
from certsync.adapters.asana.errors import describe, is_gone, status_of, tracker_error
from certsync.adapters.asana.fields import SETTING_FIELDS, ProjectFields
from certsync.adapters.asana.read import (
    REQUIRED_CHECK_IN_FIELDS,
    REQUIRED_ENROLLMENT_FIELDS,
    SESSION_TASK_FIELDS,
    TASK_FIELDS,
    check_in_from_task,
    enrollment_from_task,
    owner_key,
    plan_row_from_task,
    session_from_task,
    stamp,
)
from certsync.adapters.records import CORE_OWNED, SUMMARY_OWNED, EnrollmentRecord, Owned, Snapshot, same_owned
from certsync.adapters.tracker import (
    Comment, Progress, ReviewPost, SchemaReport, TeamUpdate, TrackerError, in_tool_words,
)
from certsync.rules.model import Person, Session, StudyPlanRow

STORY_FIELDS = "created_by.name,text,created_at,resource_subtype,type"
PROJECTS = {"project": "enrollments project", "check_ins_project": "check-ins project",
            "study_plan_project": "study plan project", "sessions_project": "sessions project"}


class AsanaTracker:
    kind = "asana"

    def __init__(self, settings: Any, token: str, *, overlap_minutes: int = 2, attempts: int = 6,
                 timeout_seconds: float = 20.0, readers: list[str] | tuple[str, ...] = ()) -> None:
        self.settings = settings
        self.readers = tuple(readers)  # [reviews] readers: members of the private reviews project
        self.fields = settings.fields
        self.check_in_fields = settings.check_in_fields
        self.overlap = timedelta(minutes=overlap_minutes)
        self.client = AsanaClient(token, settings.base_url, settings.requests_per_minute, attempts=attempts,
                                  timeout_seconds=timeout_seconds)
        self.project_fields: dict[str, ProjectFields] = {}  # project gid -> its custom fields by name
        self.me: str | None = None  # the token's user: the author of certsync's stories
        self.workspace: str | None = None
        self.reviews_project: str | None = None  # the private `Program reviews` project (reviews.py)
        self.reviews_project_checked = False  # seen to exist by this tracker, not only remembered
        # owner_key(engineer gid, certification) and owner_key(engineer gid, None) -> enrollment gids:
        # how a form submission (a top-level check-in) finds its enrollment on an incremental read.
        self.owners: dict[str, list[str]] = {}
        # engineer gid -> [enrollment gid, cohort] of each of their enrollments: whom a session's
        # `Attendees` people field means (learned by each read, remembered like `owners`).
        self.engineers: dict[str, list[list[str | None]]] = {}
        self.engineers_known = False

    @property
    def requests(self) -> int:
        return self.client.requests

    @property
    def reference(self) -> str:
        return f"asana:{self.settings.base_url}:{self.settings.project}"

    @property
    def key(self) -> str:
        """Project gids are canonical (the config turns URLs into them): no request needed."""
        return self.reference

    @property
    def owned_fields(self) -> tuple[str, ...]:
        """The core owned fields, and the summary fields the enrollments project has."""
        known = self.project_fields.get(self.project_gid("project"))
        present = [n for n in SUMMARY_OWNED if known is not None and known.get(getattr(self.fields, n, None))]
        return CORE_OWNED + tuple(present)

    def _error(self, error: BaseException, where: str = "", record: str | None = None) -> TrackerError:
        return tracker_error(error, self.settings.token_env, where, record, base_url=str(self.settings.base_url))

    def close(self) -> None:
        self.client.close()

    # --- remembered between passes --------------------------------------------------------------

    def remember(self) -> dict[str, Any]:
        return {"fields": {gid: known.dump() for gid, known in sorted(self.project_fields.items())},
                "me": self.me, "workspace": self.workspace, "reviews_project": self.reviews_project,
                "owners": {k: list(v) for k, v in sorted(self.owners.items())},
                "engineers": {k: [list(e) for e in v] for k, v in sorted(self.engineers.items())}}

    def restore(self, remembered: dict[str, Any]) -> None:
        for gid, dumped in (remembered.get("fields") or {}).items():
            loaded = ProjectFields.load(dumped)
            if loaded is not None:
                self.project_fields.setdefault(gid, loaded)
        self.me = self.me or remembered.get("me")
        self.workspace = self.workspace or remembered.get("workspace")
        self.reviews_project = self.reviews_project or remembered.get("reviews_project")
        if not self.owners and isinstance(remembered.get("owners"), dict):
            self.owners = {k: list(v) for k, v in remembered["owners"].items()}
        if not self.engineers_known and isinstance(remembered.get("engineers"), dict):
            self.engineers = {k: [list(e) for e in v] for k, v in remembered["engineers"].items()}
            self.engineers_known = True

    # --- the projects' custom fields ---------------------------------------------------------------

    def project_gid(self, setting: str) -> str:
        return str(getattr(self.settings, setting))

    def custom_fields(self, setting: str, refresh: bool = False) -> ProjectFields:
        """The project's custom fields by name, from its custom field settings (once, then remembered)."""
        gid = self.project_gid(setting)
        if refresh or gid not in self.project_fields:
            try:
                found = list(self.client.pages(self.client.settings.get_custom_field_settings_for_project, gid,
                                               opts={"opt_fields": SETTING_FIELDS}))
            except ApiException as error:
                raise self._project_error(setting, error) from error
            self.project_fields[gid] = ProjectFields.of_settings(found)
        return self.project_fields[gid]

    def _project_error(self, setting: str, error: ApiException) -> TrackerError:
        where = f"[asana] {setting} = '{self.project_gid(setting)}': "
        if error.status in (400, 403, 404):
            where += f"no {PROJECTS[setting]} with this gid is visible to the token ("
            return TrackerError(f"{where}{describe(error, self.settings.token_env)})", status=error.status)
        return self._error(error, where)

    def _stale(self, setting: str, task: dict[str, Any], names: list[str]) -> bool:
        """Whether a task shows the project's fields changed since they were learned (a field
        removed, added or replaced under a mapped name)."""
        known = self.project_fields.get(self.project_gid(setting))
        if known is None or "custom_fields" not in task:
            return False
        on_task = {v.get("name"): v.get("gid") for v in task.get("custom_fields") or []}
        for name in names:
            info = known.get(name)
            if (info.gid if info else None) != on_task.get(name):
                return True
        return False

    def _mapped(self, setting: str) -> list[str]:
        source = self.fields if setting == "project" else self.check_in_fields
        return [name for key in type(source).model_fields if (name := getattr(source, key))]

    def _require(self, setting: str, refreshed: bool = False) -> None:
        """Stop before judging anyone when a field certsync needs, or one the config names, is not
        a custom field of the project (judged on a missing field, everyone looks behind). Fields
        remembered from an earlier pass are learned again before saying so: one may have been
        added since."""
        known = self.custom_fields(setting, refresh=refreshed)
        if setting == "project":
            where, section, fields, required = "enrollments project", "asana.fields", self.fields, \
                REQUIRED_ENROLLMENT_FIELDS
            owned = [name for key in CORE_OWNED if known.get(name := getattr(fields, key)) is None]
        else:
            where, section, fields, owned = "check-ins project", "asana.check_in_fields", self.check_in_fields, []
            required = REQUIRED_CHECK_IN_FIELDS + (("enrollment",) if fields.enrollment else ())
        keys = [*required, *(k for k in sorted(fields.model_fields_set) if k not in required)]
        missing = [(k, getattr(fields, k)) for k in keys if getattr(fields, k) and known.get(getattr(fields, k)) is None]
        lines = [f"[{section}] {key} = '{name}': the {where} has no custom field of this name" for key, name in missing]
        if owned:
            lines.append(f"the {where} lacks the custom fields certsync writes: "
                         f"{', '.join(repr(name) for name in owned)} (run `certsync provision`)")
        if lines and not refreshed:
            self._require(setting, refreshed=True)
            return
        if lines:
            have = ", ".join(known.names()) or "none"
            lines.append(f"its custom fields: {have}. Nothing was written.")
            raise TrackerError("\n".join(lines))

    # --- reading ------------------------------------------------------------------------------------

    def _mapping(self) -> str:
        """The mapping the records were read through: another one reads everything anew."""
        return self.settings.model_dump_json(include={"project", "check_ins_project", "fields", "check_in_fields"})

    def _since(self, cursor: str | None) -> datetime | None:
        if not cursor:
            return None
        try:
            saved = json.loads(cursor)
            if saved.get("mapping") != self._mapping():
                return None
            at = datetime.fromisoformat(saved["at"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return at - self.overlap

    def _tasks(self, setting: str, since: datetime | None, opt_fields: str = TASK_FIELDS) -> Iterator[dict[str, Any]]:
        opts: dict[str, Any] = {"project": self.project_gid(setting), "opt_fields": opt_fields}
        if since is not None:
            opts["modified_since"] = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        try:
            yield from self.client.pages(self.client.tasks.get_tasks, opts=opts)
        except ApiException as error:
            if error.status in (403, 404):
                raise self._project_error(setting, error) from error
            raise

    def read(self, cursor: str | None = None, zone: tzinfo | None = None,
             progress: Progress | None = None) -> Snapshot:
        """Every enrollment and check-in, or only those modified since the read that gave `cursor`.
        Dates with a time are taken in `zone`, the program's time zone."""
        with in_tool_words(self._error):
            return self._read(self._since(cursor), zone, progress)

    def _read(self, since: datetime | None, zone: tzinfo | None, progress: Progress | None) -> Snapshot:
        self._require("project")
        self._require("check_ins_project")
        self.client.server_time = None
        read_at = None
        stale: set[str] = set()
        enrollments: list[EnrollmentRecord] = []
        for task in self._tasks("project", since):
            read_at = read_at or self.client.server_time  # Asana's clock as the read began
            self._no_custom_fields(task)
            if not stale and self._stale("project", task, self._mapped("project")):
                stale.add("project")
            enrollments.append(enrollment_from_task(task, self.fields, zone))
        read_at = read_at or self.client.server_time
        self._learn_owners(enrollments, complete=since is None)
        check_ins = []
        for task in self._tasks("check_ins_project", since):
            if "check_ins_project" not in stale and self._stale("check_ins_project", task,
                                                                self._mapped("check_ins_project")):
                stale.add("check_ins_project")
            check_ins.append(check_in_from_task(task, self.fields, self.check_in_fields, zone, owner=self._owner))
            if progress and len(check_ins) % 100 == 0:
                progress(len(enrollments) + len(check_ins))
        for setting in stale:  # learned again for the writes to come; the values read carry their own types
            self._require(setting, refreshed=True)
        if progress:
            progress(len(enrollments) + len(check_ins))
        at = read_at or self.client.server_time or datetime.now(UTC)
        return Snapshot(enrollments=tuple(enrollments), check_ins=tuple(check_ins), complete=since is None,
                        cursor=json.dumps({"at": at.isoformat(), "mapping": self._mapping()}))

    def _no_custom_fields(self, task: dict[str, Any]) -> None:
        if "custom_fields" not in task:
            raise TrackerError("Asana shows no custom fields on the tasks of this workspace: custom fields need a "
                               "paid Asana plan (Asana answers 402 to them on a free workspace)", status=402)

    def _learn_owners(self, enrollments: list[EnrollmentRecord], complete: bool) -> None:
        if complete:
            self.owners, self.engineers = {}, {}
        mine = {r.enrollment.id for r in enrollments}
        if not complete and mine:
            self.owners = {k: [g for g in v if g not in mine] for k, v in self.owners.items()}
            self.engineers = {k: [e for e in v if e[0] not in mine] for k, v in self.engineers.items()}
        for record in enrollments:
            e = record.enrollment
            if e.engineer is None or not e.engineer.id:
                continue
            for key in {owner_key(e.engineer.id, e.certification), owner_key(e.engineer.id, None)}:
                self.owners.setdefault(key, []).append(e.id)
            self.engineers.setdefault(e.engineer.id, []).append([e.id, e.cohort])
        self.owners = {k: v for k, v in self.owners.items() if v}
        self.engineers = {k: v for k, v in self.engineers.items() if v}
        self.engineers_known = self.engineers_known or complete

    def _owner(self, key: str, name: str | None) -> str | None:
        found = self.owners.get(key) or []
        return found[0] if len(found) == 1 else None

    def _attending(self, engineer: str, cohort: str | None) -> list[str]:
        """The enrollments an engineer attends a session for: theirs in the session's cohort;
        else, when they have only one, that one (a session naming no cohort, or an engineer whose
        enrollment names none)."""
        theirs = self.engineers.get(engineer) or []
        wanted = (cohort or "").strip().lower()
        same = [str(e[0]) for e in theirs if wanted and (e[1] or "").strip().lower() == wanted]
        return same or ([str(theirs[0][0])] if len(theirs) == 1 else [])

    def sessions(self) -> list[Session]:
        """The tasks of `[asana] sessions_project`, when the program keeps one (read, never
        written): one paginated list. Attendees in a people field are mapped to their enrollments
        through what the last read learned (the enrollments are listed first when nothing is
        known yet). A task without a day is being written: left out."""
        if self.settings.sessions_project is None:
            return []
        with in_tool_words(self._error, "[asana] sessions_project: "):
            tasks = list(self._tasks("sessions_project", None, SESSION_TASK_FIELDS))
            if tasks:
                self._sessions_fields_there(tasks[0])
            if tasks and not self.engineers_known:
                self._learn_owners([enrollment_from_task(t, self.fields) for t in self._tasks("project", None)],
                                   complete=True)
            found = [session_from_task(task, self.settings.sessions_fields, self._attending) for task in tasks]
        return [session for session in found if session is not None]

    def _sessions_fields_there(self, task: dict[str, Any]) -> None:
        """Stop before anyone is judged when a sessions field is not a custom field of the project
        (a task lists every one of them): judged on a misspelt `Attendees`, everyone would have
        missed every session."""
        fields = self.settings.sessions_fields
        have = sorted(cf.get("name") or "" for cf in task.get("custom_fields") or [])
        keys = ["cohort", "attendees", *(k for k in sorted(fields.model_fields_set) if k not in ("cohort", "attendees"))]
        missing = [(k, getattr(fields, k)) for k in keys if getattr(fields, k) and getattr(fields, k) not in have]
        if missing:
            lines = [f"[asana.sessions_fields] {key} = '{name}': the sessions project has no custom field of this name"
                     for key, name in missing]
            raise TrackerError("\n".join([*lines, f"its custom fields: {', '.join(have) or 'none'}. Nothing was written."]))

    def study_plan(self) -> list[StudyPlanRow]:
        """The rows of `[asana] study_plan_project`, when the program keeps one (read, never written)."""
        if self.settings.study_plan_project is None:
            return []
        with in_tool_words(self._error, "[asana] study_plan_project: "):
            rows = [plan_row_from_task(task, self.settings.study_plan_fields)
                    for task in self._tasks("study_plan_project", None)]
        return [row for row in rows if row is not None]

    # --- writing ------------------------------------------------------------------------------------

    def canonical(self, owned: Owned) -> Owned:
        """What the task will hold once `owned` is written: text cut to Asana's 1,024 characters."""
        return owned.model_copy(update={
            "flag_details": asana_write.cut(owned.flag_details),
            "sync_problem": asana_write.cut(owned.sync_problem),
            "score_trend": asana_write.cut(owned.score_trend),
        })

    def _encode(self, changes: dict[str, Any]) -> dict[str, Any]:
        try:
            return asana_write.owned_values(changes, self.fields, self.custom_fields("project"))
        except TrackerError:  # an option or field added since they were learned? Look once more.
            return asana_write.owned_values(changes, self.fields, self.custom_fields("project", refresh=True))

    def write(self, record_id: str, changes: dict[str, Any]) -> None:
        """Set exactly these owned fields in one PUT; the task is read back before it is repeated."""
        with in_tool_words(self._error, record=record_id):
            body = {"data": {"custom_fields": self._encode(changes)}}
            self.client.write_once(lambda: self.client.tasks.update_task(body, record_id, {"opt_fields": "modified_at"}),
                                   lambda: self._holds(record_id, changes), f"task write to {record_id}")

    def task(self, task_gid: str) -> dict[str, Any]:
        return self.client.read(self.client.tasks.get_task, task_gid, {"opt_fields": TASK_FIELDS})

    def _holds(self, task_gid: str, changes: dict[str, Any]) -> bool:
        current = enrollment_from_task(self.task(task_gid), self.fields).owned
        return same_owned(current, current.model_copy(update=changes), fields=changes)

    # --- comments -----------------------------------------------------------------------------------

    def _me(self) -> str:
        if self.me is None:
            self.me = self.client.read(self.client.users.get_user, "me", {"opt_fields": "name"})["gid"]
        return self.me

    def comments(self, record_id: str) -> list[Comment]:
        """certsync's own stories on the task: comments by the token's user, carrying a marker."""
        with in_tool_words(self._error, record=record_id):
            me = self._me()
            found = []
            for story in self.client.pages(self.client.stories.get_stories_for_task, record_id,
                                           opts={"opt_fields": STORY_FIELDS}):
                if story.get("type") != "comment" or (story.get("created_by") or {}).get("gid") != me:
                    continue
                parsed = markers.parse(story.get("text") or "")
                if parsed is not None:
                    found.append(Comment(id=story["gid"], kind=parsed[0], marker=parsed[1],
                                         created=stamp(story.get("created_at"))))
            return found

    def post_comment(self, record_id: str, mention: Person | None, text: str, marker: str) -> str:
        """Post once; after a failure that may have been applied, look for it before posting again."""
        with in_tool_words(self._error, record=record_id):
            if mention is not None and mention.id and mention.id == self._me():
                mention = Person(name=mention.name)  # certsync's own user: named, never mentioned
            body = {"data": {"html_text": asana_write.story_html(mention, text, marker)}}
            posted = self.client.write_once(
                lambda: self.client.stories.create_story_for_task(body, record_id, {"opt_fields": "created_at"}),
                lambda: any(c.marker == marker for c in self.comments(record_id)), f"story on {record_id}")
        if posted is None:
            return next(c.id for c in self.comments(record_id) if c.marker == marker)
        return posted["gid"]

    def remove_comment(self, record_id: str, comment_id: str) -> None:
        try:
            self.client.write(self.client.stories.delete_story, comment_id)
        except Exception as error:
            if not is_gone(error):
                raise self._error(error, record=record_id) from error

    # --- reviews and team updates (reviews.py) ------------------------------------------------------

    def posted_reviews(self) -> list[Comment]:
        with in_tool_words(self._error, "reading the posted reviews: "):
            return asana_reviews.posted(self)

    def post_review(self, post: ReviewPost) -> str:
        with in_tool_words(self._error, f"posting the review '{post.title}': "):
            return asana_reviews.post_review(self, post)

    def post_team_update(self, update: TeamUpdate) -> str | None:
        with in_tool_words(self._error, f"posting the status update '{update.title}': "):
            return asana_reviews.post_team_update(self, update)

    # --- errors, schema and access ------------------------------------------------------------------

    def describe(self, error: BaseException) -> str:
        return describe(error, self.settings.token_env, str(self.settings.base_url))

    def is_gone(self, error: BaseException) -> bool:
        return is_gone(error)

    def check(self) -> list[str]:
        """Every problem of the projects and the token; and of the reviews' readers and project,
        when `[reviews] readers` names anyone (what `provision` would refuse)."""
        problems = asana_schema.check(self).problems
        if self.readers:
            with in_tool_words(self._error, "[reviews]: "):
                problems += asana_reviews.provision(self, dry_run=True).problems
        return problems

    def provision(self, dry_run: bool = False, yes: bool = False) -> SchemaReport:
        """Add the owned custom fields and options the project lacks. Options added to a workspace
        field change every project that uses it: those are listed, and changed only with `yes`."""
        try:
            reviews = asana_reviews.provision(self, dry_run=True)  # a reader who is no user: change nothing
            if reviews.problems and not dry_run:
                return SchemaReport(problems=[*reviews.problems, "Nothing was changed."])
            report = asana_schema.provision(self, dry_run=dry_run, yes=yes)
            if not dry_run:
                reviews = asana_reviews.provision(self, dry_run=False)
            return SchemaReport(problems=report.problems + reviews.problems, changes=report.changes + reviews.changes)
        except TrackerError:
            raise
        except Exception as error:
            if status_of(error) == 402:
                raise TrackerError("custom fields need a paid Asana plan: this workspace has none "
                                   f"({self.describe(error)})", status=402) from error
            raise self._error(error) from error

    def workspace_gid(self) -> str:
        if self.workspace is None:
            try:
                project = self.client.read(self.client.projects.get_project, self.project_gid("project"),
                                           {"opt_fields": "workspace.name,name"})
            except ApiException as error:
                raise self._project_error("project", error) from error
            self.workspace = project["workspace"]["gid"]
        return self.workspace
