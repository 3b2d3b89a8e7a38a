"""Builders for tests of reminder rounds on a tracker (memory, or the Notion or Asana sandbox).

The program is the bundled sample (12 engineers, a 12-week study plan per certification and one
personal row for Sofia's week 8, Priya's practice exams on 24 Nov and 5 Dec) with two changes:
every engineer has a person id (the memory tracker mentions by id; on Notion and Asana they are
sandbox users), and Jonas (enr-10) has switched reminders off. Its check-ins are not in the tracker at
the start: each is submitted at its own moment (`submitted_at`) as the walk reaches it.

`Rhythm` moves certsync's "now" and, on Notion and Asana, the sandbox clock together, runs rounds and
reads back the reminders open on each record as people see them. What the tests expect is worked
out here from the program itself (`expected_at`), not from the rules' code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from certsync.adapters import markers
from certsync.adapters.memory import MemoryTracker
from certsync.config import load_config
from certsync.rules.model import CheckIn, Enrollment, Person, Program
from certsync.sync.remind import RemindReport, run_reminders
from certsync.sync.sample_program import PLAN_WEEKS, sample_program

BERLIN = ZoneInfo("Europe/Berlin")
OPTED_OUT = "enr-10"  # Jonas Berg switched reminders off
CERTIFIED = "enr-11"  # Elena Petrova
KINDS = ("friday-update", "monday-goals", "practice-exam")
PERSONAL = {("enr-03", 8): ("Catch up on storage accounts (missed in week 7)", "One hands-on lab on storage",
                            "Quiz of 15 questions")}
TOKEN_ENV = "CERTSYNC_TEST_NOTION_TOKEN"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def user_id(name: str) -> str:
    return "u-" + name.lower().replace(" ", "-").replace("'", "")


def rhythm_program() -> Program:
    program = sample_program()
    enrollments = tuple(e.model_copy(update={
        "engineer": Person(id=user_id(e.engineer.name), name=e.engineer.name) if e.engineer else None,
        "reminders_off": e.id == OPTED_OUT}) for e in program.enrollments)
    return program.model_copy(update={"enrollments": enrollments})


def submitted_at(check_in: CheckIn) -> datetime:
    """When the engineer fills in the form: even-numbered enrollments on Thursday evening (before
    Friday's reminder), odd ones on Friday at 18:00 (after it); a check-in dated earlier in the
    week (Aisha's Monday one, say) on its day."""
    monday = check_in.week_of - timedelta(days=check_in.week_of.weekday())
    number = int(check_in.enrollment_id[4:])
    if check_in.week_of.weekday() < 3:
        return at(check_in.week_of, 20)
    return at(monday + timedelta(days=3), 20) if number % 2 == 0 else at(monday + timedelta(days=4), 18)


# --- what a person expects, from the program --------------------------------------------------------


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def active(e: Enrollment, day: date) -> bool:
    return (not e.reminders_off and not e.certified and e.study_start is not None and e.study_start <= day
            and (e.exam_date is None or e.exam_date >= day))


def plan_week(e: Enrollment, day: date) -> int:
    return (monday_of(day) - monday_of(e.study_start)).days // 7 + 1


def goals_of(e: Enrollment, week: int) -> tuple[str, str, str] | None:
    if (e.id, week) in PERSONAL:
        return PERSONAL[(e.id, week)]
    return PLAN_WEEKS[week - 1] if 1 <= week <= len(PLAN_WEEKS) else None


def practice_exams(e: Enrollment) -> list[date]:
    return sorted({d for d in (e.diagnostic_exam, e.midpoint_exam, e.final_exam) if d})


def expected_at(moment: datetime, program: Program) -> set[tuple[str, str]]:
    """(enrollment, kind) of every reminder whose moment is exactly `moment` (Berlin local time)."""
    day, clock = moment.date(), (moment.hour, moment.minute)
    due: set[tuple[str, str]] = set()
    for e in program.enrollments:
        if not active(e, day):
            continue
        if day.weekday() == 4 and clock == (15, 0):
            reported = any(c.enrollment_id == e.id and monday_of(c.week_of) == monday_of(day)
                           and submitted_at(c) <= moment for c in program.check_ins)
            if not reported:
                due.add((e.id, "friday-update"))
        if day.weekday() == 0 and clock == (9, 0) and goals_of(e, plan_week(e, day)):
            due.add((e.id, "monday-goals"))
        if clock == (9, 0) and day + timedelta(days=1) in practice_exams(e):
            due.add((e.id, "practice-exam"))
    return due


def check_text(e: Enrollment, kind: str, text: str, moment: datetime) -> list[str]:
    """What is wrong with a reminder's text for `e` sent at `moment` (empty when right)."""
    wrong = []
    if kind == "friday-update" and not text.startswith("Submit your weekly progress update"):
        wrong.append(f"{e.id} {kind}: {text!r}")
    if kind == "monday-goals":
        week = plan_week(e, moment.date())
        goals = goals_of(e, week)
        if f"week {week} " not in text or any(g not in text for g in goals):
            wrong.append(f"{e.id} {kind} week {week}: {text!r}")
        if (e.id, week) in PERSONAL and PLAN_WEEKS[week - 1][0] in text:
            wrong.append(f"{e.id} {kind}: the certification's row instead of the personal one")
    if kind == "practice-exam" and "scheduled for tomorrow" not in text:
        wrong.append(f"{e.id} {kind}: {text!r}")
    return wrong


# --- the trackers -----------------------------------------------------------------------------------


def write_config(folder: Path, section: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "certsync.toml"
    path.write_text(f'[program]\nname = "Sample"\ntimezone = "Europe/Berlin"\n\n{section}\n'
                    f'[sync]\nstate = "state.sqlite"\n{extra}\n')
    return path


MEMORY_SECTION = '[notion]\nenrollments = "11111111111111111111111111111111"\ncheck_ins = "22222222222222222222222222222222"\n'


@dataclass
class OpenReminder:
    kind: str
    marker: str
    text: str
    mention: str | None  # the person's id, as the tracker names them


@dataclass
class Rhythm:
    """A tracker holding the rhythm program, "now", and the rounds run so far."""

    kind: str
    folder: Path
    program: Program
    now: datetime
    tracker: Any = None  # the memory tracker (Notion, Asana: opened anew for each round, as `remind` does)
    sandbox: Any = None
    api: Any = None  # a notion_client.Client, or an asana.ApiClient
    pages: dict[str, str] = field(default_factory=dict)  # sample id -> Notion page id or Asana task gid
    users: dict[str, str] = field(default_factory=dict)  # person name -> the tracker's id
    pending: list[CheckIn] = field(default_factory=list)
    config_path: Path | None = None
    template: Any = None

    def config(self):
        return load_config(self.config_path)

    def move_to(self, when: datetime) -> None:
        """Move "now" (and the sandbox clock with it) forward, submitting the check-ins due by then."""
        seconds = (when.astimezone(UTC) - self.now.astimezone(UTC)).total_seconds()  # across DST too
        assert seconds >= 0, "time only moves forward"
        if self.sandbox is not None and seconds:
            self.sandbox.advance_clock(seconds)
        self.now = when
        for c in [c for c in self.pending if submitted_at(c) <= when]:
            self.pending.remove(c)
            self.submit(c)

    def submit(self, check_in: CheckIn) -> None:
        if self.kind == "memory":
            self.tracker.put_check_in(check_in)
            return
        if self.kind == "asana":
            import asana

            from certsync.adapters.asana.template import check_in_data, project_fields
            from certsync.config.fields import AsanaCheckInFields

            project = self.template.check_ins_project
            data = check_in_data(check_in, self.pages, f"{check_in.id}", AsanaCheckInFields(),
                                 project_fields(self.api, project), project)
            self.pages[check_in.id] = asana.TasksApi(self.api).create_task({"data": data}, {"opt_fields": "name"})["gid"]
            return
        from certsync.adapters.notion.template import check_in_properties
        from certsync.config.fields import NotionCheckInFields

        page = self.api.pages.create(parent={"type": "data_source_id", "data_source_id": self.template.check_ins},
                                     properties=check_in_properties(check_in, self.pages, f"{check_in.id}",
                                                                    NotionCheckInFields()))
        self.pages[check_in.id] = page["id"]

    def switch_reminders_off(self, sample_id: str) -> None:
        """The engineer sets their own Reminders off field (Asana: the enum to Yes)."""
        if self.kind == "memory":
            record = self.tracker.enrollments[sample_id]
            self.tracker.put_enrollment(record.enrollment.model_copy(update={"reminders_off": True}))
        elif self.kind == "notion":
            self.api.pages.update(page_id=self.pages[sample_id], properties={"Reminders off": {"checkbox": True}})
        else:
            import asana

            from certsync.adapters.asana.template import project_fields

            info = project_fields(self.api, self.template.project).get("Reminders off")
            asana.TasksApi(self.api).update_task({"data": {"custom_fields": {info.gid: info.options["Yes"]}}},
                                                 self.pages[sample_id], {"opt_fields": "name"})

    def open_tracker(self):
        if self.kind == "memory":
            return self.tracker
        from certsync.adapters.registry import open_tracker

        return open_tracker(self.config(), self.kind)

    def round(self, config=None, **options) -> RemindReport:
        options.setdefault("now", self.now)
        return run_reminders(config or self.config(), tracker=self.open_tracker(), **options)

    def sid(self, record_id: str) -> str:
        """The sample's id (enr-01) of a record id the tracker gives (a Notion page id, an Asana task gid)."""
        if self.kind == "memory":
            return record_id
        if not hasattr(self, "_sids"):
            self._sids = {v.replace("-", ""): k for k, v in self.pages.items()}
        return self._sids[record_id.replace("-", "")]

    def sent(self, report: RemindReport, kind: str | None = None, posted: bool = True) -> dict[str, Any]:
        """{sample id: Sent} of the report's reminders (of `kind`) that were posted (or all)."""
        return {self.sid(s.reminder.enrollment_id): s for s in report.sent
                if (kind is None or s.reminder.kind.value == kind) and (s.posted or not posted)}

    def person_id(self, e: Enrollment) -> str:
        return e.engineer.id if self.kind == "memory" else self.users[e.engineer.name]

    def open_reminders(self, enrollment_id: str) -> list[OpenReminder]:
        """certsync's reminders on a record, as a person sees them."""
        found = []
        if self.kind == "memory":
            for c in self.tracker.stored_comments:
                parsed = markers.parse(c.text) if c.record_id == enrollment_id and c.author == "certsync" else None
                if parsed and parsed[0].startswith("reminder-"):
                    found.append(OpenReminder(parsed[0][len("reminder-"):], parsed[1], c.text, c.mention))
            return found
        if self.kind == "asana":
            return self._asana_reminders(enrollment_id)
        mine = self.sandbox.bot_user_id
        for c in self.api.comments.list(block_id=self.pages[enrollment_id], page_size=100)["results"]:
            if c["created_by"]["id"] != mine:
                continue
            text = "".join(p["plain_text"] for p in c["rich_text"])
            parsed = markers.parse(text)
            if parsed and parsed[0].startswith("reminder-"):
                mention = next((p["mention"]["user"]["id"] for p in c["rich_text"] if p["type"] == "mention"), None)
                found.append(OpenReminder(parsed[0][len("reminder-"):], parsed[1], text, mention))
        return found

    def _asana_reminders(self, enrollment_id: str) -> list[OpenReminder]:
        """certsync's comments (stories by its own user) on the task; the mention is the user
        link in the story's html_text."""
        import re

        import asana

        found = []
        stories = asana.StoriesApi(self.api).get_stories_for_task(
            self.pages[enrollment_id], {"opt_fields": "text,html_text,created_by.gid,resource_subtype"})
        for s in stories:
            if s.get("resource_subtype") != "comment_added" or (s.get("created_by") or {}).get("gid") != \
                    self.sandbox.asana_user_gid:
                continue
            parsed = markers.parse(s.get("text") or "")
            if parsed and parsed[0].startswith("reminder-"):
                mention = re.search(r'data-asana-gid="(\d+)"', s.get("html_text") or "")
                found.append(OpenReminder(parsed[0][len("reminder-"):], parsed[1], s["text"],
                                          mention.group(1) if mention else None))
        return found

    def close(self) -> None:
        if self.kind == "asana":
            self.api.rest_client.pool_manager.clear()
        elif self.api is not None:
            self.api.close()


def memory_rhythm(folder: Path, now: datetime, program: Program | None = None) -> Rhythm:
    program = program or rhythm_program()
    tracker = MemoryTracker("rhythm")
    tracker.add_program(program.model_copy(update={"check_ins": ()}))
    tracker.plan_rows = list(program.study_plan)
    return Rhythm("memory", folder, program, now, tracker=tracker, pending=list(program.check_ins),
                  config_path=write_config(folder, MEMORY_SECTION))


def notion_rhythm(folder: Path, now: datetime, sandbox, monkeypatch, program: Program | None = None) -> Rhythm:
    from certsync.adapters.registry import open_tracker, sample

    program = program or rhythm_program()
    monkeypatch.setenv(TOKEN_ENV, sandbox.token)
    built = sample("notion", sandbox, program.model_copy(update={"check_ins": ()}), TOKEN_ENV)
    config_path = write_config(folder, built.section())
    open_tracker(load_config(config_path), "notion").provision()
    pages = built.fill()
    sandbox.reset_stats()
    return Rhythm("notion", folder, program, now, sandbox=sandbox, api=built.api, pages=pages, users=built.users,
                  pending=list(program.check_ins), config_path=config_path, template=built.template)


def asana_rhythm(folder: Path, now: datetime, sandbox, monkeypatch, program: Program | None = None) -> Rhythm:
    """The rhythm program in the Asana sandbox, through the real `asana` SDK (the engineers are
    the tasks' assignees and workspace members)."""
    from certsync.adapters.registry import open_tracker, sample
    from tracker_fixture import ASANA_TOKEN_ENV

    program = program or rhythm_program()
    monkeypatch.setenv(ASANA_TOKEN_ENV, sandbox.token)
    built = sample("asana", sandbox, program.model_copy(update={"check_ins": ()}), ASANA_TOKEN_ENV)
    config_path = write_config(folder, built.section())
    open_tracker(load_config(config_path), "asana").provision()
    tasks = built.fill()
    sandbox.reset_stats()
    return Rhythm("asana", folder, program, now, sandbox=sandbox, api=built.api, pages=tasks, users=built.users,
                  pending=list(program.check_ins), config_path=config_path, template=built.template)


# --- the fixture --------------------------------------------------------------------------------------

import pytest  # noqa: E402

TRACKERS = ["memory", "notion", "asana"]
# Tests whose own helpers write to the tracker the Notion way (r.api.pages...): on Asana, the same
# story is told by a test of its own, through `Rhythm`.


@pytest.fixture(params=TRACKERS)
def rhythm(request, tmp_path, monkeypatch):
    """make(now) -> a Rhythm on the memory tracker or on the Notion or Asana sandbox, starting at `now`.
    The sandbox clock is shared by the process: it is put back afterwards."""
    from certsync.sandbox.core.clock import Clock

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    made: list[Rhythm] = []
    offset = Clock.offset

    def make(now: datetime, program: Program | None = None) -> Rhythm:
        if request.param == "memory":
            made.append(memory_rhythm(tmp_path, now, program))
        elif request.param == "asana":
            made.append(asana_rhythm(tmp_path, now, request.getfixturevalue("sandbox"), monkeypatch, program))
        else:
            made.append(notion_rhythm(tmp_path, now, request.getfixturevalue("sandbox"), monkeypatch, program))
        return made[-1]

    yield make
    for r in made:
        r.close()
    Clock.offset = offset
