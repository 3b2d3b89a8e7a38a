"""Asana sandbox tests: the real `asana` SDK, unmodified, pointed at the sandbox."""

from __future__ import annotations

import pytest

from sandbox_asana_builders import sdk_client


@pytest.fixture
def client(sandbox):
    return sdk_client(sandbox)


@pytest.fixture
def ws(sandbox) -> str:
    return sandbox.asana_workspace_gid


# -- every response the sandbox gives in these tests is checked against asana_oas.yaml ------------
@pytest.fixture(scope="session")
def asana_spec_check():
    """The spec, loaded once per session (3 MB: about 2 s), as a validator (asana_spec.py)."""
    import asana_cassettes
    from asana_spec import SpecCheck, load_spec

    if not asana_cassettes.SPEC.is_file():
        pytest.skip(f"the Asana spec is not beside this checkout ({asana_cassettes.SPEC})")
    check = SpecCheck(load_spec(asana_cassettes.SPEC))
    _SPEC.append(check)
    return check


@pytest.fixture
def sandbox(sandbox, asana_spec_check):
    """The shared `sandbox` fixture, every Asana answer of it validated against the spec."""
    if asana_spec_check.hook not in sandbox.response_hooks:
        sandbox.on_response(asana_spec_check.hook)
    return sandbox


@pytest.fixture(autouse=True)
def _every_sandbox_is_checked(monkeypatch, asana_spec_check):
    """So are the answers of a sandbox a test starts itself (a data file's, a rate-limited one)."""
    from certsync.sandbox.core.service import SandboxCore

    start = SandboxCore.start

    def checked_start(self, *args, **kwargs):
        if asana_spec_check.hook not in self.response_hooks:
            self.on_response(asana_spec_check.hook)
        return start(self, *args, **kwargs)

    monkeypatch.setattr(SandboxCore, "start", checked_start)


_SPEC: list = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A response that breaks the spec fails the test that caused it, naming route and JSON path."""
    result = yield
    if _SPEC:
        found = _SPEC[0].take()
        if found:
            raise AssertionError(f"{len(found)} sandbox response(s) break asana_oas.yaml:\n  " + "\n  ".join(found[:20]))
    return result


# -- the session summary: conformance counts, mutations caught, spec-validated responses ----------
_OUTCOMES: dict[str, tuple[str, str]] = {}
_MUTATIONS: dict[str, tuple] = {}
_GENERATED: dict[str, tuple[int, str]] = {}
_MARK = "test_asana_conformance.py::test_recorded_interaction_matches"


def pytest_runtest_logreport(report):
    if "test_asana_schemathesis.py::" in report.nodeid and report.when == "call":
        for name, value in report.user_properties:
            if name == "schemathesis_cases":
                _GENERATED[report.nodeid] = (value, report.outcome)
    if "test_asana_conformance.py::test_the_comparison_catches" in report.nodeid and report.when == "call":
        for name, value in report.user_properties:
            if name == "mutation":
                _MUTATIONS[value[0]] = (*value[1:], report.outcome)
    if _MARK not in report.nodeid:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
        _OUTCOMES[report.nodeid] = (outcome, getattr(report, "wasxfail", ""))


def pytest_terminal_summary(terminalreporter):
    if _OUTCOMES:
        import asana_cassettes
        import asana_replay

        every = [it for items in asana_cassettes.load_all().values() for it in items]
        scope = sum(asana_replay.in_scope(it) for it in every)
        outcomes = [o for o, _ in _OUTCOMES.values()]
        counts = {k: outcomes.count(k) for k in ("passed", "failed", "xfailed", "skipped")}
        tr = terminalreporter
        tr.section("Asana conformance with the recordings")
        tr.write_line(
            f"Asana: recorded {len(every)}; in scope {scope} (not in scope {len(every) - scope}); replayed and "
            f"compared (status, structure and values) {len(_OUTCOMES) - counts['skipped']}; matched "
            f"{counts['passed']}; differ {counts['failed']}; xfailed, with a reason they cannot be reproduced "
            f"{counts['xfailed']}")
        for node, (o, why) in _OUTCOMES.items():
            if o == "xfailed":
                tr.write_line(f"  xfailed {node.split('[', 1)[-1].rstrip(']')}: {why}")
    for name, (caught, changed, outcome) in _MUTATIONS.items():
        terminalreporter.write_line(
            f"  mutation '{name}': {caught} of the {changed} matching interactions it changes now differ ({outcome})")
    if _GENERATED:
        cases = sum(n for n, _ in _GENERATED.values())
        failed = sum(o != "passed" for _, o in _GENERATED.values())
        terminalreporter.section("Asana requests generated from the spec (schemathesis)")
        terminalreporter.write_line(f"operations: {len(_GENERATED)}; generated cases sent: {cases}; "
                                    f"operations with a 5xx or a non-conforming answer: {failed}")
    if _SPEC:
        check = _SPEC[0]
        late = check.take()  # answers given outside any test's call (a fixture's teardown)
        terminalreporter.section("Asana responses checked against asana_oas.yaml")
        allowed = ", ".join(f"{name} {n}" for name, n in sorted(check.allowed.items(), key=lambda kv: -kv[1]))
        terminalreporter.write_line(f"responses validated: {check.checked}; violations: {check.failed}; answers "
                                    f"let through by NULL_WHERE_THE_SPEC_SAYS_NOT: {allowed or 'none'}")
        for v in late:
            terminalreporter.write_line(f"  outside a test: {v}")
