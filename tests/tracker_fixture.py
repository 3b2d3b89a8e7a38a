"""A tracker built from the reference template in the sandbox, holding the sample program.

Loaded as a pytest plugin by tests/conftest.py, so every test folder can use `tracker`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from notion_client import Client

from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.sync.run import run_pass
from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

TOKEN_ENV = "CERTSYNC_TEST_NOTION_TOKEN"


@dataclass
class Tracker:
    sandbox: object
    api: Client
    template: object
    config_path: Path
    pages: dict[str, str]  # sample ids -> page ids

    def config(self):
        return load_config(self.config_path)

    def sync(self, **kwargs):
        kwargs.setdefault("today", SAMPLE_TODAY)
        return run_pass(self.config(), **kwargs)

    def page(self, sample_id: str) -> dict:
        return self.api.pages.retrieve(page_id=self.pages[sample_id])

    def comments(self, sample_id: str) -> list[dict]:
        return self.api.comments.list(block_id=self.pages[sample_id], page_size=100)["results"]

    def writes(self) -> dict[str, int]:
        """Successful requests by route, from the sandbox's own count."""
        counts: dict[str, int] = {}
        for row in self.sandbox.stats()["requests"]:
            if row["status"] < 300:
                key = f"{row['method']} {row['route']}"
                counts[key] = counts.get(key, 0) + row["count"]
        return counts


def write_config(folder: Path, section: str, extra: str = "") -> Path:
    path = folder / "certsync.toml"
    path.write_text(f"""
[program]
name = "Sample"
timezone = "Europe/Berlin"

{section}
[sync]
state = "state.sqlite"
{extra}
""")
    return path


@pytest.fixture
def tracker(sandbox, tmp_path, monkeypatch) -> Tracker:
    monkeypatch.setenv(TOKEN_ENV, sandbox.token)
    built = sample("notion", sandbox, sample_program(), TOKEN_ENV)
    config_path = write_config(tmp_path, built.section())
    open_tracker(load_config(config_path), "notion").provision()
    pages = built.fill()
    sandbox.reset_stats()
    yield Tracker(sandbox, built.api, built.template, config_path, pages)
    built.close()


# --- the same program in either tool: for the end-to-end tests of the pass on both -----------------

ASANA_TOKEN_ENV = "CERTSYNC_TEST_ASANA_TOKEN"


