"""The program's policy: every threshold the rules use, with DESIGN.md's defaults."""

from __future__ import annotations

from datetime import time
from enum import IntEnum

from pydantic import BaseModel, ConfigDict, Field


class Weekday(IntEnum):
    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


class Policy(BaseModel):
    """Thresholds of the early-warning rules. Field names are the `[policy]` keys of certsync.toml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    checkin_deadline: Weekday = Field(
        default=Weekday.FRIDAY,
        description="A week is due once the end of this day of it has passed.",
    )
    low_hours_ratio: float = Field(
        default=0.5, gt=0, le=1,
        description="low-hours-2w: a week under this share of the weekly target counts as low.",
    )
    low_hours_weeks: int = Field(
        default=2, ge=1,
        description="low-hours-2w: how many of the last due weeks in a row must be low.",
    )
    low_confidence_max: int = Field(
        default=2, ge=1, le=5,
        description="low-confidence: a confidence at or below this value counts as low.",
    )
    low_confidence_values: int = Field(
        default=3, ge=1,
        description="low-confidence: how many of the latest confidence values must be low.",
    )
    low_confidence_min_weeks: int = Field(
        default=4, ge=1,
        description="low-confidence: the rule applies after this many due weeks.",
    )
    behind_plan_weeks: float = Field(
        default=1.0, ge=0,
        description="behind-plan: fires when cumulative hours are more than this many weeks' target behind.",
    )
    plateau_low: float = Field(default=65, ge=0, le=100, description="score-plateau: lowest score of the band (%).")
    plateau_high: float = Field(default=75, ge=0, le=100, description="score-plateau: highest score of the band (%).")
    plateau_max_gain: float = Field(
        default=2, ge=0,
        description="score-plateau: the latest score is at most this many points above the earliest.",
    )
    plateau_scores: int = Field(default=3, ge=2, description="score-plateau: how many latest scores are compared.")
    postponements_red: int = Field(
        default=2, ge=1,
        description="postponed-2x: this many postponements or more is red; fewer (but some) is yellow.",
    )
    pace_weeks: int = Field(
        default=3, ge=1,
        description="Projected ready: the pace is the hours a week over this many of the last due weeks.",
    )
    projection_min_weeks: int = Field(
        default=2, ge=1,
        description="Projected ready: no projection before this many due weeks.",
    )
    off_pace_red_weeks: float = Field(
        default=2, ge=0,
        description="off-pace-far: the projected date falls more than this many weeks after the exam (else off-pace).",
    )
    trend_scores: int = Field(
        default=5, ge=2,
        description="Score trend: how many of the latest practice scores it shows.",
    )
    missed_sessions: int = Field(
        default=2, ge=0,
        description="missed-sessions: fires when the enrollment attended none of its cohort's last this many "
                    "sessions since its study start; 0: off.",
    )


class ReminderSettings(BaseModel):
    """When reminders go, and which. Field names are the `[reminders]` keys of certsync.toml.

    Times are local times of the program's time zone. Each kind can be switched off or moved.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    update: bool = Field(
        default=True,
        description="The weekly update reminder, to engineers whose week has no check-in yet.",
    )
    update_day: Weekday | None = Field(
        default=None,
        description="Day of the update reminder; by default the check-in deadline day.",
    )
    update_at: time = Field(default=time(15, 0), description="Time of the update reminder.")
    form_url: str | None = Field(
        default=None,
        description="The check-in form's link, added to the update reminder.",
    )
    goals: bool = Field(
        default=True,
        description="The week's study goals from the study plan (none when the plan has no row for the week).",
    )
    goals_day: Weekday = Field(default=Weekday.MONDAY, description="Day of the study goals reminder.")
    goals_at: time = Field(default=time(9, 0), description="Time of the study goals reminder.")
    practice_exam: bool = Field(default=True, description="The reminder before each practice exam.")
    practice_exam_days_before: int = Field(
        default=1, ge=1,
        description="How many days before a practice exam its reminder goes.",
    )
    practice_exam_at: time = Field(default=time(9, 0), description="Time of the practice exam reminder.")
