"""The tool-neutral part of the sandbox: HTTP server and dispatch by path prefix, clock, rate
limits, faults, request stats, the control API frame and the data file. Each API plugs in as an
`Api` (see api.py)."""
