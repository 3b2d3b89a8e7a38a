"""Benchmark of Asana passes: requests made against the minimum, at Asana's rate.

A program of 1,000 enrollments with 13 weekly check-ins each (subtasks of their enrollment, filed
in the check-ins project too), in the Asana sandbox at 1,500 requests/minute (server and client),
synced four times: a first pass, the next pass with no change (it reads back the first pass's own
writes), a settled pass with no change, and a pass with 10% of enrollments changed. For each:
requests, seconds, and the ratio of requests to the minimum a pass needs:

    ceil(enrollments read / 100) + ceil(check-ins read / 100)   (at least one list request each)
    + one task write (PUT) per changed enrollment + one story per newly red one

One-time look-ups (the projects' custom field settings, the token's user) are not part of the
minimum and are reported on their own line.

Run: python bench/asana_sync.py [--enrollments 1000] [--per-minute 1500]
Seeding goes through the real asana SDK with the rate limit off and is not measured.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import asana

from certsync.adapters.registry import open_tracker, sample
from certsync.config import load_config
from certsync.sandbox import Sandbox
from certsync.sync.run import run_pass

sys.path.insert(0, str(Path(__file__).parent))
from programs import TODAY, WEEKS, program, minimum  # noqa: E402

PREFIX = "/asana/api/1.0"
LISTS = {("GET", f"{PREFIX}/tasks")}
WRITES = {("PUT", f"{PREFIX}/tasks/{{task_gid}}"), ("POST", f"{PREFIX}/tasks/{{task_gid}}/stories")}


def by_route(sandbox) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in sandbox.stats()["requests"]:
        if row["route"].startswith(PREFIX):
            key = (row["method"], row["route"])
            counts[key] = counts.get(key, 0) + row["count"]
    return counts


def measure(label: str, config, sandbox) -> None:
    sandbox.reset_stats()
    report = run_pass(config, today=TODAY, tracker=open_tracker(config, "asana"))
    routes = by_route(sandbox)
    lookups = {k: v for k, v in routes.items() if k not in LISTS | WRITES}
    spent = sum(v for k, v in routes.items() if k in LISTS | WRITES)
    least = minimum(report)
    print(f"{label:<22} read {report.enrollments_read:>5} enrollments {report.check_ins_read:>6} check-ins | "
          f"wrote {report.written:>5} tasks {report.comments:>4} stories | {spent:>5} requests "
          f"in {report.seconds:7.1f} s | minimum {least:>5} | ratio {spent / least:.3f}"
          + (f" | {len(report.failures)} not written" if report.failures else ""), flush=True)
    if lookups:
        named = ", ".join(f"{method} {route[len(PREFIX):]} ×{n}" for (method, route), n in sorted(lookups.items()))
        print(f"{'':<22} one-time look-ups: {named}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enrollments", type=int, default=1000)
    parser.add_argument("--per-minute", type=float, default=1500.0, help="requests/minute, server and client")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    managers = [f"Manager {i}" for i in range(20)]
    with tempfile.TemporaryDirectory() as folder, Sandbox(rate_limit=0).start() as sandbox:
        os.environ["CERTSYNC_BENCH_TOKEN"] = sandbox.token
        data = program(args.enrollments, args.seed, managers)
        built = sample("asana", sandbox, data, "CERTSYNC_BENCH_TOKEN")
        path = Path(folder) / "certsync.toml"
        section = built.section().replace("requests_per_minute = 60000", f"requests_per_minute = {int(args.per_minute)}")
        path.write_text(f"""[program]\nname = "bench"\n{section}[sync]\nstate = "state.sqlite"\n""")
        config = load_config(path)
        open_tracker(config, "asana").provision()
        started = time.monotonic()
        tasks = built.fill()
        print(f"seeded {len(data.enrollments)} enrollments and {len(data.check_ins)} check-ins "
              f"in {time.monotonic() - started:.1f} s (rate limit off)", flush=True)

        sandbox.advance_clock(3600)  # the tracker was filled in before certsync was connected
        sandbox.set_asana_rate_limit(args.per_minute)
        measure("first pass", config, sandbox)
        sandbox.advance_clock(3600)  # passes run hourly
        measure("no change, next pass", config, sandbox)  # reads back the first pass's own writes
        sandbox.advance_clock(3600)
        measure("no change, settled", config, sandbox)

        sandbox.set_asana_rate_limit(0)
        hours = next(f for f in built_fields(built) if f["name"] == "Hours")
        rng = random.Random(args.seed + 1)
        changed = rng.sample(list(data.enrollments), max(1, len(data.enrollments) // 10))
        api = asana.TasksApi(built.api)
        for e in changed:  # the engineer corrects last week's hours to zero
            api.update_task({"data": {"custom_fields": {hours["gid"]: 0}}}, tasks[f"c{e.id[1:]}-{WEEKS - 1}"], {})
        sandbox.set_asana_rate_limit(args.per_minute)
        sandbox.advance_clock(3600)
        measure("10% changed", config, sandbox)
        built.close()


def built_fields(built) -> list[dict]:
    settings = asana.CustomFieldSettingsApi(built.api).get_custom_field_settings_for_project(
        built.template.check_ins_project, {"opt_fields": "custom_field.name"})
    return [s["custom_field"] for s in settings]


if __name__ == "__main__":
    sys.exit(main())
