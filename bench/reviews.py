"""Benchmark of the reviews: every review composed for 10,000 enrollments with 26 weeks of check-ins.

Run: python bench/reviews.py [--enrollments N] [--seed S]
Prints the time to generate the data, then the time to compose the four reviews (weekly,
biweekly, monthly, quarterly) with the weekly statuses recomputed by one history sweep per
enrollment over the 26 weeks (the target: under 2 s), the cohorts' sessions included (missed
sessions are flagged, attendance is counted). Data is deterministic per seed.
"""

from __future__ import annotations

import argparse
import gc
import random
from time import perf_counter, process_time
from datetime import date, datetime, time, timedelta

from certsync.rules.model import CheckIn, Enrollment, Milestones, Person, Session
from certsync.rules.review_periods import ReviewPeriod, review_due
from certsync.rules.reviews import ReviewData, biweekly_review, monthly_review, quarterly_review, weekly_review

TODAY = date(2026, 11, 20)  # a Friday: the weekly review's day; the others review October and Q3
WEEKS = 26
DOMAINS = ("Networking", "Storage", "IAM", "Security", "Observability", "Scheduling")


COHORTS = ("Spring", "Summer", "Autumn")


def generate(count: int, seed: int) -> tuple[list[Enrollment], list[CheckIn], list[Session]]:
    rng = random.Random(seed)
    first_monday = TODAY - timedelta(days=TODAY.weekday() + 7 * (WEEKS - 1))
    enrollments, check_ins = [], []
    for n in range(count):
        target = rng.choice([4, 5, 6, 8, 10])
        effort = rng.uniform(0.5, 1.3)
        start = first_monday + timedelta(days=rng.randint(0, 6))
        exam = first_monday + timedelta(days=rng.randint(42, 240))
        sat = exam < TODAY and rng.random() < 0.8
        result = (rng.choice(["Passed", "Passed", "Passed", "Failed"]) if sat else None)
        enrollments.append(Enrollment(
            id=f"enr-{n:05d}", name=f"Engineer {n} — Cert {n % 7}", engineer=Person(name=f"Engineer {n}"),
            certification=f"Cert {n % 7}", study_start=start, weekly_target_hours=target, exam_date=exam,
            certified=result == "Passed", certified_on=exam if result == "Passed" else None, exam_result=result,
            attempts=rng.choice([1, 1, 1, 2]) if result else None, cost=rng.choice([None, 150.0, 300.0, 395.0]),
            cohort=rng.choice([None, *COHORTS]),
            satisfaction=rng.choice([None, 3.0, 4.0, 4.5, 5.0]) if result else None))
        for w in range(WEEKS):
            if rng.random() < 0.03:
                continue
            check_ins.append(CheckIn(
                id=f"ci-{n:05d}-{w:02d}", enrollment_id=f"enr-{n:05d}",
                week_of=first_monday + timedelta(days=7 * w + rng.randint(0, 4)),
                hours=round(max(0.0, rng.gauss(target * effort, 1.5)), 1),
                milestones=rng.choice([None, Milestones.YES, Milestones.YES, Milestones.PARTIAL, Milestones.NO]),
                confidence=rng.choice([None, 2, 3, 3, 4, 4, 5]),
                practice_score=None if w % 2 else round(min(100.0, 50 + w * rng.uniform(0, 2)), 1),
                blockers=rng.choice(["", "", "", "Lab access"]),
                weak_domains=tuple(rng.sample(DOMAINS, rng.choice([0, 0, 1, 2])))))
    rng.shuffle(check_ins)
    sessions = []  # every cohort meets every other Wednesday; four in five of its members come
    for cohort in COHORTS:
        members = [e.id for e in enrollments if e.cohort == cohort]
        for w in range(0, WEEKS, 2):
            sessions.append(Session(id=f"ses-{cohort}-{w:02d}", day=first_monday + timedelta(days=7 * w + 2),
                                    cohort=cohort, topic=DOMAINS[w % len(DOMAINS)],
                                    attendees=tuple(m for m in members if rng.random() < 0.8)))
    return enrollments, check_ins, sessions


def compose(enrollments: list[Enrollment], check_ins: list[CheckIn], sessions: list[Session],
            every_week: bool = False) -> tuple:
    """The four reviews due at the end of TODAY, the weekly standings swept once per enrollment over
    the weeks the reviews show (or, with `every_week`, over all 26 weeks)."""
    data = ReviewData.of(enrollments, check_ins, sessions=sessions)
    now = datetime.combine(TODAY, time(23, 59))
    periods = [review_due(kind, now) for kind in ("weekly", "biweekly", "monthly", "quarterly")]
    if every_week:
        last = TODAY - timedelta(days=TODAY.weekday())
        periods.append(ReviewPeriod(kind="monthly", key="all", first=last - timedelta(weeks=WEEKS - 1),
                                    last=last + timedelta(days=6), posts_at=now))
    data.prepare(periods)
    return (weekly_review(data, today=TODAY), biweekly_review(data, today=TODAY),
            monthly_review(data, today=TODAY, budget=1_000_000), quarterly_review(data, today=TODAY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = perf_counter()
    enrollments, check_ins, sessions = generate(args.enrollments, args.seed)
    print(f"generated {len(enrollments):,} enrollments, {len(check_ins):,} check-ins, {len(sessions)} cohort sessions "
          f"in {perf_counter() - started:.2f} s")
    # As a pass or a reminder round does (sync/run.py paused_gc): no cyclic collection while the
    # reviews are composed (they build no cycles), and the snapshot is frozen out of later ones.
    gc.collect()
    gc.freeze()
    gc.disable()
    for every_week, label in ((False, "the weeks the reviews show swept"), (True, "all 26 weeks swept")):
        best = cpu = None
        for _ in range(args.repeat):
            started, started_cpu = perf_counter(), process_time()
            weekly, biweekly, monthly, quarterly = compose(enrollments, check_ins, sessions, every_week)
            took, took_cpu = perf_counter() - started, process_time() - started_cpu
            best = took if best is None else min(best, took)
            cpu = took_cpu if cpu is None else min(cpu, took_cpu)
        print(f"composed the four reviews, {label}: best of {args.repeat} {best:.3f} s wall, {cpu:.3f} s CPU "
              f"({best / len(enrollments) * 1e6:.0f} µs per enrollment)")
    print("weekly:", weekly.counts.model_dump(), f"{len(weekly.turned_red)} turned red,",
          f"{len(weekly.great_progress)} great-progress messages")
    print("biweekly:", len(biweekly.trends), "trends,", len(biweekly.weak_domains), "shared weak domains")
    print("monthly:", f"{monthly.share_on_track:.0%} on track,", len(monthly.projected_to_miss), "projected to miss")
    print("quarterly:", quarterly.overall.people, "sat,", quarterly.overall.certifications, "certified")


if __name__ == "__main__":
    main()
