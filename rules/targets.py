"""The program's outcome targets, which the quarterly review holds its figures against.

Defaults are the internal-training benchmarks of issue 13: a first-attempt pass rate of 80–90%,
85–120 study hours and 6–10 weeks per certification, participant satisfaction at least 4.2 of 5.
Field names are the `[targets]` keys of certsync.toml.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Targets(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    first_attempt_pass_rate_low: float = Field(default=0.80, ge=0, le=1, description="Lowest first-attempt pass rate on target.")
    first_attempt_pass_rate_high: float = Field(default=0.90, ge=0, le=1,
                                                description="First-attempt pass rate the benchmark tops out at.")
    study_hours_low: float = Field(default=85, ge=0, description="Fewest study hours per certification on target.")
    study_hours_high: float = Field(default=120, ge=0, description="Most study hours per certification on target.")
    weeks_low: float = Field(default=6, ge=0, description="Fewest weeks from study start to certification on target.")
    weeks_high: float = Field(default=10, ge=0, description="Most weeks from study start to certification on target.")
    satisfaction_min: float = Field(default=4.2, ge=1, le=5, description="Lowest participant satisfaction (1–5) on target.")

    @model_validator(mode="after")
    def _ranges_in_order(self) -> Targets:
        for low, high in (("first_attempt_pass_rate_low", "first_attempt_pass_rate_high"),
                          ("study_hours_low", "study_hours_high"), ("weeks_low", "weeks_high")):
            if getattr(self, high) < getattr(self, low):
                raise ValueError(f"{high} must be at least {low}")
        return self
