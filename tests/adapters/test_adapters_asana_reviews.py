"""Asana reviews: the private `Program reviews` project `provision` makes (its members are exactly
certsync's user and `[reviews] readers`), found again by name; a reader who is not a workspace
user is named; a team update's status type follows its health, and only certsync's own status
updates are listed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import asana
import pytest

from certsync.adapters import markers
from certsync.adapters.asana.reviews import PROJECT_NAME
from certsync.adapters.asana.rich_text import rich_text
from certsync.adapters.asana.sample import sdk_client
from certsync.adapters.document import Bullets, Document, Heading, Paragraph, Strong, Table
from certsync.adapters.people import email_of
from certsync.adapters.registry import open_tracker
from certsync.adapters.tracker import ReviewPost, TeamUpdate, TrackerError
from certsync.config import load_config

from asana_builders import build


def _readers_config(program, folder, readers):
    path = folder / "readers.toml"
    listed = ", ".join(f'"{r}"' for r in readers)
    path.write_text(f'[program]\nname = "Sample"\ntimezone = "Europe/Berlin"\n\n{program.built.section()}\n'
                    f'[reviews]\nreaders = [{listed}]\n\n[sync]\nstate = "state.sqlite"\n')
    return path


def _reviews_projects(program):
    projects = asana.ProjectsApi(program.api).get_projects_for_workspace(
        program.sandbox.asana_workspace_gid, {"opt_fields": "name,privacy_setting,public,members"})
    return [p for p in projects if p["name"] == PROJECT_NAME]


def _program(sandbox, tmp_path, monkeypatch):
    return build(sandbox, tmp_path, monkeypatch, provision=False, fill=False)


def test_the_reviews_project_is_private_with_exactly_certsync_and_the_readers(sandbox, tmp_path, monkeypatch):
    program = _program(sandbox, tmp_path, monkeypatch)
    (first, first_gid), (second, second_gid) = list(program.built.users.items())[:2]
    tracker = open_tracker(load_config(_readers_config(program, tmp_path, [email_of(first), second_gid])), "asana")
    report = tracker.provision()
    assert report.problems == [] and any(PROJECT_NAME in change for change in report.changes)
    [project] = _reviews_projects(program)
    assert project["privacy_setting"] == "private" and project["public"] is False
    assert sorted(m["gid"] for m in project["members"]) == sorted([sandbox.asana_user_gid, first_gid, second_gid])
    again = open_tracker(load_config(_readers_config(program, tmp_path, [email_of(first), second_gid])), "asana")
    assert not any(PROJECT_NAME in change for change in again.provision().changes)  # found by name, not made twice
    assert len(_reviews_projects(program)) == 1 and again.remember()["reviews_project"] == project["gid"]
    program.built.close()


def test_a_dry_run_says_what_it_would_make_and_makes_nothing(sandbox, tmp_path, monkeypatch):
    program = _program(sandbox, tmp_path, monkeypatch)
    name = next(iter(program.built.users))
    tracker = open_tracker(load_config(_readers_config(program, tmp_path, [email_of(name)])), "asana")
    changes = tracker.provision(dry_run=True).changes
    assert f"create the private project '{PROJECT_NAME}' (members: certsync's user, {email_of(name)})" in changes
    assert _reviews_projects(program) == []
    program.built.close()


def test_a_reader_who_is_not_a_workspace_user_is_named_and_nothing_is_made(sandbox, tmp_path, monkeypatch):
    program = _program(sandbox, tmp_path, monkeypatch)
    tracker = open_tracker(load_config(_readers_config(program, tmp_path, ["nobody@example.org"])), "asana")
    assert any("'nobody@example.org' is not a user" in p for p in tracker.check())  # check says so first
    report = tracker.provision()
    assert any("[reviews] readers" in p and "'nobody@example.org'" in p for p in report.problems)
    assert _reviews_projects(program) == [] and report.changes == []
    assert tracker.provision(dry_run=True).changes  # the owned fields were not added either: still to add
    program.built.close()


def _update(health: str, token: str) -> TeamUpdate:
    doc = Document("Week 49", (Paragraph(("3 on track, 2 at risk.",)),))
    return TeamUpdate(kind="weekly", period="2026-W49", title="Week 49", document=doc, health=health,
                      marker=markers.line("team-update", [token]))


def test_a_status_updates_type_follows_the_health(asana_program):
    tracker = asana_program.tracker()
    statuses = asana.StatusUpdatesApi(asana_program.api)
    for health, token in (("on_track", "aaaaaa"), ("at_risk", "bbbbbb"), ("off_track", "cccccc")):
        posted = tracker.post_team_update(_update(health, token))
        got = statuses.get_status(posted, {"opt_fields": "status_type,parent,title"})
        assert got["status_type"] == health and got["parent"]["gid"] == asana_program.template.project


def test_a_persons_status_update_carrying_a_marker_is_not_listed(asana_program):
    sandbox = asana_program.sandbox
    sandbox.add_asana_user("Grace Liu", "grace.liu@example.com", token="grace-token")
    asana.StatusUpdatesApi(sdk_client(sandbox.asana_url, "grace-token")).create_status_for_object({"data": {
        "parent": asana_program.template.project, "status_type": "on_track", "title": "Copied",
        "text": markers.line("team-update", ["dddddd"])}}, {})
    tracker = asana_program.tracker()
    mine = tracker.post_team_update(_update("at_risk", "eeeeee"))
    assert [(c.id, c.kind) for c in tracker.posted_reviews()] == [(mine, "team-update")]


def test_a_reviews_text_is_valid_rich_text_whatever_the_names_hold():
    hostile = '</li></ul><h1>x</h1> & <a data-asana-gid="1"/> \x00\x0b'
    doc = Document("Review", (Heading(1, (hostile,)), Paragraph((Strong(hostile), hostile)),
                              Bullets(((hostile,),)), Table((hostile, "b"), ((hostile, "1"),))))
    body = ET.fromstring(rich_text(doc, markers.line("review", ["abcdef"])))
    assert body.tag == "body" and {e.tag for e in body.iter()} <= {"body", "h1", "h2", "strong", "ul", "li"}
    assert "".join(body.itertext()).count('</li></ul><h1>x</h1> & <a data-asana-gid="1"/> ') == 6


def test_a_review_that_fails_with_a_5xx_is_looked_for_before_it_is_posted_again(asana_program):
    from certsync.adapters.tracker import ReviewPost, TrackerError

    tracker = asana_program.tracker()
    tracker.posted_reviews()  # learned: certsync's user, the reviews project
    asana_program.sandbox.reset_stats()
    doc = Document("Weekly review", (Paragraph(("3 on track.",)),))
    for seed in range(6):
        marker = markers.line("review", [f"{seed:06x}abcdef"])
        post = ReviewPost(kind="weekly", period="2026-W49", title="Weekly review", document=doc, counts={},
                          marker=marker)
        asana_program.sandbox.set_faults("500=0.5", seed=seed)  # half the requests fail, half of those once applied
        try:
            posted = tracker.post_review(post)
        except TrackerError:
            posted = None
        asana_program.sandbox.set_faults("")
        found = [c.id for c in tracker.posted_reviews() if c.marker == marker]
        assert len(found) <= 1 and (posted is None or found == [posted])
    sent = asana_program.requests("POST", "/tasks")
    assert sent > 6, "the seeds should make some posts fail"
    assert sent - 6 <= asana_program.requests("GET", "/projects/{project_gid}/tasks")  # each resend after a look


def test_two_programs_in_one_workspace_each_get_their_own_reviews_project(sandbox, tmp_path, monkeypatch):
    """Reviews name people: one program's reviews never land where another program's readers read."""
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = _program(sandbox, tmp_path / "first", monkeypatch)
    second = _program(sandbox, tmp_path / "second", monkeypatch)
    made = []
    for program in (first, second):
        tracker = open_tracker(load_config(program.config_path), "asana")
        tracker.provision()
        made.append(tracker.remember()["reviews_project"])
    assert made[0] != made[1] and len(_reviews_projects(first)) == 2
    again = open_tracker(load_config(first.config_path), "asana")  # a new state: found by name and program
    assert not any(PROJECT_NAME in change for change in again.provision().changes)
    assert again.remember()["reviews_project"] == made[0]
    first.built.close()
    second.built.close()


def _review() -> ReviewPost:
    doc = Document("Weekly review (2026-W49)", (Paragraph(("3 on track.",)),))
    return ReviewPost(kind="weekly", period="2026-W49", title=doc.title, document=doc, counts={},
                      marker=markers.line("review", ["0a1b2c3d4e5f"]))


def test_a_remembered_reviews_project_a_manager_archived_is_not_posted_into(sandbox, tmp_path, monkeypatch):
    program = _program(sandbox, tmp_path, monkeypatch)
    first = open_tracker(load_config(program.config_path), "asana")
    first.provision()
    remembered = first.remember()
    asana.ProjectsApi(program.api).update_project({"data": {"archived": True}}, remembered["reviews_project"],
                                                  {"opt_fields": "name"})
    later = open_tracker(load_config(program.config_path), "asana")
    later.restore(remembered)  # the state still names the archived project
    with pytest.raises(TrackerError, match="run `certsync provision`"):
        later.post_review(_review())
    assert any(PROJECT_NAME in change for change in later.provision().changes)  # made anew
    assert later.remember()["reviews_project"] != remembered["reviews_project"]
    program.built.close()
