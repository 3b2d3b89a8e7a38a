"""[targets] and [reviews]: the reviews' tables, with the benchmark defaults and clear refusals."""

from datetime import time

import pytest
from pydantic import ValidationError

from certsync.config.targets import ReviewsSection, TargetsSection, targets_of
from certsync.rules.targets import Targets


def test_targets_default_to_the_benchmarks_and_convert_to_the_rules_model():
    assert targets_of(TargetsSection()) == Targets()
    assert targets_of(TargetsSection(study_hours_low=60.0, study_hours_high=90.0)).study_hours_high == 90


def test_a_target_range_upside_down_is_refused():
    with pytest.raises(ValidationError):
        TargetsSection(weeks_low=10.0, weeks_high=6.0)


def test_reviews_section_gives_the_rules_settings():
    settings = ReviewsSection(weekly_at=time(15, 30)).settings()
    assert settings.weekly_at == time(15, 30) and settings.monthly_at == time(9, 0)


def test_health_shares_upside_down_are_refused_and_where_reviews_live_is_kept_apart():
    with pytest.raises(ValidationError, match="at_risk_share"):
        ReviewsSection(healthy_share=0.4, at_risk_share=0.6)
    section = ReviewsSection(readers=["ada@example.com"], team_updates=["weekly", "monthly"],
                             notion_parent="https://www.notion.so/acme/Managers-5ca1ab1e000040008000000000000f1f")
    assert section.notion_parent == "5ca1ab1e-0000-4000-8000-000000000f1f"
    assert "readers" not in section.settings().model_dump()  # the rules get only when, never where
    with pytest.raises(ValidationError):
        ReviewsSection(team_updates=["quarterly"])  # a status update holds counts: weekly or monthly only
