"""The tables of certsync.toml: [program], [policy], [notion], [asana], [sync]."""

from __future__ import annotations

import os
import zoneinfo
from datetime import time
from collections.abc import Mapping
from copy import copy
from typing import ClassVar

from pydantic import Field, PrivateAttr, SecretStr, create_model, model_validator

from certsync.config.errors import ConfigError, Problem
from certsync.config.fields import (
    AsanaCheckInFields, AsanaFields, AsanaSessionFields, AsanaStudyPlanFields, NotionCheckInFields, NotionFields,
    NotionSessionFields, NotionStudyPlanFields,
)
from certsync.config.section import Section
from certsync.config.values import (
    AsanaGid, BaseUrl, EnvVarName, FilePath, LocalTime, NonBlank, NotionId, TimeZoneName, WeekdayName, invalid,
)
from certsync.rules.policy import Policy

NOTION_API = "https://api.notion.com"
ASANA_API = "https://app.asana.com/api/1.0"


class ProgramSection(Section):
    """[program]: what the program is called and whose calendar its weeks follow."""

    name: NonBlank = Field(description="The program's name, shown in output and comments.")
    timezone: TimeZoneName = Field(
        default="UTC", description="IANA time zone of the program: weeks run Monday to Sunday there."
    )
    budget: float | None = Field(default=None, ge=0,
                                 description="The program's budget, which the monthly review holds tracked costs against.")
    checkin_deadline: WeekdayName = Field(
        default="friday",  # validated into Weekday.FRIDAY; a name here keeps the schema's default readable
        validate_default=True,
        description="Weekday (case-insensitive) whose end makes a week due: its check-in is expected by then.",
    )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class _PolicyChecks(Section):
    @model_validator(mode="after")
    def _band_in_order(self):
        low, high = self.plateau_low, self.plateau_high  # type: ignore[attr-defined]
        if high < low:
            raise invalid(expected=f"a number at least plateau_low ({low:g})", key="plateau_high", found=f"{high:g}")
        return self


def _policy_section() -> type[Section]:
    """[policy] has every threshold of `rules.policy.Policy`, with its defaults and limits,
    except `checkin_deadline`, which lives in [program]."""
    fields = {
        name: (info.annotation, copy(info))
        for name, info in Policy.model_fields.items()
        if name != "checkin_deadline"
    }
    return create_model(  # type: ignore[call-overload]
        "PolicySection",
        __base__=_PolicyChecks,
        __doc__="[policy]: the thresholds of the early-warning rules; every key is optional.",
        __module__=__name__,
        **fields,
    )


PolicySection = _policy_section()


class TrackerSection(Section):
    """What every tracker table has: where the API is, the token's variable, the rate."""

    section: ClassVar[str]
    _file: str = PrivateAttr(default="")

    def secret(self, environ: Mapping[str, str] | None = None) -> SecretStr:
        """The API token from the environment variable `token_env`; ConfigError if unset."""
        env = os.environ if environ is None else environ
        value = env.get(self.token_env, "").strip()  # type: ignore[attr-defined]
        if not value:
            raise ConfigError([token_problem(self._file, self.section, self.token_env)])  # type: ignore[attr-defined]
        if not (value.isascii() and value.isprintable()) or any(ch.isspace() for ch in value):
            raise ConfigError([Problem(
                file=self._file, key=f"{self.section}.token_env",  # type: ignore[attr-defined]
                message=(f"{self.token_env} holds characters no token has (a space, a quote pasted with it, "  # type: ignore[attr-defined]
                         "a letter outside ASCII): set it to the token alone"))])
        return SecretStr(value)

    def token(self, environ: Mapping[str, str] | None = None) -> str:
        """The API token as text, for the SDK client. Never log it."""
        return self.secret(environ).get_secret_value()


def token_problem(file: str, section: str, token_env: str) -> Problem:
    tool = {"notion": "Notion", "asana": "Asana"}[section]
    return Problem(
        file=file,
        key=f"{section}.token_env",
        message=(
            f"{token_env} is not set: certsync reads the {tool} token from this environment variable "
            f"(set [{section}] token_env to use another)"
        ),
    )


