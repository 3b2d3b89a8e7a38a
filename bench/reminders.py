"""Benchmark of a reminder round on Notion or Asana: requests made against the minimum, at 1,000 active enrollments.

The benchmarks' program (bench/programs.py: 1,000 enrollments, weekly check-ins up to the week of
9 Nov, a 12-week study plan per certification), every engineer a sandbox user, seeded into the
Notion (or Asana) sandbox with the rate limit off, through the tool's real SDK. certsync's "now" and the sandbox clock move forward
together (by the week between the rounds):

1. Friday 20 Nov 15:00, the first round of a state file (cold): everyone's week has no check-in,
   so everyone gets the update reminder; a cold round looks at each record's comments first.
2. Friday 27 Nov 15:00, the measured round (warm state, the previous Friday's reminder open on
   every record): one comment per reminder due, plus one removal of the previous one.

The minimum of a round is one comment per reminder posted plus one removal per previous reminder
of its kind open; the target ratio is 1.000. A comment is a Notion comment or an Asana story
(posted on the task, deleted by its gid). Reads (the incremental queries of Enrollments and
Check-ins, the study plan's query, the integration's own user; on Asana the task lists of the
projects) are reported on their own lines.

Run: python bench/reminders.py [--enrollments 1000] [--tracker notion|asana|both]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from datetime import date, datetime, time as clock_time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.rules.model import Person, StudyPlanRow
from certsync.sandbox import Sandbox
from certsync.sync.remind import run_reminders

sys.path.insert(0, str(Path(__file__).parent))
from programs import program  # noqa: E402

TOKEN_ENV = "CERTSYNC_BENCH_TOKEN"
BERLIN = ZoneInfo("Europe/Berlin")
FIRST = datetime.combine(date(2026, 11, 20), clock_time(15), tzinfo=BERLIN)
MEASURED = FIRST + timedelta(days=7)
LAST_REPORTED = date(2026, 11, 9)  # check-ins up to this week: nobody has reported the weeks of 16 and 23 Nov


def bench_program(count: int):
    data = program(count, 1, [f"Manager {i}" for i in range(20)])
    enrollments = tuple(e.model_copy(update={"engineer": Person(name=f"Engineer {n:04d}")})
                        for n, e in enumerate(data.enrollments))
    check_ins = tuple(c for c in data.check_ins if c.week_of - timedelta(days=c.week_of.weekday()) <= LAST_REPORTED)
    plan = tuple(StudyPlanRow(certification=cert, week=w, study_target=f"{cert}: chapter {w}",
                              practice_activity=f"Lab {w}", verification=f"Quiz {w}")
                 for cert in sorted({e.certification for e in enrollments}) for w in range(1, 13))
    return data.model_copy(update={"enrollments": enrollments, "check_ins": check_ins, "study_plan": plan})


ASANA = "/asana/api/1.0"


def kind_of(tool: str, method: str, route: str) -> str:
    """What a request is for: "post" / "delete" (a comment), "list" (a query of a database or a
    project's tasks), "comments" (a record's comments read), or "other"."""
    if tool == "notion":
        if "comments" in route:
            return {"POST": "post", "DELETE": "delete", "GET": "comments"}.get(method, "other")
        return "list" if method == "POST" and "query" in route else "other"
    route = route[len(ASANA):] if route.startswith(ASANA) else route
    if method == "POST" and route.endswith("/stories"):
        return "post"
    if method == "DELETE" and route.startswith("/stories/"):
        return "delete"
    if method == "GET" and route.endswith("/stories"):
        return "comments"
    return "list" if method == "GET" and route.endswith("/tasks") else "other"


def routes(sandbox: Sandbox) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in sandbox.stats()["requests"]:
        key = f"{row['method']} {row['route']}"
        counts[key] = counts.get(key, 0) + row["count"]
    return counts


def count(tool: str, counts: dict[str, int], kind: str) -> int:
    return sum(n for key, n in counts.items() if kind_of(tool, *key.split(" ", 1)) == kind)


def measure(tool: str, label: str, config, sandbox: Sandbox, now: datetime, plan_rows: int) -> None:
    sandbox.reset_stats()
    tracker = open_tracker(config, tool)
    report = run_reminders(config, now=now, tracker=tracker)
    tracker.close()
    counts = routes(sandbox)
    posted = sum(s.posted for s in report.sent)
    removed = sum(s.removed for s in report.sent)
    minimum = posted + removed
    posts, deletes = count(tool, counts, "post"), count(tool, counts, "delete")
    queries = count(tool, counts, "list")
    plan_queries = max(1, math.ceil(plan_rows / 100))
    comment_lists = count(tool, counts, "comments")
    other = report.requests - posts - deletes - queries - comment_lists
    print(f"[{tool}] {label}: {len(report.sent)} reminders due, {posted} sent, {removed} previous removed, "
          f"{len(report.failures)} failed; {report.requests} requests in {report.seconds:.1f} s", flush=True)
    print(f"  comments posted   {posts:>6}   (minimum {posted})")
    print(f"  comments removed  {deletes:>6}   (minimum {removed})")
    print(f"  ratio             {(posts + deletes) / minimum if minimum else float('nan'):>10.3f}   "
          f"(comment requests / minimum; target 1.000)")
    print(f"  list reads: {queries - plan_queries} Enrollments/Check-ins list reads, {plan_queries} study plan read "
          f"({plan_rows} rows), {comment_lists} comment lists")
    others = ", ".join(f"{r} {n}" for r, n in sorted(counts.items()) if n and kind_of(tool, *r.split(" ", 1)) == "other")
    print(f"  other requests    {other:>6}   ({others})")
    print(f"  all requests / (comment minimum + list queries) = {report.requests / max(1, minimum + queries):.3f}", flush=True)


# The client's own rate limit, raised out of the way (the sandbox's is off).
CLIENT_RATE = {"notion": ("requests_per_second = 1000", "requests_per_second = 100000"),
               "asana": ("requests_per_minute = 60000", "requests_per_minute = 6000000")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=1000)
    parser.add_argument("--tracker", choices=["notion", "asana", "both"], default="notion")
    args = parser.parse_args()
    for tool in (["notion", "asana"] if args.tracker == "both" else [args.tracker]):
        bench(tool, args.enrollments)


def seeded(tool: str, sandbox: Sandbox, data, folder: str):
    """The program in the tool's sandbox, provisioned, through its real SDK; its config."""
    os.environ[TOKEN_ENV] = sandbox.token
    os.environ["CERTSYNC_LOCK_DIR"] = str(Path(folder) / "locks")
    built = sample(tool, sandbox, data, TOKEN_ENV)
    section = built.section().replace(*CLIENT_RATE[tool])
    path = Path(folder) / "certsync.toml"
    path.write_text(f'[program]\nname = "bench"\ntimezone = "Europe/Berlin"\n{section}[sync]\nstate = "state.sqlite"\n')
    config = load_config(path)
    open_tracker(config, tool).provision()
    built.fill()
    built.close()
    return config


def bench(tool: str, enrollments: int) -> None:
    with tempfile.TemporaryDirectory() as folder, Sandbox(rate_limit=0).start() as sandbox:
        data = bench_program(enrollments)
        started = time.monotonic()
        config = seeded(tool, sandbox, data, folder)
        print(f"[{tool}] seeded {len(data.enrollments):,} enrollments, {len(data.check_ins):,} check-ins and "
              f"{len(data.study_plan)} study plan rows in {time.monotonic() - started:.0f} s (rate limit off)", flush=True)
        sandbox.advance_clock(3600)  # the tracker was filled in before certsync was connected
        measure(tool, "Friday 20 Nov 15:00, first round (cold state)", config, sandbox, FIRST, len(data.study_plan))
        sandbox.advance_clock((MEASURED - FIRST).total_seconds())
        measure(tool, "Friday 27 Nov 15:00, warm state, last Friday's reminder open", config, sandbox, MEASURED,
                len(data.study_plan))


if __name__ == "__main__":
    main()
