"""The bundled sample program behind `certsync demo`: the agency story of DESIGN.md.

A 38-person agency enrolled 12 engineers in cloud and security certifications. As of
SAMPLE_TODAY (Saturday 21 Nov 2026, so the week of 16 Nov is the last due week) their histories
show every rule and every status: some on track, one certified, one not started yet, and the
others falling behind in the ways the rules are there to notice. Five of them train in two
cohorts (AWS and Kubernetes) that meet every other week; the others study on their own.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from certsync.rules.model import (
    CheckIn, Enrollment, ExamHistory, Milestones, Person, Program, Session, StudyPlanRow,
)

SAMPLE_TODAY = date(2026, 11, 21)

GRACE = Person(name="Grace Liu")
OWEN = Person(name="Owen Brooks")
FATIMA = Person(name="Fatima Haddad")

YES, PARTIAL, NO = Milestones.YES, Milestones.PARTIAL, Milestones.NO


class Week(NamedTuple):
    """One check-in: the week it reports on (0 = the study start's week) and what it says."""

    week: int
    hours: float | None
    milestones: Milestones | None = YES
    confidence: int | None = None
    score: float | None = None
    blockers: str = ""
    absence: str = ""
    weekday: int = 4  # most people fill in the form on Friday
    weak: tuple[str, ...] = ()  # the exam domains the engineer found hard that week


def _enrollment(number: int, engineer: str, manager: Person, certification: str, **fields) -> Enrollment:
    return Enrollment(
        id=f"enr-{number:02d}",
        name=f"{engineer} — {certification}",
        engineer=Person(name=engineer),
        manager=manager,
        certification=certification,
        **fields,
    )


def _check_ins(enrollment: Enrollment, weeks: list[Week]) -> list[CheckIn]:
    first_monday = enrollment.study_start - timedelta(days=enrollment.study_start.weekday())
    return [
        CheckIn(
            id=f"ci-{enrollment.id[4:]}-{i:02d}",
            enrollment_id=enrollment.id,
            week_of=first_monday + timedelta(weeks=w.week, days=w.weekday),
            hours=w.hours,
            milestones=w.milestones,
            confidence=w.confidence,
            practice_score=w.score,
            blockers=w.blockers,
            absence_reason=w.absence,
            weak_domains=w.weak,
        )
        for i, w in enumerate(weeks, start=1)
    ]


AWS_COHORT = "AWS autumn 2026"
K8S_COHORT = "Kubernetes autumn 2026"


def _people() -> list[tuple[Enrollment, list[Week]]]:
    return [
        # On track: steady hours, rising scores.
        (
            _enrollment(1, "Priya Raman", GRACE, "AWS Solutions Architect Associate",
                        study_start=date(2026, 10, 5), weekly_target_hours=8, exam_date=date(2026, 12, 12),
                        midpoint_exam=date(2026, 11, 24), final_exam=date(2026, 12, 5),
                        cohort=AWS_COHORT, cost=300,
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 12),))),
            [
                Week(0, 8, YES, 3), Week(1, 9, YES, 3), Week(2, 8.5, YES, 4, 58),
                Week(3, 8, YES, 3, 64), Week(4, 10, YES, 4, 71),
                Week(5, 8, YES, 4, 76), Week(6, 9, YES, 4, 81),
            ],
        ),
        # Two weeks under half of target after an incident: at risk, and behind plan.
        (
            _enrollment(2, "Marcus Webb", OWEN, "CKA",
                        study_start=date(2026, 9, 28), weekly_target_hours=8, exam_date=date(2026, 12, 19),
                        # Sat the exam once in September before joining the cohort; the retake is free.
                        cohort=K8S_COHORT, exam_result="Failed", attempts=1, cost=445, satisfaction=3.5,
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 19),))),
            [
                Week(0, 8, YES, 3), Week(1, 8, YES, 3), Week(2, 7.5, YES, 3, 55),
                Week(3, 8, YES, 4, 61), Week(4, 6, YES, 3), Week(5, 8, YES, 3, 63),
                Week(6, 3.0, PARTIAL, 3, blockers="On call during the payments outage; evenings went to the postmortem."),
                Week(7, 2.5, PARTIAL, 3, blockers="Still on call this week. Haven't touched etcd backup/restore labs.",
                     weak=("Cluster maintenance", "Networking")),
            ],
        ),
        # Nothing logged in the last due week, no absence given: at risk.
        # Exactly one week's target behind plan, which is not more than one week: not behind plan.
        (
            _enrollment(3, "Sofia Alvarez", GRACE, "Azure AZ-104",
                        study_start=date(2026, 10, 12), weekly_target_hours=6, exam_date=date(2027, 1, 9),
                        cost=165, exam_history=ExamHistory(dates_seen=(date(2027, 1, 9),))),
            [
                Week(0, 6, YES, 4), Week(1, 6, YES, 4, 60), Week(2, 7, YES, 4),
                Week(3, 5, PARTIAL, 3, 66, blockers="Sandbox subscription quota hit during the networking lab.",
                     weak=("Networking",)),
                Week(4, 6, YES, 3, 70),
            ],
        ),
        # Practice score fell from 78% to 71%: at risk.
        (
            _enrollment(4, "Daniel Okafor", OWEN, "Terraform Associate",
                        study_start=date(2026, 10, 19), weekly_target_hours=5, exam_date=date(2026, 12, 5),
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 5),))),
            [
                Week(0, 5, YES, 3), Week(1, 6, YES, 4, 65), Week(2, 5, YES, 4, 72),
                Week(3, 5.5, YES, 4, 78),
                Week(4, 5, YES, 3, 71, blockers="New question bank covers state backends and Sentinel; lost marks there.",
                     weak=("State backends",)),
            ],
        ),
        # Exam postponed twice before the local history began (count read back from the tracker).
        (
            _enrollment(5, "Hannah Kim", FATIMA, "GCP Associate Cloud Engineer",
                        study_start=date(2026, 9, 28), weekly_target_hours=6, exam_date=date(2027, 1, 16),
                        exam_history=ExamHistory(dates_seen=(date(2027, 1, 16),), postponements_before=2)),
            [
                Week(0, 6, YES, 3), Week(1, 6.5, YES, 3, 50), Week(2, 6, YES, 3),
                Week(3, 7, YES, 3, 58), Week(4, 6, YES, 4), Week(5, 6, YES, 4, 63),
                Week(6, 6.5, YES, 4), Week(7, 6, YES, 4, 69,
                                           blockers="Exam moved again to fit the client release freeze."),
            ],
        ),
        # Confidence 2, 1, 2 over the last three weeks and milestones missed: at risk.
        (
            _enrollment(6, "Tomasz Nowak", FATIMA, "CompTIA Security+",
                        study_start=date(2026, 10, 5), weekly_target_hours=6, exam_date=date(2026, 12, 14),
                        cost=404, exam_history=ExamHistory(dates_seen=(date(2026, 12, 14),))),
            [
                Week(0, 6, YES, 3), Week(1, 6, YES, 3), Week(2, 6.5, YES, 3, 52),
                Week(3, 6, PARTIAL, 2, blockers="PKI chapter is slow going."),
                Week(4, 6, YES, 2, 55), Week(5, 6, PARTIAL, 1, blockers="Certificate chains and PKI still not clicking.",
                                            weak=("Cryptography and PKI",)),
                Week(6, 6, NO, 2, 58, blockers="Stuck on cryptography questions; would like someone to pair on PKI.",
                     weak=("Cryptography and PKI", "Network security")),
            ],
        ),
        # Last week under target (6.5 of 8) but above half: slightly behind.
        # Two check-ins in the week of 9 Nov add up to 8.5 h.
        (
            _enrollment(7, "Aisha Bello", GRACE, "AWS Developer Associate",
                        study_start=date(2026, 10, 12), weekly_target_hours=8, exam_date=date(2026, 12, 20),
                        cohort=AWS_COHORT, cost=300,
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 20),))),
            [
                Week(0, 8, YES, 4), Week(1, 8.5, YES, 4, 67), Week(2, 9, YES, 4),
                Week(3, 8, YES, 4, 74),
                Week(4, 4, None, None, weekday=0), Week(4, 4.5, YES, 4, 79, weekday=3),
                Week(5, 6.5, YES, 4, 82, blockers="Client workshop ate Thursday."),
            ],
        ),
        # A week off (absence given) and two short weeks: 7.5 h behind a 5 h target, and at 4.5 h a
        # week ready 12 days after the exam of 19 Dec: slightly behind, and off pace.
        (
            _enrollment(8, "Liam O'Connor", OWEN, "CKAD",
                        study_start=date(2026, 9, 28), weekly_target_hours=5, exam_date=date(2026, 12, 19),
                        cohort=K8S_COHORT, cost=445,
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 19),))),
            [
                Week(0, 5, YES, 3), Week(1, 5, YES, 3),
                Week(2, 0, None, None, absence="Family visit abroad, no study this week."),
                Week(3, 4, PARTIAL, 3, blockers="Catching up after the week away."),
                Week(4, 5, YES, 3, 60), Week(5, 3, PARTIAL, 3, blockers="Sprint deadline."),
                Week(6, 5, YES, 4, 66), Week(7, 5.5, YES, 4, 71, weak=("Networking",)),
            ],
        ),
        # Scores 68%, 69%, 70%: stuck in the band, up exactly 2 points; milestones partly done.
        (
            _enrollment(9, "Mei Chen", FATIMA, "GCP Professional Cloud Architect",
                        study_start=date(2026, 9, 28), weekly_target_hours=7, exam_date=date(2026, 12, 18),
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 18),))),
            [
                Week(0, 7, YES, 3), Week(1, 7, YES, 3), Week(2, 7.5, YES, 3), Week(3, 7, YES, 3),
                Week(4, 7, YES, 3, 62), Week(5, 7, YES, 3, 68), Week(6, 8, YES, 3, 69),
                Week(7, 7, PARTIAL, 3, 70, blockers="Case studies take longer than planned; only got through two of four."),
            ],
        ),
        # Exam date moved later once (5 Dec -> 19 Dec), then earlier (-> 12 Dec): one postponement.
        (
            _enrollment(10, "Jonas Berg", GRACE, "Azure AZ-305",
                        study_start=date(2026, 10, 5), weekly_target_hours=6, exam_date=date(2026, 12, 12),
                        exam_history=ExamHistory(dates_seen=(date(2026, 12, 5), date(2026, 12, 19), date(2026, 12, 12)))),
            [
                Week(0, 6, YES, 3), Week(1, 6, YES, 3, 61), Week(2, 7, YES, 4),
                Week(3, 6, YES, 4, 68), Week(4, 6.5, YES, 4), Week(5, 6, YES, 4, 74),
                Week(6, 6, YES, 4, 79),
            ],
        ),
        # Certified on 14 Nov (after one postponement): Completed, no flags, the count still kept.
        (
            _enrollment(11, "Elena Petrova", OWEN, "AWS SysOps Administrator Associate",
                        study_start=date(2026, 9, 28), weekly_target_hours=6, exam_date=date(2026, 11, 14),
                        certified=True, cohort=AWS_COHORT, exam_result="Passed", attempts=1,
                        certified_on=date(2026, 11, 14), cost=450, satisfaction=4.5,
                        exam_history=ExamHistory(dates_seen=(date(2026, 11, 7), date(2026, 11, 14)))),
            [
                Week(0, 6, YES, 3), Week(1, 6, YES, 3, 64), Week(2, 7, YES, 4),
                Week(3, 6, YES, 4, 72), Week(4, 8, YES, 4, 78), Week(5, 6, YES, 5, 84),
                Week(6, 4, YES, 5, weekday=2),
            ],
        ),
        # Starts on 30 Nov: no due weeks yet, on track.
        (
            _enrollment(12, "Ravi Patel", FATIMA, "AWS Security Specialty",
                        study_start=date(2026, 11, 30), weekly_target_hours=5, exam_date=date(2027, 3, 6),
                        exam_history=ExamHistory(dates_seen=(date(2027, 3, 6),))),
            [],
        ),
    ]


