"""The program's health, as a status update shows it to every follower: on track, at risk or off track.

On track when at least `healthy_share` of the active enrollments are On track; at risk when at
least `at_risk_share` are; off track below that. Completed enrollments are done, and enrollments
not judged yet (not started, not in yet) say nothing either way; with nobody judged, on track.
"""

from __future__ import annotations

from enum import StrEnum

from .review_model import StatusCounts
from .review_periods import ReviewSettings


class Health(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


def program_health(counts: StatusCounts, settings: ReviewSettings) -> Health:
    if not counts.judged:
        return Health.ON_TRACK
    share = counts.on_track / counts.judged
    if share >= settings.healthy_share:
        return Health.ON_TRACK
    if share >= settings.at_risk_share:
        return Health.AT_RISK
    return Health.OFF_TRACK
