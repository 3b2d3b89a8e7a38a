"""Benchmark of review rounds on Notion or Asana: what posting the four reviews costs at 1,000 enrollments.

The reminders benchmark's program (bench/reminders.py: 1,000 enrollments, weekly check-ins up to
the week of 9 Nov) in the sandbox, rate limit off, through the tool's real SDK. Two rounds:

1. Monday 7 Dec 2026 10:00, the first round of a state file: the weekly review of W49, the
   biweekly of W47–W48, the monthly of November and the quarterly of Q3 are due (four posts),
   and on Asana the weekly review's status update.
2. The same moment, a second round (a retry, or a second job): nothing is posted.

Reported per round: the requests by what they are for (queries: the tracker's read and, on
Notion, the Program reviews database's, which share one route; the other looks at certsync's own
posts; the posts themselves: a Notion review is one page plus an append per 100 blocks and the
marker's update, an Asana review one task), each route's count, and the time. The review's size
grows with the program (a bullet per engineer in several sections), so Notion's appends do too.

Run: python bench/review_posting.py [--enrollments 1000] [--tracker notion|asana|both]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from certsync.adapters.registry import open_tracker
from certsync.sandbox import Sandbox
from certsync.sync.review_round import run_review_round

sys.path.insert(0, str(Path(__file__).parent))
from reminders import BERLIN, bench_program, routes, seeded  # noqa: E402

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN)
ASANA = "/asana/api/1.0"


def purpose(tool: str, method: str, route: str) -> str:
    """What a request is for: "read" (records, sessions), "look" (certsync's own posts), "post"."""
    route = route[len(ASANA):] if route.startswith(ASANA) else route
    if tool == "notion":
        if method == "POST" and route == "/v1/pages" or method == "PATCH" and "/children" in route:
            return "post"
        if method == "PATCH" and route.startswith("/v1/pages/"):
            return "post"  # the marker, written last
        return "read" if method == "POST" and "query" in route else "look"
    if method == "POST" and route in ("/tasks", "/status_updates"):
        return "post"
    return "read" if method == "GET" and route.endswith("/tasks") else "look"


def measure(tool: str, label: str, config, sandbox: Sandbox) -> None:
    sandbox.reset_stats()
    tracker = open_tracker(config, tool)
    started = time.monotonic()
    report = run_review_round(config, now=NOW, tracker=tracker)
    took = time.monotonic() - started
    tracker.close()
    counts = routes(sandbox)
    by = {what: sum(n for key, n in counts.items() if purpose(tool, *key.split(" ", 1)) == what)
          for what in ("read", "look", "post")}
    posted = [f"{p.kind} {p.period}" for p in report.postings if p.posted]
    updates = sum(p.team == "posted" for p in report.postings)
    print(f"[{tool}] {label}: {len(posted)} reviews posted ({', '.join(posted) or 'none'}), {updates} team updates, "
          f"{len(report.failures)} failed; {report.requests} requests in {took:.1f} s", flush=True)
    print(f"  queries {by['read']:>5}   other looks {by['look']:>4}   posts {by['post']:>4}")
    print("  " + ", ".join(f"{r} {n}" for r, n in sorted(counts.items()) if n), flush=True)


def bench(tool: str, enrollments: int) -> None:
    with tempfile.TemporaryDirectory() as folder, Sandbox(rate_limit=0).start() as sandbox:
        config = seeded(tool, sandbox, bench_program(enrollments), folder)
        sandbox.advance_clock(3600)
        measure(tool, "Mon 7 Dec 10:00, first round of a state file", config, sandbox)
        measure(tool, "the same moment, a second round", config, sandbox)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrollments", type=int, default=1000)
    parser.add_argument("--tracker", choices=["notion", "asana", "both"], default="both")
    args = parser.parse_args()
    for tool in (["notion", "asana"] if args.tracker == "both" else [args.tracker]):
        bench(tool, args.enrollments)


if __name__ == "__main__":
    main()