# The study plan's weeks, the same outline for every certification: three deliverables a week.
PLAN_WEEKS = [
    ("Exam guide and the first domain's reading", "Diagnostic practice exam", "Note the three weakest domains"),
    ("First domain: core services", "20 practice questions on the domain", "Explain the domain to a colleague"),
    ("Second domain: design and architecture", "One hands-on lab", "Quiz of 15 questions, 80% or more"),
    ("Third domain: security and identity", "20 practice questions on the domain", "Write a one-page summary"),
    ("Fourth domain: networking", "One hands-on lab", "Quiz of 15 questions, 80% or more"),
    ("Weakest domain from the diagnostic", "30 practice questions", "Review every wrong answer"),
    ("Mid-point review of all domains", "Mid-point practice exam", "Score 70% or more"),
    ("Fifth domain: operations and monitoring", "One hands-on lab", "Quiz of 15 questions, 80% or more"),
    ("Sixth domain: cost and governance", "20 practice questions on the domain", "Explain the domain to a colleague"),
    ("The two weakest domains again", "30 practice questions", "Review every wrong answer"),
    ("Full review", "Final practice exam", "Score 80% or more"),
    ("Light review and rest", "Flash cards only", "Book the exam slot"),
]


def sample_study_plan(enrollments: tuple[Enrollment, ...]) -> tuple[StudyPlanRow, ...]:
    """Twelve weeks for every certification of the program, and one personal week: Sofia, back from
    her week without hours, catches up on the domain she missed."""
    certifications = sorted({e.certification for e in enrollments if e.certification})
    rows = [StudyPlanRow(certification=cert, week=n, study_target=target, practice_activity=practice,
                         verification=check)
            for cert in certifications for n, (target, practice, check) in enumerate(PLAN_WEEKS, start=1)]
    rows.append(StudyPlanRow(certification="Azure AZ-104", week=8, enrollment_id="enr-03",
                             study_target="Catch up on storage accounts (missed in week 7)",
                             practice_activity="One hands-on lab on storage", verification="Quiz of 15 questions"))
    return tuple(rows)


