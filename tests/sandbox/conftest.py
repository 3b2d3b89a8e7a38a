"""Sandbox tests: the conformance summary printed at the end of the session."""

from __future__ import annotations

import re

_OUTCOMES: dict[str, str] = {}
_REASONS: dict[str, str] = {}
_MUTATIONS: dict[str, tuple] = {}
_MARK = "test_sandbox_conformance.py::test_recorded_interaction_matches"
_MUTANT = "test_sandbox_conformance.py::test_the_comparison_catches_a_mutated_sandbox"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def pytest_runtest_logreport(report):
    if _MUTANT in report.nodeid and report.when == "call":
        for key, value in report.user_properties:
            if key == "mutation":
                name, caught, changed = value
                _MUTATIONS[name] = (caught, changed, report.outcome)
        return
    if _MARK not in report.nodeid:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed"
            _REASONS[report.nodeid] = report.wasxfail
        _OUTCOMES[report.nodeid] = outcome


def pytest_terminal_summary(terminalreporter):
    if not _OUTCOMES and not _MUTATIONS:
        return
    import cassettes
    import replay

    every = [it for items in cassettes.load_all().values() for it in items]
    scope = sum(replay.in_scope(it) for it in every)
    counts = {k: sum(v == k for v in _OUTCOMES.values()) for k in ("passed", "failed", "xfailed")}
    replayed = counts["passed"] + counts["failed"]
    terminalreporter.section("conformance with the recordings")
    if _OUTCOMES:
        terminalreporter.write_line(
            f"Notion: recorded {len(every)}; in scope {scope} (not in scope {len(every) - scope}); run now "
            f"{len(_OUTCOMES)}; replayed and compared (status, structure and values) {replayed}; matched "
            f"{counts['passed']}; differ {counts['failed']}; xfailed, with a reason they cannot be reproduced "
            f"{counts['xfailed']}")
        why: dict[str, int] = {}
        for reason in _REASONS.values():
            general = _UUID.sub("…", re.sub(r"\(#\d+\)", "(#n)", reason))
            why[general] = why.get(general, 0) + 1
        for reason, n in sorted(why.items(), key=lambda kv: -kv[1]):
            terminalreporter.write_line(f"  xfailed {n}: {reason}")
    for name, (caught, changed, outcome) in _MUTATIONS.items():
        terminalreporter.write_line(
            f"  mutation '{name}': {caught} of the {changed} matching interactions it changes now differ ({outcome})")
