"""Only certsync's own comments count, on Notion: a person's comment that quotes an alert,
marker and all, does not stand in for it."""

from __future__ import annotations

from pass_builders import delete_state


def plain(comment):
    return "".join(part["plain_text"] for part in comment["rich_text"])


def test_a_persons_comment_quoting_an_alert_does_not_stand_in_for_it(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    tracker.sync()
    page = tracker.pages["enr-03"]
    [alert] = tracker.comments("enr-03")
    quoted = plain(alert)
    assert "certsync ref alert:" in quoted
    tracker.api.comments.delete(comment_id=alert["id"])
    person = tracker.sandbox.add_user("Grace Liu (copy)", "grace.copy@example.com")
    tracker.sandbox.add_comment_as(page, person["id"], f"Forwarding this:\n{quoted}")
    delete_state(tracker.config())
    assert tracker.sync().comments == 1
    mine = [c for c in tracker.comments("enr-03") if c["created_by"]["id"] == tracker.sandbox.bot_user_id]
    assert len(mine) == 1 and "certsync ref alert:" in plain(mine[0])


def test_a_manager_clearing_flags_in_notion_brings_no_second_alert(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    tracker.sync()
    tracker.api.pages.update(page_id=tracker.pages["enr-02"], properties={"Flags": {"multi_select": []}})
    assert tracker.sync().comments == 0
    delete_state(tracker.config())
    tracker.api.pages.update(page_id=tracker.pages["enr-02"], properties={"Flags": {"multi_select": []}})
    assert tracker.sync().comments == 0
    assert len(tracker.comments("enr-02")) == 1
