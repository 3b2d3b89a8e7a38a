"""Benchmark of Notion passes: requests made against the minimum, at Notion's rate.

A program of 1,000 enrollments with 13 weekly check-ins each, in the sandbox at 3 requests/s
(server and client), synced three times: a first pass, a pass with no change, and a pass with
10% of enrollments changed. For each: requests, seconds, and the ratio of requests to the
minimum a pass needs:

    ceil(enrollments read / 100) + ceil(check-ins read / 100)   (at least one query each)
    + one page write per changed enrollment + one comment per newly red one

Run: python bench/notion_sync.py [--enrollments 1000] [--rate 3]
Seeding goes through the real notion-client with the rate limit off and is not measured.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.sandbox import Sandbox
from certsync.sync.run import run_pass

sys.path.insert(0, str(Path(__file__).parent))
from programs import TODAY, WEEKS, program, minimum  # noqa: E402

def measure(label: str, config, tracker_rate: float) -> None:
    tracker = open_tracker(config, "notion")
    report = run_pass(config, today=TODAY, tracker=tracker)
    least = minimum(report)
    print(f"{label:<22} read {report.enrollments_read:>5} enrollments {report.check_ins_read:>6} check-ins | "
          f"wrote {report.written:>5} pages {report.comments:>4} comments | {report.requests:>5} requests "
          f"in {report.seconds:7.1f} s | minimum {least:>5} | ratio {report.requests / least:.3f}"
          + (f" | {len(report.failures)} not written" if report.failures else ""), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enrollments", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=3.0, help="requests/second, server and client")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    managers = [f"Manager {i}" for i in range(20)]
    with tempfile.TemporaryDirectory() as folder, Sandbox(rate_limit=0).start() as sandbox:
        os.environ["CERTSYNC_BENCH_TOKEN"] = sandbox.token
        data = program(args.enrollments, args.seed, managers)
        built = sample("notion", sandbox, data, "CERTSYNC_BENCH_TOKEN")
        api = built.api
        path = Path(folder) / "certsync.toml"
        section = built.section().replace("requests_per_second = 1000", f"requests_per_second = {args.rate}")
        path.write_text(f"""[program]\nname = "bench"\n{section}[sync]\nstate = "state.sqlite"\n""")
        config = load_config(path)
        open_tracker(config, "notion").provision()
        started = time.monotonic()
        pages = built.fill()
        print(f"seeded {len(data.enrollments)} enrollments and {len(data.check_ins)} check-ins "
              f"in {time.monotonic() - started:.1f} s (rate limit off)", flush=True)

        sandbox.advance_clock(3600)  # the tracker was filled in before certsync was connected
        sandbox.set_rate_limit(args.rate, burst=3)
        measure("first pass", config, args.rate)
        sandbox.advance_clock(3600)  # passes run hourly
        measure("no change, next pass", config, args.rate)  # reads back the first pass's own writes
        sandbox.advance_clock(3600)
        measure("no change, settled", config, args.rate)

        sandbox.set_rate_limit(0)
        rng = random.Random(args.seed + 1)
        changed = rng.sample(list(data.enrollments), max(1, len(data.enrollments) // 10))
        for e in changed:  # the engineer corrects last week's hours to zero
            api.pages.update(page_id=pages[f"c{e.id[1:]}-{WEEKS - 1}"], properties={"Hours": {"number": 0}})
        sandbox.set_rate_limit(args.rate, burst=3)
        sandbox.advance_clock(3600)
        measure("10% changed", config, args.rate)
        api.close()


if __name__ == "__main__":
    sys.exit(main())
