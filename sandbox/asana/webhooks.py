"""Webhooks: not served yet. `deliver` is where events would go out to webhook targets."""

from __future__ import annotations


def deliver(store, event: dict) -> None:
    """Send an event to the webhooks subscribed to what it concerns (none can exist yet)."""
    return None


def render_webhook(store, w: dict) -> dict:
    return {"gid": w["gid"], "resource_type": "webhook"}
