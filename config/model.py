"""Config: a validated certsync.toml, and what the rest of certsync derives from it."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PrivateAttr, model_validator

from certsync.config.section import Section
from certsync.config.sections import (
    AsanaSection, NotionSection, PolicySection, ProgramSection, RemindersSection, SyncSection,
)
from certsync.config.targets import ReviewsSection, TargetsSection
from certsync.config.values import invalid
from certsync.rules.review_periods import ReviewSettings
from certsync.rules.policy import Policy, ReminderSettings

TRACKERS_EXPECTED = "a [notion] or [asana] section (where the program is tracked)"


class Config(Section):
    """certsync.toml. Build it with `load_config(path)`, which knows the file and words errors."""

    model_config = Section.model_config | {"title": "certsync.toml"}

    program: ProgramSection = Field(description="The program: its name, time zone and check-in deadline.")
    # `Config.policy` is the merged `rules.policy.Policy`; the table itself is `policy_section`.
    policy_section: PolicySection = Field(  # type: ignore[valid-type]
        default=PolicySection(), alias="policy", description="Thresholds of the early-warning rules."
    )
    notion: NotionSection | None = Field(default=None, description="Present when the tracker is in Notion.")
    asana: AsanaSection | None = Field(default=None, description="Present when the tracker is in Asana.")
    sync: SyncSection = Field(default=SyncSection(), description="Local state and the timing of passes.")
    reminders_section: RemindersSection = Field(
        default=RemindersSection(), alias="reminders", description="When the program's reminders go, and which.")
    targets: TargetsSection = Field(  # type: ignore[valid-type]
        default=TargetsSection(), description="Outcome targets of the quarterly review.")
    reviews_section: ReviewsSection = Field(
        default=ReviewsSection(), alias="reviews", description="When the reviews are due.")

    _path: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _has_a_tracker(self) -> Config:
        if self.notion is None and self.asana is None:
            raise invalid(expected=TRACKERS_EXPECTED, found="neither")
        return self

    def bind(self, path: Path, display: str) -> Config:
        """Remember the file this came from (`display` is how errors name it)."""
        self._path = path
        for tracker in (self.notion, self.asana):
            if tracker is not None:
                tracker._file = display
        return self

    @property
    def path(self) -> Path:
        """The configuration file, absolute."""
        if self._path is None:
            raise ValueError("this Config was not loaded from a file; use load_config(path)")
        return self._path

    @property
    def state_path(self) -> Path:
        """[sync] state, a relative path taken from the configuration file's folder."""
        state = Path(self.sync.state).expanduser()
        return state if state.is_absolute() else self.path.parent / state

    @property
    def review_settings(self) -> ReviewSettings:
        return self.reviews_section.settings()

    @property
    def reminders(self) -> ReminderSettings:
        """The reminders' settings, as the rules take them."""
        section = self.reminders_section
        return ReminderSettings(**{name: getattr(section, name) for name in type(section).model_fields})

    @property
    def policy(self) -> Policy:
        """The rules' policy: [policy] with [program] checkin_deadline."""
        return Policy(checkin_deadline=self.program.checkin_deadline, **self.policy_section.model_dump())