class NotionSection(TrackerSection):
    """[notion]: the tracker is a pair of Notion databases (their data sources)."""

    section: ClassVar[str] = "notion"

    enrollments: NotionId = Field(description="The Enrollments data source: its id, its database's id, or a Notion URL.")
    check_ins: NotionId = Field(description="The Check-ins data source: its id, its database's id, or a Notion URL.")
    base_url: BaseUrl = Field(
        default=NOTION_API, description="API root without /v1; point it at the sandbox to try certsync locally."
    )
    token_env: EnvVarName = Field(
        default="NOTION_TOKEN", description="Environment variable holding the integration token."
    )
    requests_per_second: float = Field(
        default=3.0, gt=0, description="Client-side rate limit; Notion's documented average is 3 requests/second."
    )
    study_plan: NotionId | None = Field(
        default=None, description="The optional Study plan data source (week-by-week deliverables), in the same forms.")
    fields: NotionFields = Field(default=NotionFields(), description="Enrollments field names.")
    check_in_fields: NotionCheckInFields = Field(default=NotionCheckInFields(), description="Check-ins field names.")
    study_plan_fields: NotionStudyPlanFields = Field(default=NotionStudyPlanFields(),
                                                     description="Study plan field names.")
    sessions: NotionId | None = Field(
        default=None, description="The optional Sessions data source (a cohort's meetings and who attended), "
                                  "in the same forms.")
    sessions_fields: NotionSessionFields = Field(default=NotionSessionFields(), description="Sessions field names.")

    @model_validator(mode="after")
    def _distinct_sources(self) -> NotionSection:
        if self.enrollments == self.check_ins:
            raise invalid(expected="the Check-ins data source, not the Enrollments one", key="check_ins",
                          found="the same id as enrollments")
        if self.study_plan is not None and self.study_plan in (self.enrollments, self.check_ins):
            raise invalid(expected="the Study plan data source", key="study_plan",
                          found="the same id as " + ("enrollments" if self.study_plan == self.enrollments else "check_ins"))
        others = {self.enrollments: "enrollments", self.check_ins: "check_ins", self.study_plan: "study_plan"}
        if self.sessions is not None and self.sessions in others:
            raise invalid(expected="the Sessions data source", key="sessions",
                          found=f"the same id as {others[self.sessions]}")
        if str(self.base_url).rstrip("/").endswith("/v1"):
            raise invalid(expected="the API root without /v1 (certsync adds it)", key="base_url",
                          found=str(self.base_url))
        return self

    def summary_lines(self) -> list[tuple[str, str]]:
        """How `certsync check` shows this tracker."""
        plan = f", study plan {self.study_plan}" if self.study_plan else ""
        plan += f", sessions {self.sessions}" if self.sessions else ""
        return [("Notion", f"enrollments {self.enrollments}, check-ins {self.check_ins}{plan}"),
                ("", f"API {self.base_url}, token from ${self.token_env}, {self.requests_per_second:g} requests/s")]


class AsanaSection(TrackerSection):
    """[asana]: the tracker is an Asana project of enrollments and one of check-ins."""

    section: ClassVar[str] = "asana"

    project: AsanaGid = Field(description="The enrollments project: its gid or URL.")
    check_ins_project: AsanaGid = Field(description="The check-ins project (where the form creates tasks): gid or URL.")
    base_url: BaseUrl = Field(default=ASANA_API, description="API root; point it at the sandbox to try certsync locally.")
    token_env: EnvVarName = Field(
        default="ASANA_ACCESS_TOKEN", description="Environment variable holding the personal access token."
    )
    requests_per_minute: int = Field(
        default=1500, ge=1,
        description="Client-side rate limit; Asana allows 1,500 requests/minute on paid plans, 150 on a free workspace.",
    )
    fields: AsanaFields = Field(default=AsanaFields(), description="Enrollment custom field names.")
    check_in_fields: AsanaCheckInFields = Field(default=AsanaCheckInFields(), description="Check-in custom field names.")
    study_plan_project: AsanaGid | None = Field(
        default=None, description="The optional study plan project (the week's three deliverables): gid or URL.")
    study_plan_fields: AsanaStudyPlanFields = Field(default=AsanaStudyPlanFields(),
                                                    description="Study plan custom field names.")
    sessions_project: AsanaGid | None = Field(
        default=None, description="The optional sessions project (one task per meeting of a cohort, with who "
                                  "attended): gid or URL.")
    sessions_fields: AsanaSessionFields = Field(default=AsanaSessionFields(), description="Sessions custom field names.")

    def summary_lines(self) -> list[tuple[str, str]]:
        """How `certsync check` shows this tracker."""
        return [("Asana", f"project {self.project}, check-ins project {self.check_ins_project}"),
                ("", f"API {self.base_url}, token from ${self.token_env}, {self.requests_per_minute:,} requests/minute")]


class RemindersSection(Section):
    """[reminders]: when the program's reminders go (local times of [program] timezone), and which."""

    update: bool = Field(default=True, description="The weekly update reminder, to engineers whose week has no check-in yet.")
    update_day: WeekdayName | None = Field(default=None,
                                           description="Day of the update reminder; default: the check-in deadline day.")
    update_at: LocalTime = Field(default=time(15, 0), description="Time of the update reminder.")
    form_url: NonBlank | None = Field(default=None, description="The check-in form's link, added to the update reminder.")
    goals: bool = Field(default=True, description="The week's study goals from the study plan, on Monday.")
    goals_day: WeekdayName = Field(default="monday", validate_default=True, description="Day of the study goals reminder.")
    goals_at: LocalTime = Field(default=time(9, 0), description="Time of the study goals reminder.")
    practice_exam: bool = Field(default=True, description="The reminder before each practice exam.")
    practice_exam_days_before: int = Field(default=1, ge=1, description="How many days before a practice exam it goes.")
    practice_exam_at: LocalTime = Field(default=time(9, 0), description="Time of the practice exam reminder.")


class SyncSection(Section):
    """[sync]: the local state and the timing of passes."""

    state: FilePath = Field(
        default=".certsync-state.sqlite",
        description="SQLite cache of what passes saw; a relative path is relative to this file's folder.",
    )
    overlap_minutes: int = Field(
        default=2, ge=0,
        description="Incremental reads re-read this many minutes before the last pass (Notion rounds edit times to the minute).",
    )
    full_sweep_hours: float = Field(default=24, gt=0, description="Read everything, not just changes, this often.")
    every_minutes: int = Field(default=60, ge=1, description="Interval of the scheduled job, in minutes.")
