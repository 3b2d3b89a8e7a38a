"""Two state files on one tracker (`certsync remind` from a laptop while `schedule` runs on a
server, each with its own certsync.toml and state): each reminder still goes once per person and
occasion, and a record holds at most one open reminder of each kind."""

from __future__ import annotations

from collections import Counter
from datetime import date


from certsync.config import load_config
from remind_builders import at, rhythm  # noqa: F401


def second_config(r):
    """The same tracker from another folder: another state file."""
    folder = r.folder / "laptop"
    folder.mkdir()
    path = folder / "certsync.toml"
    path.write_text(r.config_path.read_text())
    return load_config(path)


def test_a_second_state_file_with_no_round_behind_it_posts_nothing_already_sent(rhythm):
    r = rhythm(at(date(2026, 11, 20), 14))
    laptop = second_config(r)
    r.move_to(at(date(2026, 11, 20), 15))
    assert r.sent(r.round())
    assert r.sent(r.round(laptop)) == {}


def test_a_second_warm_state_file_posts_no_reminder_the_first_already_sent(rhythm):
    r = rhythm(at(date(2026, 11, 13), 14))
    laptop = second_config(r)
    r.move_to(at(date(2026, 11, 13), 15))
    r.round()
    r.round(laptop)  # both state files have completed a round
    r.move_to(at(date(2026, 11, 20), 15))
    assert r.sent(r.round())
    assert r.sent(r.round(laptop)) == {}
    for e in r.program.enrollments:
        kinds = Counter(o.kind for o in r.open_reminders(e.id))
        assert all(n == 1 for n in kinds.values()), (e.id, kinds)
