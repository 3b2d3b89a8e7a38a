"""A small 13-week program whose reviews are worked out by hand (tests/rules/test_rules_reviews.py).

Weeks W1–W13 are the Mondays 7 Sep – 30 Nov 2026; check-ins are due on Fridays. Everyone starts
on Monday 7 Sep except Ivy (7 Dec). Exams of Q4 2026: Dev passed 13 Nov, Ana 20 Nov, Ben 4 Dec,
Eve 11 Dec; Cleo failed on 27 Nov, Finn on 18 Dec.

Cohort sessions (issue 9), for the tests that give them: the Autumn cohort (Ana, Ben, Cleo, Dev)
meets on 27 Oct, 3 and 10 Nov and 1 Dec; the Winter cohort (Finn alone) on 5 and 19 Nov; Eve,
moved into a Spring cohort of her own (`with_spring_cohort`), on 19 and 26 Nov and 2 Dec, and she
attends only the first.
"""

from __future__ import annotations

from datetime import date, timedelta

from certsync.rules.model import CheckIn, Enrollment, Milestones, Person, Session

W1 = date(2026, 9, 7)
START = W1
EVE = "*Eve* [x](y)"  # user text: every renderer must print it literally


def week(n: int) -> date:
    return W1 + timedelta(weeks=n - 1)


def _e(id: str, name: str, cert: str, **fields) -> Enrollment:
    defaults = dict(study_start=START, weekly_target_hours=8.0)
    return Enrollment(id=id, name=f"{name} — {cert}", engineer=Person(id=f"u-{id}", name=name),
                      certification=cert, **(defaults | fields))


AWS, CKA = "AWS SAA", "CKA"
AUTUMN, WINTER = "Autumn cohort", "Winter cohort"

ENROLLMENTS = (
    _e("ana", "Ana Alves", AWS, cohort=AUTUMN, exam_date=date(2026, 11, 20), certified=True, exam_result="Passed",
       attempts=1, certified_on=date(2026, 11, 20), cost=300.0, satisfaction=4.5),
    _e("ben", "Ben Brown", AWS, cohort=AUTUMN, exam_date=date(2026, 12, 4), certified=True, exam_result="Passed",
       attempts=2, certified_on=date(2026, 12, 4), cost=450.0, satisfaction=4.0),
    _e("cleo", "Cleo Chen", AWS, cohort=AUTUMN, exam_date=date(2026, 11, 27), exam_result="Failed", attempts=1,
       cost=150.0, satisfaction=3.5),
    _e("dev", "Dev Das", CKA, cohort=AUTUMN, weekly_target_hours=10.0, exam_date=date(2026, 11, 13), certified=True,
       exam_result="Passed", attempts=1, certified_on=date(2026, 11, 13), cost=395.0, satisfaction=5.0),
    _e("eve", EVE, CKA, exam_date=date(2026, 12, 11), certified=True, exam_result="Passed", attempts=1,
       certified_on=date(2026, 12, 11), cost=395.0, satisfaction=4.0),
    _e("finn", "Finn Fox", CKA, cohort=WINTER, exam_date=date(2026, 12, 18), exam_result="Failed", attempts=2,
       cost=790.0, satisfaction=4.0),
    _e("gus", "Gus Green", AWS, exam_date=date(2027, 1, 29)),
    _e("hana", "Hana Hill", CKA, weekly_target_hours=6.0, exam_date=date(2027, 3, 26), planned_hours=120.0),
    _e("ivy", "Ivy Ito", AWS, study_start=date(2026, 12, 7), exam_date=date(2027, 3, 5)),
    _e("jo", "Jo Jones", AWS, exam_date=date(2027, 2, 26), planned_hours=150.0),
)

# Hours of weeks W1, W2, ... (a week beyond the list has no check-in).
HOURS = {
    "ana": [8] * 11,
    "ben": [8] * 13,
    "cleo": [8] * 12,
    "dev": [10] * 10,
    "eve": [9] * 13,
    "finn": [8] * 11 + [3, 2],
    "gus": [8] * 11 + [0, 16],
    "hana": [6] * 12,
    "jo": [8] * 12 + [6],
}
SCORES = {  # week -> practice score
    "ana": {3: 60, 6: 68, 9: 74},
    "finn": {5: 70, 8: 71, 11: 72},
    "gus": {4: 62, 8: 70},
    "hana": {9: 78, 11: 72},
}
EXTRA = {  # (enrollment, week) -> more fields of that week's check-in
    ("finn", 12): dict(weak_domains=("Networking", "Storage")),
    ("finn", 13): dict(blockers="Lab cluster keeps crashing", milestones=Milestones.YES),
    ("hana", 11): dict(weak_domains=("networking",)),
    ("gus", 12): dict(weak_domains=("IAM policies",)),
    ("jo", 11): dict(weak_domains=("Storage ",)),
    ("jo", 13): dict(milestones=Milestones.PARTIAL),
}


def check_ins() -> list[CheckIn]:
    out = []
    for eid, hours in HOURS.items():
        for n, h in enumerate(hours, start=1):
            extra = EXTRA.get((eid, n), {})
            out.append(CheckIn(id=f"{eid}-w{n:02d}", enrollment_id=eid, week_of=week(n), hours=h,
                               practice_score=SCORES.get(eid, {}).get(n), **extra))
    return out


SPRING = "Spring cohort"


def with_spring_cohort(enrollments) -> list[Enrollment]:
    return [e.model_copy(update={"cohort": SPRING}) if e.id == "eve" else e for e in enrollments]


def sessions() -> list[Session]:
    def s(ident, day, cohort, topic, *attendees):
        return Session(id=ident, day=day, cohort=cohort, topic=topic, attendees=attendees)

    return [
        s("a0", date(2026, 10, 27), AUTUMN, "IAM", "ana"),
        s("a1", date(2026, 11, 3), AUTUMN, "Networking", "ana", "ben", "dev"),
        s("a2", date(2026, 11, 10), AUTUMN, "Security", "ana", "cleo", "finn"),  # Finn is not a member
        s("a3", date(2026, 12, 1), AUTUMN, "Storage", "ben"),
        s("w1", date(2026, 11, 5), WINTER, "Pods"),
        s("w2", date(2026, 11, 19), WINTER, "Services"),
        s("s1", date(2026, 11, 19), SPRING, "Networking", "eve"),
        s("s2", date(2026, 11, 26), SPRING, "Security"),
        s("s3", date(2026, 12, 2), SPRING, "Storage"),
    ]
