"""Sandbox tests: the conformance summary printed at the end of the session."""

from __future__ import annotations

_OUTCOMES: dict[str, str] = {}
_MARK = "test_sandbox_conformance.py::test_recorded_interaction_matches"


def pytest_runtest_logreport(report):
    if _MARK not in report.nodeid:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed"
        _OUTCOMES[report.nodeid] = outcome


def pytest_terminal_summary(terminalreporter):
    if not _OUTCOMES:
        return
    import cassettes
    import replay

    every = [it for items in cassettes.load_all().values() for it in items]
    scope = sum(replay.in_scope(it) for it in every)
    counts = {k: sum(v == k for v in _OUTCOMES.values()) for k in ("passed", "failed", "xfailed")}
    replayed = counts["passed"] + counts["failed"]
    terminalreporter.section("conformance with the recordings")
    terminalreporter.write_line(
        f"recorded interactions: {len(every)}; in scope: {scope}; not in scope: {len(every) - scope}; "
        f"run now: {len(_OUTCOMES)}; replayed and compared: {replayed}; matched: {counts['passed']}; "
        f"differ: {counts['failed']}; xfailed, not reproducible (state the sandbox cannot have): {counts['xfailed']}")
