"""Stories: comments with text or html_text and mentions, system stories for changes, and only the
caller's own comments may be edited or deleted."""

import asana
import pytest
from asana.rest import ApiException

from sandbox_asana_builders import make_project, make_task
from sandbox_asana_builders import sdk_client


@pytest.fixture
def task(client, ws):
    return make_task(client, make_project(client, ws)["gid"])


def test_a_comment_with_a_mention(client, task, sandbox):
    ada = "1200000000000011"
    story = asana.StoriesApi(client).create_story_for_task(
        {"data": {"html_text": f'<body>Hi <a data-asana-gid="{ada}"/>, <strong>5 minutes</strong>?</body>'}},
        task["gid"], {})
    assert story["type"] == "comment" and story["resource_subtype"] == "comment_added"
    assert story["text"] == "Hi @Ada Lovelace, 5 minutes?"
    assert f'data-asana-gid="{ada}">@Ada Lovelace</a>' in story["html_text"]
    assert "<strong>5 minutes</strong>" in story["html_text"]
    assert story["created_by"]["gid"] == sandbox.asana_user_gid
    assert story["is_editable"] is True and story["is_edited"] is False


@pytest.mark.parametrize("html", ["no body", "<body><script>x</script></body>", "<body><b>x</body>",
                                  '<body><a data-asana-gid="1299999999999999"/></body>'])
def test_bad_html_text_is_refused(client, task, html):
    with pytest.raises(ApiException) as e:
        asana.StoriesApi(client).create_story_for_task({"data": {"html_text": html}}, task["gid"], {})
    assert e.value.status == 400


def test_changes_write_system_stories(client, task, sandbox):
    sandbox.advance_clock(61)
    asana.TasksApi(client).update_task({"data": {"name": "renamed", "assignee": "grace@example.com",
                                                 "due_on": "2026-03-02"}}, task["gid"], {})
    stories = list(asana.StoriesApi(client).get_stories_for_task(task["gid"], {}))
    assert [s["resource_subtype"] for s in stories] == ["added_to_project", "name_changed", "assigned",
                                                        "due_date_changed"]
    assert all(s["type"] == "system" for s in stories)
    assert stories[2]["text"] == "certsync assigned to Grace Hopper"


def test_the_creators_edits_in_the_first_minute_write_no_story(client, task, sandbox):
    """As recorded: a rename just after the create brings a `changed` event, no story."""
    asana.TasksApi(client).update_task({"data": {"name": "renamed at once"}}, task["gid"], {})
    stories = list(asana.StoriesApi(client).get_stories_for_task(task["gid"], {}))
    assert [s["resource_subtype"] for s in stories] == ["added_to_project"]
    sandbox.add_asana_user("Mia", "mia@example.com", token="mia")
    from sandbox_asana_builders import sdk_client

    asana.TasksApi(sdk_client(sandbox, "mia")).update_task({"data": {"name": "by Mia"}}, task["gid"], {})
    assert list(asana.StoriesApi(client).get_stories_for_task(task["gid"], {}))[-1]["text"] == (
        "Mia changed the name to “by Mia”")


def test_edit_and_delete_only_your_own_comments(client, task, sandbox):
    stories = asana.StoriesApi(client)
    mine = stories.create_story_for_task({"data": {"text": "first"}}, task["gid"], {})
    edited = stories.update_story({"data": {"text": "second"}}, mine["gid"], {})
    assert edited["text"] == "second" and edited["is_edited"] is True
    theirs = sandbox.add_asana_comment_as(task["gid"], "1200000000000011", "a person's comment")
    assert stories.get_story(theirs["gid"], {})["is_editable"] is False
    for call in (lambda: stories.update_story({"data": {"text": "x"}}, theirs["gid"], {}),
                 lambda: stories.delete_story(theirs["gid"])):
        with pytest.raises(ApiException) as e:
            call()
        assert e.value.status == 403
    system = next(s for s in stories.get_stories_for_task(task["gid"], {}) if s["type"] == "system")
    with pytest.raises(ApiException) as e:
        stories.delete_story(system["gid"])
    assert e.value.status == 403
    stories.delete_story(mine["gid"])
    assert [s["text"] for s in stories.get_stories_for_task(task["gid"], {}) if s["type"] == "comment"] == [
        "a person's comment"]


def test_a_second_token_acts_as_its_user(client, task, sandbox):
    sandbox.add_asana_user("Mia Manager", "mia@example.com", token="mia-token")
    mia = sdk_client(sandbox, "mia-token")
    assert asana.UsersApi(mia).get_user("me", {})["name"] == "Mia Manager"
    story = asana.StoriesApi(mia).create_story_for_task({"data": {"text": "from Mia"}}, task["gid"], {})
    with pytest.raises(ApiException) as e:
        asana.StoriesApi(client).delete_story(story["gid"])
    assert e.value.status == 403
