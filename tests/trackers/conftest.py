"""The `contract` fixture: each tracker filled with the sample program, and a driver for what
people do in the tool (as vdirsyncer's storage tests are run once per storage).

Every contract test takes `contract` and runs once per tracker; a test that only one tool can
show (a config naming the database instead of its data source) skips on the others.
"""

from __future__ import annotations

import pytest

from contract_drivers import AsanaDriver, MemoryDriver, NotionDriver

TRACKERS = ["memory", "notion", "asana"]


@pytest.fixture(params=TRACKERS)
def contract(request, tmp_path, monkeypatch):
    if request.param == "memory":
        driver = MemoryDriver()
    elif request.param == "asana":
        driver = AsanaDriver(request.getfixturevalue("sandbox"), tmp_path, monkeypatch)
    else:
        driver = NotionDriver(request.getfixturevalue("sandbox"), tmp_path, monkeypatch)
    try:
        yield driver
    finally:
        driver.close()