def sample_sessions() -> tuple[Session, ...]:
    """The cohorts' sessions, every other Wednesday, with who came: Aisha missed the VPC lab, and
    Marcus, on call, missed the last two of his cohort (services and the troubleshooting lab)."""
    aws, k8s = AWS_COHORT, K8S_COHORT
    return (
        Session(id="ses-01", day=date(2026, 10, 14), cohort=aws, topic="Kickoff: exam guides and study plans",
                attendees=("enr-01", "enr-07", "enr-11")),
        Session(id="ses-02", day=date(2026, 10, 28), cohort=aws, topic="IAM and security deep dive",
                attendees=("enr-01", "enr-07", "enr-11")),
        Session(id="ses-03", day=date(2026, 11, 11), cohort=aws, topic="VPC design lab", attendees=("enr-01", "enr-11")),
        Session(id="ses-04", day=date(2026, 11, 18), cohort=aws, topic="Practice exam review",
                attendees=("enr-01", "enr-07")),
        Session(id="ses-05", day=date(2026, 10, 7), cohort=k8s, topic="Cluster architecture and kubectl",
                attendees=("enr-02", "enr-08")),
        Session(id="ses-06", day=date(2026, 10, 21), cohort=k8s, topic="Workloads and scheduling",
                attendees=("enr-02", "enr-08")),
        Session(id="ses-07", day=date(2026, 11, 4), cohort=k8s, topic="Services and networking",
                attendees=("enr-08",)),
        Session(id="ses-08", day=date(2026, 11, 18), cohort=k8s, topic="Troubleshooting lab", attendees=("enr-08",)),
    )


def sample_program() -> Program:
    """The sample agency program, to be evaluated as of SAMPLE_TODAY."""
    people = _people()
    enrollments = tuple(enrollment for enrollment, _ in people)
    return Program(
        name="Certification push, autumn 2026",
        enrollments=enrollments,
        check_ins=tuple(c for enrollment, weeks in people for c in _check_ins(enrollment, weeks)),
        study_plan=sample_study_plan(enrollments),
        sessions=sample_sessions(),
    )
