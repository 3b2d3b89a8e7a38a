"""The benchmarks' program (`count` enrollments with 13 weekly check-ins each, as of TODAY), and
the least number of requests a pass over it needs."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from certsync.rules.model import CheckIn, Enrollment, Milestones, Person, Program

TODAY = date(2026, 11, 21)
WEEKS = 13


def program(count: int, seed: int, managers: list[str]) -> Program:
    rng = random.Random(seed)
    first_monday = TODAY - timedelta(days=TODAY.weekday() + 7 * (WEEKS - 1))  # the 13th week is the last due one
    enrollments, check_ins = [], []
    for n in range(count):
        target = rng.choice([4, 5, 6, 8])
        effort = rng.uniform(0.6, 1.3)
        e = Enrollment(id=f"e{n}", name=f"Engineer {n:04d} — Cert {n % 7}", manager=Person(name=rng.choice(managers)),
                       certification=f"Cert {n % 7}", study_start=first_monday, weekly_target_hours=target,
                       exam_date=TODAY + timedelta(days=rng.randint(14, 90)))
        enrollments.append(e)
        for w in range(WEEKS):
            check_ins.append(CheckIn(
                id=f"c{n}-{w}", enrollment_id=e.id, week_of=first_monday + timedelta(days=7 * w + 4),
                hours=round(max(0.0, rng.gauss(target * effort, 1.0)), 1),
                milestones=rng.choice([Milestones.YES, Milestones.YES, Milestones.PARTIAL]),
                confidence=rng.choice([3, 4, 4, 5]),
                practice_score=None if w % 3 else round(50 + w * rng.uniform(1, 3), 1)))
    return Program(name="bench", enrollments=tuple(enrollments), check_ins=tuple(check_ins))


def minimum(report) -> int:
    """The requests a pass needs at the least: one list request per 100 records read (one at
    least per list), one write per changed record, one per alert."""
    reads = max(1, math.ceil(report.enrollments_read / 100)) + max(1, math.ceil(report.check_ins_read / 100))
    return reads + report.written + report.comments
