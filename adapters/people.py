"""The people a sample program names, as a sandbox's users (for the demo, the tests, the benches)."""

from __future__ import annotations

from certsync.rules.model import Program


def people_of(program: Program) -> list[str]:
    """Everyone the program names (engineers and managers), once each, in order."""
    names: list[str] = []
    for e in program.enrollments:
        for person in (e.engineer, e.manager):
            if person and person.name not in names:
                names.append(person.name)
    return names


def email_of(name: str) -> str:
    return name.lower().replace(" ", ".").replace("'", "") + "@example.com"
