"""certsync.toml texts shared by the config tests."""

ENROLLMENTS_ID = "1c2f4e6a-0b7d-4c1e-9a3f-5d8e7b6a4c21"
CHECK_INS_ID = "7d3e9b1a-5c2f-4e8d-9a6b-0c1d2e3f4a5b"

MINIMAL = f"""
[program]
name = "Cloud certifications"

[notion]
enrollments = "{ENROLLMENTS_ID}"
check_ins = "{CHECK_INS_ID}"
"""
