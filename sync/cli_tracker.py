"""The commands that talk to a tracker: sync, provision, schedule, and the sandbox itself.

Like cli.py, heavy imports happen inside the commands. Tracker failures (a wrong id, a token
Notion refuses, another pass running) print one clear line on stderr and exit 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

import click

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def config_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                        default="certsync.toml", show_default=True, help="The configuration file.")(function)


def tracker_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn what the tracker says (not found, unauthorized, busy, unreachable) into a line and exit 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from certsync.adapters.tracker import TrackerError
        from certsync.sync.lock import Busy
        from certsync.sync.output import error_lines
        from certsync.sync.report import failure_json
        from certsync.sync.state import StateError

        try:
            return command(*args, **kwargs)
        except (TrackerError, Busy, StateError) as error:
            if kwargs.get("as_json"):
                click.echo(failure_json(str(error).splitlines(), EXIT_PROBLEMS))
            else:
                error_lines(str(error).splitlines())
        raise SystemExit(EXIT_PROBLEMS)

    return run


def _load(config_path: Path):
    from certsync.config import load_config

    return load_config(config_path, require_tokens=True)


@click.command()
@config_option
@click.option("--dry-run", is_flag=True, help="Print the plan and write nothing.")
@click.option("--full", is_flag=True, help="Read everything, not only what changed since the last pass.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Evaluate as of this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (on failure too).")
@click.option("--all", "every_row", is_flag=True,
              help="List every enrollment, not only those that changed or need attention (the default on a terminal).")
@tracker_errors
def sync(config_path: Path, dry_run: bool, full: bool, today: Any, as_json: bool, every_row: bool) -> None:
    """Run one pass: read the tracker, evaluate the rules, write back what changed."""
    from rich.progress import Progress

    from certsync.adapters.registry import open_trackers
    from certsync.config import ConfigError
    from certsync.sync.output import console, error_lines, pass_table
    from certsync.sync.report import failure_json
    from certsync.sync.run import run_pass

    try:
        config = _load(config_path)
    except ConfigError as error:
        if not as_json:
            raise
        click.echo(failure_json(error.lines(), EXIT_USAGE))
        raise SystemExit(EXIT_USAGE) from None
    day: date | None = today.date() if today else None
    out = console()
    show_progress = out.is_terminal and not as_json
    reports = []
    for tracker in open_trackers(config):
        with Progress(console=console(stderr=True), transient=True, disable=not show_progress) as bar:
            task = bar.add_task("reading", total=None)
            reports.append(run_pass(config, today=day, dry_run=dry_run, full=full, tracker=tracker,
                                    progress=lambda what, done, total, task=task: bar.update(
                                        task, description=what, completed=done, total=total)))
    if as_json:
        shown = reports[0].as_json() if len(reports) == 1 else {"trackers": [r.as_json() for r in reports]}
        click.echo(json.dumps(shown, indent=2, default=str))
    else:
        for report in reports:
            heading = ("Plan (dry run: nothing written)" if dry_run
                       else f"{config.program.name}, as of {report.today:%a %d %b %Y}")
            out.print(pass_table(report, title=heading, every_row=every_row or out.is_terminal))
            out.print(report.summary())
            if report.problems:
                error_lines(report.problems)
    raise SystemExit(max(r.exit_code for r in reports))


@click.command()
@config_option
@click.option("--dry-run", is_flag=True, help="Say what would be added and change nothing.")
@click.option("--yes", is_flag=True,
              help="Asana: also add options to workspace custom fields other projects use (they change there too).")
@tracker_errors
def provision(config_path: Path, dry_run: bool, yes: bool) -> None:
    """Add the fields certsync owns to the enrollments (never removes anything)."""
    from rich.text import Text

    from certsync.adapters.registry import open_trackers
    from certsync.sync.output import console, error_lines

    problems = False
    for tracker in open_trackers(_load(config_path)):
        result = tracker.provision(dry_run=dry_run, yes=yes)
        if result.problems:
            error_lines(result.problems)
            problems = True
            continue
        lines = result.changes or ["nothing to add: every owned property is there"]
        prefix = "would " if dry_run and result.changes else ""
        for line in lines:
            console().print(Text(prefix + line))
    if problems:
        raise SystemExit(EXIT_PROBLEMS)


def check_trackers(config: Any) -> list[str]:
    """`certsync check` beyond the file: each tracker's fields, types and the token's capabilities."""
    from certsync.adapters.registry import open_tracker, sections
    from certsync.adapters.tracker import TrackerError

    problems: list[str] = []
    for kind in sections(config):
        try:
            problems += open_tracker(config, kind).check()
        except TrackerError as error:
            problems.append(str(error))
    return problems


@click.command()
@config_option
@click.option("--passes", type=int, default=None, help="Stop after this many passes (default: run until stopped).")
def schedule(config_path: Path, passes: int | None) -> None:
    """Run a pass now and then every [sync] every_minutes, each reminder round at its moment
    ([reminders]) and each review at its moment ([reviews]), until stopped."""
    import logging
    from datetime import datetime
    from types import SimpleNamespace

    from rich.text import Text

    from certsync.adapters.registry import open_trackers
    from certsync.sync.job import Round, next_review, next_round, run_every
    from certsync.sync.output import console, pass_table, worth_showing
    from certsync.sync.remind import run_reminders
    from certsync.sync.review_round import run_review_round
    from certsync.sync.run import run_pass

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request would drown the changes
    config = _load(config_path)
    zone = config.program.zone

    def say(line: str) -> None:  # stdout, with the time: the job's log
        console().print(Text(f"{datetime.now(zone):%Y-%m-%d %H:%M:%S} {line}"), soft_wrap=True)

    def one_pass() -> None:
        for tracker in open_trackers(config):
            report = run_pass(config, tracker=tracker)
            if any(worth_showing(o, False) for o in report.outcomes):
                console().print(pass_table(report, title=f"{config.program.name}, as of {report.today:%a %d %b %Y}"))
            say(f"pass: {report.summary()}")

    def on_every_tracker(run: Any, what: str) -> Any:
        """A round of `run` on every tracker; what failed, for the job to retry."""
        def each() -> object:
            failures: list = []
            for tracker in open_trackers(config):
                report = run(config, tracker=tracker)
                for line in report.lines():
                    say(f"{what}: {line}")
                say(f"{what}s: {report.summary()}")
                failures += report.failures
            return SimpleNamespace(failures=failures)
        return each

    one_round, review_round = on_every_tracker(run_reminders, "reminder"), on_every_tracker(run_review_round, "review")
    reviews = Round("review round", review_round,
                    lambda now: next_review(now.astimezone(zone), config.review_settings, config.policy))
    run_every(config.sync.every_minutes, one_pass, passes=passes, remind=one_round,
              next_reminder=lambda now: next_round(now.astimezone(zone), config.reminders, config.policy),
              now=lambda: datetime.now(zone), rounds=(reviews,))


@click.command()
@config_option
@click.option("--dry-run", is_flag=True, help="Say which reminders are due and send nothing.")
@click.option("--now", "at", type=click.DateTime(formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]),
              help="Act as if it were this local time of the program (YYYY-MM-DDTHH:MM).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (on failure too).")
@tracker_errors
def remind(config_path: Path, dry_run: bool, at: Any, as_json: bool) -> None:
    """Send the reminders due now: each once per person and occasion, while it still makes sense."""

    from certsync.adapters.registry import open_trackers
    from certsync.sync.remind import run_reminders

    config = _load(config_path)
    now = at.replace(tzinfo=config.program.zone) if at else None
    reports = [run_reminders(config, now=now, dry_run=dry_run, tracker=t) for t in open_trackers(config)]
    print_reports(reports, as_json, lambda s: f"{s.name}: {s.error}")


def print_reports(reports: list[Any], as_json: bool, failure: Any) -> None:
    """A round's reports, one per tracker: JSON, or its lines and summary (failures on stderr,
    each as `failure` words it); exits with the worst exit code."""
    from rich.text import Text

    from certsync.sync.output import console, error_lines

    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports] if len(reports) > 1 else reports[0].as_json(),
                              indent=2, default=str))
    else:
        for report in reports:
            for line in report.lines():
                console().print(Text(line))
            console().print(Text(report.summary()))
            error_lines(failure(f) for f in report.failures)
    raise SystemExit(max(r.exit_code for r in reports))


@click.command()
@click.argument("tool", type=click.Choice(["notion", "asana"]))
@click.option("--parent", help="Notion: the page (id or URL, shared with the integration) to create the databases under.")
@click.option("--workspace", help="Asana: the workspace gid to create the projects in.")
@click.option("--team", help="Asana: the team gid, in an organization.")
@click.option("--title", default="Certifications", show_default=True, help="The program's name, used in the titles.")
@click.option("--base-url", default=None, help="The API root (the sandbox's, to try it).")
@click.option("--token-env", default=None, help="The environment variable holding the token (default: the tool's).")
@tracker_errors
def init(tool: str, parent: str | None, workspace: str | None, team: str | None, title: str,
         base_url: str | None, token_env: str | None) -> None:
    """Create the reference template in a workspace and print the config lines to paste.

    A new team goes from nothing to a synced tracker with `init`, `provision` and `sync`.
    """
    import os

    from certsync.adapters.registry import init_template

    variable = token_env or {"notion": "NOTION_TOKEN", "asana": "ASANA_ACCESS_TOKEN"}[tool]
    token = os.environ.get(variable, "").strip()
    if not token:
        click.echo(f"{variable} is not set: certsync reads the token from this environment variable", err=True)
        raise SystemExit(EXIT_USAGE)
    if tool == "notion" and not parent:
        raise click.UsageError("certsync init notion needs --parent PAGE_URL (a page shared with the integration)")
    if tool == "asana" and not workspace:
        raise click.UsageError("certsync init asana needs --workspace GID")
    try:
        section = init_template(tool, token, parent=parent, workspace=workspace, team=team, title=title,
                                base_url=base_url, token_env=token_env)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    click.echo("# certsync.toml for the template just made: save it, run `certsync check`, then `certsync provision`.")
    click.echo(f"[program]\nname = {json.dumps(title, ensure_ascii=False)}\n")
    click.echo(section, nl=False)


@click.command("sandbox")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--token", default=None, help="The token clients must send (default: ntn_sandbox).")
@click.option("--data", type=click.Path(dir_okay=False, path_type=Path), help="Keep the data in this JSON file.")
@click.option("--rate-limit", default=3.0, show_default=True, type=float,
              help="Notion requests/second per token; 0 turns every limit off (Asana's too).")
@click.option("--burst", default=10, show_default=True, type=int, help="Requests allowed at once before the limit bites.")
@click.option("--asana-rate-limit", "asana_rate_limit", default=1500.0, show_default=True, type=float,
              metavar="PER_MINUTE", help="Asana requests a minute per token (150 in a workspace marked free).")
@click.option("--faults", default="", help="Failure rates, e.g. 429=0.1,503=0.05,drop=0.02.")
@click.option("--seed", default=0, type=int, help="Seed for reproducible faults.")
def sandbox(host: str, port: int, token: str | None, data: Path | None, rate_limit: float, burst: int,
            asana_rate_limit: float, faults: str, seed: int) -> None:
    """Serve local Notion and Asana APIs at http://HOST:PORT/notion and /asana/api/1.0, for trying
    certsync safely."""
    from certsync.sandbox import DEFAULT_TOKEN, Sandbox, parse_faults

    try:
        parse_faults(faults)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--faults") from None
    if asana_rate_limit < 0:
        raise click.BadParameter("should be 0 or more requests a minute", param_hint="--asana-rate-limit")
    server = Sandbox(token=token or DEFAULT_TOKEN, rate_limit=rate_limit, burst=burst, faults=faults,
                     seed=seed, data=str(data) if data else None, asana_rate_limit=asana_rate_limit)
    try:
        server.start(host=host, port=port)
    except OSError as error:  # most often: the port is taken (another sandbox?)
        click.echo(f"cannot serve on {host}:{port}: {error.strerror or error} (another sandbox running? "
                   "choose another --port)", err=True)
        raise SystemExit(EXIT_USAGE) from None
    click.echo(f"Notion sandbox at http://{host}:{port}/notion, Asana at http://{host}:{port}/asana/api/1.0 "
               f"(token {token or DEFAULT_TOKEN}); Ctrl-C stops it.", err=True)
    click.echo(f"To try `certsync init` on it: notion --parent {server.root_page_id} --base-url "
               f"http://{host}:{port}/notion; asana --workspace {server.asana_workspace_gid} --base-url "
               f"http://{host}:{port}/asana/api/1.0 (NOTION_TOKEN or ASANA_ACCESS_TOKEN={token or DEFAULT_TOKEN}).",
               err=True)
    server.serve_forever(host=host, port=port)


COMMANDS = (init, sync, provision, remind, schedule, sandbox)
