"""Fixtures of the adapter tests: `asana_program`, the sample program in the Asana sandbox."""

from asana_builders import asana_program  # noqa: F401