class Delegate:
    """A tracker that behaves as `inner` except where a test overrides a method (a crash, say)."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)


class ToolTracker:
    """The sample program in one tool's sandbox, seen the way a person in the tool sees it.

    `owned(sample_id)` is (status, flags, postponements, last synced, sync problem) as the tool
    holds them; `alerts(sample_id)` the texts of certsync's alerts there. Flags are named as the
    rules name them (Notion's option names without commas are mapped back)."""

    kind: str
    token_env: str

    def __init__(self, sandbox, folder: Path, monkeypatch) -> None:
        monkeypatch.setenv(self.token_env, sandbox.token)
        self.sandbox = sandbox
        self.built = sample(self.kind, sandbox, sample_program(), self.token_env)
        self.config_path = write_config(folder, self.built.section())
        open_tracker(load_config(self.config_path), self.kind).provision()
        self.records = self.built.fill()
        sandbox.reset_stats()

    def config(self):
        return load_config(self.config_path)

    def sync(self, **kwargs):
        kwargs.setdefault("today", SAMPLE_TODAY)
        return run_pass(self.config(), **kwargs)

    def adapter(self, **options):
        config = self.config()
        if self.kind == "notion":
            from certsync.adapters.notion.tracker import NotionTracker

            return NotionTracker(config.notion, config.notion.token(), **options)
        from certsync.adapters.asana.tracker import AsanaTracker

        return AsanaTracker(config.asana, config.asana.token(), **options)

    def routes(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.sandbox.stats()["requests"]:
            if row["status"] < 300:
                key = f"{row['method']} {row['route']}"
                counts[key] = counts.get(key, 0) + row["count"]
        return counts

    def record_writes(self) -> int:
        return self.routes().get(self.WRITE_ROUTE, 0)

    def comment_posts(self) -> int:
        return self.routes().get(self.COMMENT_ROUTE, 0)

    def close(self) -> None:
        self.built.close()


class NotionTool(ToolTracker):
    kind, token_env = "notion", TOKEN_ENV
    WRITE_ROUTE, COMMENT_ROUTE = "PATCH /v1/pages/{page_id}", "POST /v1/comments"

    @property
    def api(self):
        return self.built.api

    def page(self, sample_id):
        return self.api.pages.retrieve(page_id=self.records[sample_id])

    def owned(self, sample_id):
        from certsync.adapters.notion import values as read

        p = self.page(sample_id)["properties"]
        return ((p["Status"]["select"] or {}).get("name"),
                frozenset(o["name"].replace(" –", ",") for o in p["Flags"]["multi_select"]),
                p["Postponements"]["number"], (p["Last synced"]["date"] or {}).get("start"),
                read.text(p["Sync problem"]))

    def summary(self, sample_id):
        """(weeks completed, hours last week, hours vs plan, latest score %, score trend, projected ready)."""
        from certsync.adapters.notion import values as read

        p = self.page(sample_id)["properties"]
        shown = p["Latest score"]["number"]  # a percent-formatted number holds a fraction
        ready = (p["Projected ready"]["date"] or {}).get("start")
        return (p["Weeks completed"]["number"], p["Hours last week"]["number"], p["Hours vs plan"]["number"],
                None if shown is None else round(shown * 100, 4), read.text(p["Score trend"]) or None, ready)

    def alerts(self, sample_id):
        listed = self.api.comments.list(block_id=self.records[sample_id], page_size=100)["results"]
        return ["".join(part["plain_text"] for part in c["rich_text"]) for c in listed
                if c["created_by"]["id"] == self.sandbox.bot_user_id]

    def mentioned(self, sample_id):
        listed = self.api.comments.list(block_id=self.records[sample_id], page_size=100)["results"]
        return [p["mention"]["user"]["id"] for c in listed for p in c["rich_text"]
                if p["type"] == "mention" and p["mention"]["type"] == "user"]

    def user(self, name):
        return self.built.users[name]

    def set_exam(self, sample_id, day):
        self.api.pages.update(page_id=self.records[sample_id], properties={"Exam date": {"date": {"start": day}}})

    def set_postponements(self, sample_id, count):
        self.api.pages.update(page_id=self.records[sample_id], properties={"Postponements": {"number": count}})

    def set_hours(self, check_in_id, hours):
        self.api.pages.update(page_id=self.records[check_in_id], properties={"Hours": {"number": hours}})

    def set_confidence(self, check_in_id, value):
        self.api.pages.update(page_id=self.records[check_in_id], properties={"Confidence": {"number": value}})

    def delete(self, sample_id):
        self.api.pages.update(page_id=self.records[sample_id], in_trash=True)

    def add_check_in(self, sample_id, week_of, **numbers):
        """A check-in of the enrollment `sample_id` as a person makes it (Hours=4, Confidence=9...)."""
        properties = {"Name": {"title": [{"type": "text", "text": {"content": "late entry"}}]},
                      "Enrollment": {"relation": [{"id": self.records[sample_id]}]},
                      "Week of": {"date": {"start": week_of}},
                      **{name: {"number": value} for name, value in numbers.items()}}
        self.api.pages.create(parent={"type": "data_source_id", "data_source_id": self.built.template.check_ins},
                              properties=properties)

    def refuse_writes(self, refused: bool = True):
        self.sandbox.set_capabilities(update_content=not refused)

    def set_client_rate(self, per_second: float):
        text = self.config_path.read_text().replace("requests_per_second = 1000", f"requests_per_second = {per_second}")
        self.config_path.write_text(text)


class AsanaTool(ToolTracker):
    kind, token_env = "asana", ASANA_TOKEN_ENV
    PREFIX = "/asana/api/1.0"
    WRITE_ROUTE, COMMENT_ROUTE = f"PUT {PREFIX}/tasks/{{task_gid}}", f"POST {PREFIX}/tasks/{{task_gid}}/stories"

    def __init__(self, sandbox, folder: Path, monkeypatch) -> None:
        import asana

        super().__init__(sandbox, folder, monkeypatch)
        self.tasks = asana.TasksApi(self.built.api)
        self.stories = asana.StoriesApi(self.built.api)

    def _fields(self, project):
        from certsync.adapters.asana.template import project_fields

        return project_fields(self.built.api, project)

    def task(self, sample_id):
        return self.tasks.get_task(self.records[sample_id], {})

    def owned(self, sample_id):
        values = {v["name"]: v for v in self.task(sample_id)["custom_fields"]}
        status = (values["Status"].get("enum_value") or {}).get("name")
        flags = frozenset(o["name"] for o in values["Flags"].get("multi_enum_values") or [])
        count = values["Postponements"].get("number_value")
        synced = (values["Last synced"].get("date_value") or {}).get("date")
        return status, flags, None if count is None else int(count), synced, values["Sync problem"].get("text_value") or ""

    def summary(self, sample_id):
        """(weeks completed, hours last week, hours vs plan, latest score %, score trend, projected ready)."""
        values = {v["name"]: v for v in self.task(sample_id)["custom_fields"]}
        shown = values["Latest score"].get("number_value")  # a percentage field holds a fraction
        return (values["Weeks completed"].get("number_value"), values["Hours last week"].get("number_value"),
                values["Hours vs plan"].get("number_value"), None if shown is None else round(shown * 100, 4),
                values["Score trend"].get("text_value") or None,
                (values["Projected ready"].get("date_value") or {}).get("date"))

    def _comments(self, sample_id):
        listed = self.stories.get_stories_for_task(self.records[sample_id], {"opt_fields": "type,text,html_text,created_by"})
        return [s for s in listed if s["type"] == "comment" and (s.get("created_by") or {}).get("gid") ==
                self.sandbox.asana_user_gid]

    def alerts(self, sample_id):
        return [s["text"] for s in self._comments(sample_id)]

    def mentioned(self, sample_id):
        import re

        return [gid for s in self._comments(sample_id)
                for gid in re.findall(r'data-asana-type="user" data-asana-gid="(\d+)"', s.get("html_text") or "")]

    def user(self, name):
        return self.built.users[name]

    def _set(self, sample_id, project, name, value):
        info = self._fields(project).get(name)
        self.tasks.update_task({"data": {"custom_fields": {info.gid: value}}}, self.records[sample_id], {})

    def set_exam(self, sample_id, day):
        self._set(sample_id, self.built.template.project, "Exam date", {"date": day})

    def set_postponements(self, sample_id, count):
        self._set(sample_id, self.built.template.project, "Postponements", count)

    def set_hours(self, check_in_id, hours):
        self._set(check_in_id, self.built.template.check_ins_project, "Hours", hours)

    def set_confidence(self, check_in_id, value):
        self._set(check_in_id, self.built.template.check_ins_project, "Confidence", value)

    def delete(self, sample_id):
        self.tasks.delete_task(self.records[sample_id])

    def add_check_in(self, sample_id, week_of, **numbers):
        """A subtask check-in of the enrollment `sample_id`, filed in the check-ins project too."""
        project = self.built.template.check_ins_project
        known = self._fields(project)
        values = {known.get("Week of").gid: {"date": week_of},
                  **{known.get(name).gid: value for name, value in numbers.items()}}
        self.tasks.create_task({"data": {"name": "late entry", "parent": self.records[sample_id], "projects": [project],
                                         "custom_fields": values}}, {})

    def refuse_writes(self, refused: bool = True):
        """Every owned field restricted: writing its value answers 403 (comments still allowed)."""
        known = self._fields(self.built.template.project)
        for name in ("Status", "Flags", "Flag details", "Postponements", "Last synced", "Sync problem"):
            self.sandbox.restrict_asana_field(known.get(name).gid, refused)

    def set_client_rate(self, per_second: float):
        text = self.config_path.read_text().replace("requests_per_minute = 60000",
                                                    f"requests_per_minute = {int(per_second * 60)}")
        self.config_path.write_text(text)


@pytest.fixture(params=["notion", "asana"])
def any_tracker(request, sandbox, tmp_path, monkeypatch) -> ToolTracker:
    """The sample program in Notion, then in Asana: for tests of what holds on every tool."""
    tool = (NotionTool if request.param == "notion" else AsanaTool)(sandbox, tmp_path, monkeypatch)
    yield tool
    tool.close()
