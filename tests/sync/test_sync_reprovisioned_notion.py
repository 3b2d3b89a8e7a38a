"""certsync's properties removed and provisioned again, on a machine without the state (a CI
runner, a new laptop): the alerts already in Notion are not posted a second time."""

from __future__ import annotations


from certsync.adapters.registry import open_tracker
from pass_builders import delete_state
from test_sync_sample import NEWLY_RED

CLEARED = ("Status", "Flags", "Flag details", "Last synced", "Sync problem")


def test_properties_provisioned_again_with_the_state_lost_bring_no_second_alert(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    assert tracker.sync().comments == len(NEWLY_RED)
    tracker.api.data_sources.update(data_source_id=tracker.template.enrollments,
                                    properties={name: None for name in CLEARED})
    open_tracker(tracker.config(), "notion").provision()
    delete_state(tracker.config())
    tracker.sync()
    assert {s: len(tracker.comments(s)) for s in NEWLY_RED} == {s: 1 for s in NEWLY_RED}


def test_a_second_config_with_its_own_owned_properties_brings_no_second_alert(tracker, tmp_path, monkeypatch):
    from certsync.config import load_config
    from certsync.sync.run import run_pass
    from certsync.sync.sample_program import SAMPLE_TODAY

    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    assert tracker.sync().comments == len(NEWLY_RED)
    renamed = "\n".join(f'{key} = "Team B {key}"' for key in
                        ("status", "flags", "flag_details", "postponements", "last_synced", "sync_problem"))
    other = tmp_path / "team-b.toml"
    other.write_text(tracker.config_path.read_text().replace('state = "state.sqlite"', 'state = "team-b.sqlite"')
                     + f"\n[notion.fields]\n{renamed}\n")
    config = load_config(other)
    open_tracker(config, "notion").provision()
    run_pass(config, today=SAMPLE_TODAY)
    assert {s: len(tracker.comments(s)) for s in NEWLY_RED} == {s: 1 for s in NEWLY_RED}
