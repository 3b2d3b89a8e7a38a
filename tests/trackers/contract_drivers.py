"""What people do in each tool, for the contract suite: one driver per tracker.

A driver holds the tracker under test, filled with the sample program, and does what a person
would do in the tool: add a check-in, edit an enrollment, comment, delete a record, remove a
field. For Notion all of it goes through the real notion-client against the sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asana

from certsync.adapters.memory import MemoryTracker
from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.rules.model import CheckIn, Enrollment
from certsync.sync.sample_program import sample_program
from review_readers import document_text, notion_page_text, plain_lines

TOKEN_ENV = "CERTSYNC_TEST_NOTION_TOKEN"
ASANA_TOKEN_ENV = "CERTSYNC_TEST_ASANA_TOKEN"


def _bare(ident: str) -> str:
    return ident.replace("-", "")


class Driver:
    kind: str
    tracker: Any

    def __init__(self) -> None:
        self.program = sample_program()
        self.enrollments = {e.id: e for e in self.program.enrollments}
        self.record_of: dict[str, str] = {}  # sample id -> record id

    def id(self, sample_id: str) -> str:
        return self.record_of[sample_id]

    def sample_id(self, record_id: str) -> str | None:
        back = {_bare(r): s for s, r in self.record_of.items()}
        return back.get(_bare(record_id))

    def enrollment(self, sample_id: str) -> Enrollment:
        return self.enrollments[sample_id]

    def close(self) -> None:
        self.tracker.close()


class MemoryDriver(Driver):
    kind = "memory"

    def __init__(self) -> None:
        super().__init__()
        self.tracker = MemoryTracker()
        self.tracker.add_program(self.program)
        self.record_of = {e.id: e.id for e in self.program.enrollments}
        self.record_of.update({c.id: c.id for c in self.program.check_ins})
        self.record_of.update({session.id: session.id for session in self.program.sessions})

    def fresh(self) -> MemoryTracker:
        """A new tracker object on the same program (the memory tracker *is* its data)."""
        return self.tracker

    def later(self) -> None:
        """Time passes (the memory tracker's cursor is its own edit counter: nothing to do)."""

    def add_check_in(self, check_in: CheckIn) -> str:
        self.tracker.put_check_in(check_in)
        self.record_of[check_in.id] = check_in.id
        return check_in.id

    def edit_enrollment(self, sample_id: str, **values: Any) -> None:
        edited = self.enrollments[sample_id].model_copy(update=values)
        self.enrollments[sample_id] = edited
        self.tracker.put_enrollment(edited)

    def add_person_comment(self, sample_id: str, text: str) -> None:
        self.tracker.add_comment_as(self.id(sample_id), "Grace Liu", text)

    def delete(self, sample_id: str) -> None:
        self.tracker.delete(self.id(sample_id))

    def mentioned(self, record_id: str, comment_id: str) -> list[str]:
        """The user ids a comment mentions, as a person reading it sees them."""
        stored = next(c for c in self.tracker.stored_comments if c.id == comment_id)
        return [stored.mention] if stored.mention else []

    def own_user(self) -> str:
        from certsync.adapters.memory import ME

        return ME

    def remove_owned_field(self, name: str) -> None:
        self.tracker.fields = tuple(f for f in self.tracker.fields if f != name)

    def put_bad_outcomes(self, sample_id: str) -> bool:
        """The memory tracker holds only values the model accepts: nothing to do (False)."""
        return False

    def remove_sessions_field(self, key: str) -> bool:
        """The memory tracker keeps sessions without fields: nothing to do (False)."""
        return False

    def other_forms(self) -> list[tuple[str, Any]]:
        """Other ways a config can name the same tracker, each with a maker of its tracker."""
        return []

    def _stored(self, post_id: str) -> Any:
        return next(p.post for p in self.tracker.posts if p.id == post_id)

    def review_text(self, post_id: str) -> str:
        return document_text(self._stored(post_id).document)

    def review_counts(self, post_id: str) -> dict[str, int] | None:
        return dict(self._stored(post_id).counts)

    def add_person_review(self, text: str) -> None:
        """A person cannot post where the memory tracker keeps reviews: nothing to do."""

    def half_post(self, post: Any) -> str | None:
        return None  # the memory tracker posts a review at once

    def reviews_visible(self) -> int:
        return len([p for p in self.tracker.posts if p.kind == "review"])

    def team_update_text(self, update_id: str) -> str:
        return document_text(self._stored(update_id).document)


class NotionDriver(Driver):
    kind = "notion"

    def __init__(self, sandbox: Any, folder: Path, monkeypatch: Any) -> None:
        from certsync.adapters.notion.template import check_in_properties, enrollment_properties
        from certsync.config.fields import NotionCheckInFields, NotionFields

        super().__init__()
        self._enrollment_properties, self._check_in_properties = enrollment_properties, check_in_properties
        self.fields, self.check_in_fields = NotionFields(), NotionCheckInFields()
        monkeypatch.setenv(TOKEN_ENV, sandbox.token)
        self.sandbox = sandbox
        self.folder = folder
        self.built = sample("notion", sandbox, self.program, TOKEN_ENV)
        self.api = self.built.api
        self.template = self.built.template
        self.config_path = self._config(self.built.section(), "certsync.toml")
        open_tracker(load_config(self.config_path), "notion").provision()
        self.record_of = self.built.fill()
        self.tracker = self.fresh()

    def _config(self, section: str, name: str) -> Path:
        path = self.folder / name
        path.write_text(f'[program]\nname = "Sample"\ntimezone = "Europe/Berlin"\n\n{section}\n'
                        f'[sync]\nstate = "{name}.sqlite"\n')
        return path

    def fresh(self) -> Any:
        return open_tracker(load_config(self.config_path), "notion")

    def later(self) -> None:
        """Ten minutes pass: well beyond Notion's minute rounding and certsync's overlap."""
        self.sandbox.advance_clock(600)

    def add_check_in(self, check_in: CheckIn) -> str:
        properties = self._check_in_properties(check_in, self.record_of, f"Check-in {check_in.id}",
                                               self.check_in_fields)
        page = self.api.pages.create(parent={"type": "data_source_id", "data_source_id": self.template.check_ins},
                                     properties=properties)
        self.record_of[check_in.id] = page["id"]
        return page["id"]

    def edit_enrollment(self, sample_id: str, **values: Any) -> None:
        edited = self.enrollments[sample_id].model_copy(update=values)
        self.enrollments[sample_id] = edited
        properties = self._enrollment_properties(edited, self.fields, self.built.users)
        properties.pop(self.fields.postponements, None)
        self.api.pages.update(page_id=self.id(sample_id), properties=properties)

    def add_person_comment(self, sample_id: str, text: str) -> None:
        manager = self.enrollments[sample_id].manager
        self.sandbox.add_comment_as(self.id(sample_id), self.built.users[manager.name], text)

    def delete(self, sample_id: str) -> None:
        self.api.pages.update(page_id=self.id(sample_id), in_trash=True)

    def mentioned(self, record_id: str, comment_id: str) -> list[str]:
        listed = self.api.comments.list(block_id=record_id, page_size=100)["results"]
        parts = next(c for c in listed if c["id"] == comment_id)["rich_text"]
        return [p["mention"]["user"]["id"] for p in parts if p["type"] == "mention" and p["mention"]["type"] == "user"]

    def own_user(self) -> str:
        return self.sandbox.bot_user_id

    def remove_owned_field(self, name: str) -> None:
        self.api.data_sources.update(data_source_id=self.template.enrollments,
                                     properties={getattr(self.fields, name): None})

    def put_bad_outcomes(self, sample_id: str) -> bool:
        """A person types outcome values out of line: an exam result option no one agreed on,
        attempts -1, satisfaction 7."""
        f = self.fields
        self.api.pages.update(page_id=self.id(sample_id), properties={
            f.exam_result: {"select": {"name": "Distinction"}}, f.attempts: {"number": -1},
            f.satisfaction: {"number": 7}})
        return True

    def remove_sessions_field(self, key: str) -> bool:
        from certsync.config.fields import NotionSessionFields

        name = getattr(NotionSessionFields(), key)
        self.api.data_sources.update(data_source_id=self.template.sessions, properties={name: None})
        return True

    def other_forms(self) -> list[tuple[str, Any]]:
        """The same tracker named by its databases' ids, by a database's URL, by ids without dashes."""
        t = self.template
        forms = {
            "database ids": (t.enrollments_database, t.check_ins_database),
            "database URLs": (f"https://www.notion.so/acme/Enrollments-{_bare(t.enrollments_database)}?v=1a2b",
                              f"https://www.notion.so/acme/Check-ins-{_bare(t.check_ins_database)}"),
            "ids without dashes": (_bare(t.enrollments), _bare(t.check_ins)),
        }
        makers = []
        for number, (form, (enrollments, check_ins)) in enumerate(forms.items()):
            section = (self.built.section().replace(t.enrollments, enrollments).replace(t.check_ins, check_ins))
            path = self._config(section, f"form-{number}.toml")
            makers.append((form, lambda path=path: open_tracker(load_config(path), "notion")))
        return makers

    # --- reviews: what a manager sees in the Program reviews database -----------------------------

    def review_text(self, post_id: str) -> str:
        return notion_page_text(self.api, post_id)

    def review_counts(self, post_id: str) -> dict[str, int] | None:
        from certsync.adapters.notion.reviews import COUNTS

        props = self.api.pages.retrieve(page_id=post_id)["properties"]
        return {name: int(props[name]["number"]) for name in COUNTS if props[name]["number"] is not None}

    def _reviews_source(self) -> str:
        return self.tracker.reviews.required()

    def add_person_review(self, text: str) -> None:
        """A manager adds a page to the reviews database, with a marker in its Ref."""
        person = next(iter(self.built.users.values()))
        self.sandbox.add_page_as(self._reviews_source(), person, {
            "Name": {"title": [{"type": "text", "text": {"content": "My notes"}}]},
            "Ref": {"rich_text": [{"type": "text", "text": {"content": text}}]}})

    def half_post(self, post: Any) -> str | None:
        """An interruption after the create call: the page holds its first blocks, no marker."""
        page_id, _, rest = self.tracker.reviews.begin(post)
        assert rest, "the review should need appends to be half-written"
        return page_id

    def reviews_visible(self) -> int:
        from notion_client.helpers import collect_paginated_api

        pages = collect_paginated_api(self.api.data_sources.query, data_source_id=self._reviews_source())
        return len([p for p in pages if not p.get("in_trash")])

    def team_update_text(self, update_id: str) -> str:
        raise AssertionError("Notion keeps no team updates")

    def close(self) -> None:
        self.tracker.close()
        self.built.close()


class AsanaDriver(Driver):
    kind = "asana"

    def __init__(self, sandbox: Any, folder: Path, monkeypatch: Any) -> None:
        from certsync.config.fields import AsanaCheckInFields, AsanaFields

        super().__init__()
        self.fields, self.check_in_fields = AsanaFields(), AsanaCheckInFields()
        monkeypatch.setenv(ASANA_TOKEN_ENV, sandbox.token)
        self.sandbox = sandbox
        self.folder = folder
        self.built = sample("asana", sandbox, self.program, ASANA_TOKEN_ENV)
        self.api = self.built.api
        self.template = self.built.template
        self.tasks = asana.TasksApi(self.api)
        self.stories = asana.StoriesApi(self.api)
        self.config_path = self._config(self.built.section(), "certsync.toml")
        open_tracker(load_config(self.config_path), "asana").provision()
        self.record_of = self.built.fill()
        self.tracker = self.fresh()

    def _config(self, section: str, name: str) -> Path:
        path = self.folder / name
        path.write_text(f'[program]\nname = "Sample"\ntimezone = "Europe/Berlin"\n\n{section}\n'
                        f'[sync]\nstate = "{name}.sqlite"\n')
        return path

    def _known(self, project: str):
        from certsync.adapters.asana.template import project_fields

        return project_fields(self.api, project)

    def fresh(self) -> Any:
        return open_tracker(load_config(self.config_path), "asana")

    def later(self) -> None:
        """Ten minutes pass: well beyond certsync's overlap."""
        self.sandbox.advance_clock(600)

    def add_check_in(self, check_in: CheckIn) -> str:
        from certsync.adapters.asana.template import check_in_data

        data = check_in_data(check_in, self.record_of, f"Check-in {check_in.id}", self.check_in_fields,
                             self._known(self.template.check_ins_project), self.template.check_ins_project)
        made = self.tasks.create_task({"data": data}, {"opt_fields": "name"})
        self.record_of[check_in.id] = made["gid"]
        return made["gid"]

    def edit_enrollment(self, sample_id: str, **values: Any) -> None:
        from certsync.adapters.asana.template import enrollment_data

        edited = self.enrollments[sample_id].model_copy(update=values)
        self.enrollments[sample_id] = edited
        known = self._known(self.template.project)
        data = enrollment_data(edited, self.fields, known, self.built.users, self.template.project)
        data.pop("projects")
        postponements = known.get(self.fields.postponements)
        if postponements is not None:
            data["custom_fields"].pop(postponements.gid, None)
        self.tasks.update_task({"data": data}, self.id(sample_id), {"opt_fields": "name"})

    def add_person_comment(self, sample_id: str, text: str) -> None:
        manager = self.enrollments[sample_id].manager
        self.sandbox.add_asana_comment_as(self.id(sample_id), self.built.users[manager.name], text)

    def delete(self, sample_id: str) -> None:
        self.tasks.delete_task(self.id(sample_id))

    def mentioned(self, record_id: str, comment_id: str) -> list[str]:
        import re

        story = self.stories.get_story(comment_id, {"opt_fields": "html_text"})
        return re.findall(r'data-asana-type="user" data-asana-gid="(\d+)"', story.get("html_text") or "")

    def own_user(self) -> str:
        return self.sandbox.asana_user_gid

    def remove_owned_field(self, name: str) -> None:
        import asana

        info = self._known(self.template.project).get(getattr(self.fields, name))
        asana.ProjectsApi(self.api).remove_custom_field_setting_for_project(
            {"data": {"custom_field": info.gid}}, self.template.project)

    def put_bad_outcomes(self, sample_id: str) -> bool:
        """A person adds an exam result option no one agreed on and picks it, and types attempts
        -1 and satisfaction 7."""
        import asana

        known = self._known(self.template.project)
        result = known.get(self.fields.exam_result)
        option = asana.CustomFieldsApi(self.api).create_enum_option_for_custom_field(
            result.gid, {"body": {"data": {"name": "Distinction", "color": "blue"}}})
        values = {result.gid: option["gid"], known.get(self.fields.attempts).gid: -1,
                  known.get(self.fields.satisfaction).gid: 7}
        self.tasks.update_task({"data": {"custom_fields": values}}, self.id(sample_id), {"opt_fields": "name"})
        return True

    def remove_sessions_field(self, key: str) -> bool:
        import asana

        from certsync.config.fields import AsanaSessionFields

        info = self._known(self.template.sessions_project).get(getattr(AsanaSessionFields(), key))
        asana.ProjectsApi(self.api).remove_custom_field_setting_for_project(
            {"data": {"custom_field": info.gid}}, self.template.sessions_project)
        return True

    def other_forms(self) -> list[tuple[str, Any]]:
        """The same tracker named by Asana URLs (old and new forms)."""
        t = self.template
        forms = {
            "project URLs": (f"https://app.asana.com/0/{t.project}/list",
                             f"https://app.asana.com/1/{t.workspace}/project/{t.check_ins_project}/list"),
        }
        makers = []
        for number, (form, (project, check_ins)) in enumerate(forms.items()):
            section = self.built.section().replace(f'"{t.project}"', f'"{project}"').replace(
                f'"{t.check_ins_project}"', f'"{check_ins}"')
            path = self._config(section, f"form-{number}.toml")
            makers.append((form, lambda path=path: open_tracker(load_config(path), "asana")))
        return makers

    # --- reviews: what a manager (or a follower) sees in Asana --------------------------------------

    def _reviews_project(self) -> str:
        from certsync.adapters.asana.reviews import PROJECT_NAME

        projects = asana.ProjectsApi(self.api).get_projects_for_workspace(self.template.workspace,
                                                                          {"opt_fields": "name"})
        return next(p["gid"] for p in projects if p["name"] == PROJECT_NAME)

    def review_text(self, post_id: str) -> str:
        """The task's name, then its notes as Asana gives them as plain text (a list item's bullet dropped)."""
        task = self.tasks.get_task(post_id, {"opt_fields": "name,notes"})
        return "\n".join([task["name"], *plain_lines(task["notes"])])

    def review_counts(self, post_id: str) -> dict[str, int] | None:
        return None  # Asana keeps the counts only in the review's text

    def add_person_review(self, text: str) -> None:
        """Grace Liu, a reader, adds a task carrying the text to the reviews project with her own token."""
        from certsync.adapters.asana.sample import sdk_client

        token = "grace-liu-token"
        self.sandbox.add_asana_user("Grace Liu", "grace.liu@example.com", token=token)
        person = sdk_client(self.sandbox.asana_url, token)
        asana.TasksApi(person).create_task({"data": {"name": "Notes for the review", "notes": text,
                                                     "projects": [self._reviews_project()]}}, {})

    def half_post(self, post: Any) -> str | None:
        return None  # Asana creates a review's task, name and notes, in one request

    def reviews_visible(self) -> int:
        return len(list(self.tasks.get_tasks_for_project(self._reviews_project(), {"opt_fields": "name"})))

    def team_update_text(self, update_id: str) -> str:
        update = asana.StatusUpdatesApi(self.api).get_status(update_id, {"opt_fields": "title,text"})
        return "\n".join([update["title"], *plain_lines(update["text"])])

    def close(self) -> None:
        self.tracker.close()
        self.built.close()


