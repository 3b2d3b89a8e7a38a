"""Benchmark of a settled pass: what a pass costs when nothing changed, at 1,000 and 10,000 enrollments.

For each size: the program (13 weekly check-ins per enrollment) is seeded into the Notion sandbox
with the rate limit off, then `certsync sync` runs as a user runs it (a fresh process) three
times, an hour apart on the sandbox clock: the first pass, the pass that reads back the first
pass's own writes, and a settled pass; then once more the next day, when every enrollment is
judged again though nothing was edited. For each pass: requests (the sandbox's count), wall and
CPU seconds, bytes printed, and bytes the process wrote to disk (the state file).

A settled pass should cost what changed: its requests, writes and output stay flat as the
program grows, and only the pure evaluation of the cache grows with the enrollments.

Run: python bench/settled_pass.py [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from certsync.adapters.registry import open_tracker, sample  # noqa: E402
from certsync.config import load_config  # noqa: E402
from certsync.sandbox import Sandbox  # noqa: E402
from programs import TODAY, program  # noqa: E402

TOKEN_ENV = "CERTSYNC_BENCH_TOKEN"

# Runs the CLI in a child process and reports its CPU time and the bytes it wrote to disk.
CHILD = """
import atexit, resource, sys
def report():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    written = next(int(line.split()[1]) for line in open('/proc/self/io') if line.startswith('write_bytes'))
    sys.stderr.write(f"\\nBENCH cpu={usage.ru_utime + usage.ru_stime:.3f} disk={written}\\n")
atexit.register(report)
sys.argv = ['certsync'] + sys.argv[1:]
from certsync.sync.cli import main
main()
"""


def requests_made(sandbox: Sandbox) -> int:
    return sum(row["count"] for row in sandbox.stats()["requests"])


def one_pass(label: str, config_path: Path, sandbox: Sandbox, profile: str | None = None, day=TODAY) -> None:
    before = requests_made(sandbox)
    started = time.monotonic()
    child = CHILD if profile is None else CHILD.replace("main()", f"import cProfile; cProfile.run('main()', {profile!r})")
    done = subprocess.run([sys.executable, "-c", child, "sync", "-c", str(config_path), "--today", day.isoformat()],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "120"})
    wall = time.monotonic() - started
    stats = dict(part.split("=") for part in done.stderr.rsplit("BENCH ", 1)[-1].split())
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[:200]
    print(f"  {label:<26} {requests_made(sandbox) - before:>6} requests  {wall:7.2f} s wall  "
          f"{float(stats['cpu']):7.2f} s CPU  {len(done.stdout.encode()):>9,} bytes printed  "
          f"{int(stats['disk']):>12,} bytes to disk   [{summary}]", flush=True)


def bench(size: int, profile: str | None = None) -> None:
    managers = [f"Manager {i}" for i in range(20)]
    with tempfile.TemporaryDirectory() as folder, Sandbox(rate_limit=0).start() as sandbox:
        os.environ[TOKEN_ENV] = sandbox.token
        data = program(size, 1, managers)
        built = sample("notion", sandbox, data, TOKEN_ENV)
        section = built.section().replace("requests_per_second = 1000", "requests_per_second = 100000")
        path = Path(folder) / "certsync.toml"
        path.write_text(f'[program]\nname = "bench"\n{section}[sync]\nstate = "state.sqlite"\n')
        open_tracker(load_config(path), "notion").provision()
        started = time.monotonic()
        built.fill()
        built.close()
        print(f"{size:,} enrollments, {len(data.check_ins):,} check-ins (seeded in {time.monotonic() - started:.0f} s):",
              flush=True)
        for label in ("first pass", "next pass (reads back)", "settled pass"):
            sandbox.advance_clock(3600)
            one_pass(label, path, sandbox, profile if label == "settled pass" else None)
        sandbox.advance_clock(3600)  # the next day, nothing edited: everyone is judged again
        one_pass("next day, nothing changed", path, sandbox, day=TODAY + timedelta(days=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--profile", help="Write a cProfile of the settled pass to this file.")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, args.profile)


if __name__ == "__main__":
    main()
