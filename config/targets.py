"""The tables of certsync.toml the reviews read: [targets] and [reviews]."""

from __future__ import annotations

from copy import copy
from datetime import time
from typing import Literal

from pydantic import Field, create_model, model_validator

from certsync.config.section import Section
from certsync.config.values import LocalTime, NotionPage, invalid
from certsync.rules.review_periods import ReviewSettings
from certsync.rules.targets import Targets


class _TargetChecks(Section):
    @model_validator(mode="after")
    def _ranges_in_order(self):
        for low, high in (("first_attempt_pass_rate_low", "first_attempt_pass_rate_high"),
                          ("study_hours_low", "study_hours_high"), ("weeks_low", "weeks_high")):
            if getattr(self, high) < getattr(self, low):
                raise invalid(expected=f"a number at least {low} ({getattr(self, low):g})", key=high,
                              found=f"{getattr(self, high):g}")
        return self


def _targets_section() -> type[Section]:
    """[targets] has every field of `rules.targets.Targets`, with its defaults and limits."""
    fields = {name: (info.annotation, copy(info)) for name, info in Targets.model_fields.items()}
    return create_model(  # type: ignore[call-overload]
        "TargetsSection", __base__=_TargetChecks, __module__=__name__,
        __doc__="[targets]: what the quarterly review holds the program's outcomes against; every key is optional.",
        **fields,
    )


TargetsSection = _targets_section()


class _ReviewsDelivery(Section):
    """Where the reviews go and what the followers see: the [reviews] keys the rules never read."""

    team_updates: list[Literal["weekly", "monthly"]] = Field(
        default_factory=lambda: ["weekly"],
        description="The reviews whose followers' view (counts per status and completions) is also posted where "
                    "every follower sees it: an Asana status update on the enrollments project (Notion has none).")
    notion_parent: NotionPage | None = Field(
        default=None, description="Notion: the page (id or URL) that holds the Program reviews database, one shared "
                                  "with the program's managers only; default: the Enrollments database's parent.")
    readers: list[str] = Field(
        default_factory=list, description="Asana: who may read the private Program reviews project besides certsync's "
                                          "own user (emails or user gids).")

    @model_validator(mode="after")
    def _shares_in_order(self):
        if self.healthy_share < self.at_risk_share:
            raise invalid(expected=f"a share at least at_risk_share ({self.at_risk_share:g})",
                          key="healthy_share", found=f"{self.healthy_share:g}")
        return self

    def settings(self) -> ReviewSettings:
        return ReviewSettings(**{name: getattr(self, name) for name in ReviewSettings.model_fields})


def _reviews_section() -> type[Section]:
    """[reviews] has every field of `rules.review_periods.ReviewSettings` (its times as local
    times written `16:00`), with its defaults and limits, and the delivery keys above."""
    fields = {name: (LocalTime if info.annotation is time else info.annotation, copy(info))
              for name, info in ReviewSettings.model_fields.items()}
    return create_model(  # type: ignore[call-overload]
        "ReviewsSection", __base__=_ReviewsDelivery, __module__=__name__,
        __doc__="[reviews]: when each review is posted (local times of [program] timezone), and where.",
        **fields,
    )


ReviewsSection = _reviews_section()


def targets_of(section: Section) -> Targets:
    """The rules' Targets from a [targets] section."""
    return Targets(**section.model_dump())
