"""A corrected config is read as written: after `[notion] check_ins` is changed to another data
source, the next pass reads that one, even though the state remembers the old one."""

from __future__ import annotations

from certsync.adapters.notion.template import create_template
from certsync.config.fields import NotionCheckInFields, NotionFields
from certsync.sync.sample_program import SAMPLE_TODAY


def test_a_pass_after_check_ins_is_pointed_elsewhere_reads_the_new_data_source(tracker, tmp_path, monkeypatch):
    monkeypatch.setenv("CERTSYNC_LOCK_DIR", str(tmp_path / "locks"))
    first = tracker.sync()
    assert first.check_ins_read == 77
    other = create_template(tracker.api, tracker.sandbox.root_page_id, NotionFields(), NotionCheckInFields(),
                            title="Another program")  # its Check-ins data source is empty
    text = tracker.config_path.read_text()
    tracker.config_path.write_text(text.replace(tracker.template.check_ins, other.check_ins))
    again = tracker.sync(today=SAMPLE_TODAY, full=True)
    assert again.check_ins_read == 0
