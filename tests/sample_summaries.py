"""The sample program's summary fields as of SAMPLE_TODAY, worked out by hand (rules and end-to-end tests)."""

from datetime import date

# Every summary field for every engineer as of SAMPLE_TODAY, checked by hand against their stories:
# (weeks completed, hours last week, hours vs plan, latest score, score trend, projected ready).
SUMMARIES = {
    "enr-01": (7, 9.0, 4.5, 81.0, "58 → 64 → 71 → 76 → 81 ▁▃▅▆█", date(2026, 12, 4)),
    "enr-02": (8, 2.5, -13.0, 63.0, "55 → 61 → 63 ▁▆█", date(2027, 1, 26)),
    "enr-03": (6, 0.0, -6.0, 70.0, "60 → 66 → 70 ▁▅█", date(2027, 2, 17)),
    "enr-04": (5, 5.0, 1.5, 71.0, "65 → 72 → 78 → 71 ▁▅█▄", date(2026, 11, 30)),
    "enr-05": (8, 6.0, 2.0, 69.0, "50 → 58 → 63 → 69 ▁▄▆█", date(2027, 1, 10)),
    "enr-06": (7, 6.0, 0.5, 58.0, "52 → 55 → 58 ▁▅█", date(2026, 12, 11)),
    "enr-07": (6, 6.5, 0.5, 82.0, "67 → 74 → 79 → 82 ▁▄▇█", date(2026, 12, 18)),
    "enr-08": (8, 5.5, -7.5, 71.0, "60 → 66 → 71 ▁▅█", date(2026, 12, 31)),
    "enr-09": (8, 7.0, 1.5, 70.0, "62 → 68 → 69 → 70 ▁▆▇█", date(2026, 12, 13)),
    "enr-10": (7, 6.0, 1.5, 79.0, "61 → 68 → 74 → 79 ▁▄▆█", date(2026, 12, 7)),
    # Certified: the summary stops at the exam of Sat 14 Nov, so 7 weeks (to that of 9 Nov), no projection.
    "enr-11": (7, 4.0, 1.0, 84.0, "64 → 72 → 78 → 84 ▁▄▆█", None),
    "enr-12": (0, None, None, None, None, None),  # starts on 30 Nov
}
