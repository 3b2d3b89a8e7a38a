"""Rate limits are part of the design: a pass keeps to the configured rate, and when Notion still
says 429 it waits what `Retry-After` asks and finishes the pass anyway."""

from __future__ import annotations

from test_sync_safety import expected_state, final_state


def refused(tracker) -> int:
    return sum(row["count"] for row in tracker.sandbox.stats()["requests"] if row["status"] == 429)


def at_rate(tracker, per_second: float) -> None:
    text = tracker.config_path.read_text().replace("requests_per_second = 1000", f"requests_per_second = {per_second}")
    tracker.config_path.write_text(text)


def test_a_pass_at_notions_rate_is_never_refused_by_its_limit(tracker):
    tracker.sandbox.set_rate_limit(15, burst=3)  # Notion allows short bursts; certsync sends none
    at_rate(tracker, 15)
    report = tracker.sync()
    tracker.sandbox.set_rate_limit(0)
    assert report.exit_code == 0
    assert report.requests > 3 * 3  # far more than the burst: sent all at once, most would be refused
    assert refused(tracker) == 0
    assert final_state(tracker) == expected_state()


def test_a_pass_faster_than_the_limit_waits_as_told_and_completes(tracker):
    tracker.sandbox.set_rate_limit(10, burst=2)
    report = tracker.sync()  # the client side allows 1000 requests/second
    tracker.sandbox.set_rate_limit(0)
    assert refused(tracker) > 0
    assert report.exit_code == 0, [o.error for o in report.failures]
    assert final_state(tracker) == expected_state()
