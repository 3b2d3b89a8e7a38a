"""The certsync command line (click + rich).

One small function per command. Heavy imports (pydantic, the rules, the SDKs) happen inside the
commands, so that `certsync --help` stays fast. A ConfigError raised by any command is printed as
its problem lines on stderr, without a traceback, and exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from certsync.config import Config

EXIT_OK = 0
EXIT_PROBLEMS = 1  # problems found in the data or the tracker
EXIT_USAGE = 2  # usage or configuration error (click's own usage errors exit 2 too)

EXIT_CODES = """\b
Exit codes:
  0  fine
  1  problems found in the data or the tracker
  2  usage or configuration error
"""


class CertsyncGroup(click.Group):
    """Turns a ConfigError from any command into its lines on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as error:
            from certsync.config import ConfigError

            if not isinstance(error, ConfigError):
                raise
            from certsync.sync.output import error_lines

            error_lines(error.lines())
            ctx.exit(EXIT_USAGE)


config_option = click.option(
    "-c", "--config", "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="certsync.toml", show_default=True,
    help="The configuration file.",
)


@click.group(cls=CertsyncGroup, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="certsync", prog_name="certsync", message="%(prog)s %(version)s")
def cli() -> None:
    """Keep certification programs tracked in Notion or Asana from drifting.

    certsync reads each engineer's study plan and weekly check-ins, evaluates the program's
    early-warning rules over the whole history, and writes status, flags and comments back.
    """


@cli.command()
@config_option
def check(config_path: Path) -> None:
    """Validate the configuration and the tokens it names; report every problem at once."""
    from certsync.config import load_config
    from certsync.sync.output import console, error_lines

    config = load_config(config_path, require_tokens=True)
    problems = check_tracker(config)
    if problems:
        error_lines(problems)
        raise SystemExit(EXIT_PROBLEMS)
    console().print(_config_summary(config, str(config_path)))


def check_tracker(config: Config) -> list[str]:
    """Checks beyond the file, run by `certsync check` once the configuration is valid: one line
    per problem found in the tracker (connection, data sources, fields, capabilities)."""
    from certsync.sync.cli_tracker import check_trackers

    return check_trackers(config)


def _config_summary(config: Config, shown_as: str):
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    program = config.program
    table.add_row("Program", f"{program.name} ({program.timezone}, check-ins due by end of "
                             f"{program.checkin_deadline.name.title()})")
    from certsync.adapters.registry import sections

    for kind in sections(config):
        for label, line in getattr(config, kind).summary_lines():
            table.add_row(Text(label), Text(line))
    changed = config.policy_section.model_dump(exclude_defaults=True)
    table.add_row("Policy", ", ".join(f"{k} = {v}" for k, v in changed.items()) or "the defaults")
    table.add_row("State", str(config.state_path))
    table.add_row("", f"{shown_as}: no problems found")
    return table


@cli.command("config-schema")
def config_schema() -> None:
    """Print the JSON Schema of certsync.toml (for editor completion)."""
    import json

    from certsync.config import config_schema as schema

    click.echo(json.dumps(schema(), indent=2))


@cli.command()
@click.option("--offline", is_flag=True, help="Only evaluate the sample in memory; no sandbox, no sync.")
@click.option("--tracker", "kind", type=click.Choice(["notion", "asana"]), default="notion", show_default=True,
              help="Which tool's sandbox the sample program is synced into.")
def demo(offline: bool, kind: str) -> None:
    """Sync the bundled sample program into a local Notion (or Asana) sandbox and show the result.

    Starts the sandbox in-process, creates the reference template, provisions it, fills in 12
    engineers' histories, runs one pass with the tool's real SDK, and stops everything.
    """
    from certsync.sync.output import console, pass_table, status_summary
    from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

    out = console()
    if offline:
        _offline_demo()
        return
    from certsync.sync.demo import run_demo

    report = run_demo(kind=kind)
    out.print(pass_table(report, title=f"{sample_program().name}, synced as of {SAMPLE_TODAY:%a %d %b %Y}",
                         every_row=True))
    out.print(reminders_table(sample_program(), title="The reminders of that week (certsync remind sends them)"))
    out.print(report.summary())
    out.print(status_summary(o.action.assessment for o in report.outcomes if o.action.assessment))


def reminders_table(program, title: str):
    """The reminders the sample program gets in its week: when, to whom, what."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from certsync.sync.demo import week_of_reminders

    names = {e.id: e.engineer.name if e.engineer else e.name for e in program.enrollments}
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Engineer", no_wrap=True)
    table.add_column("Reminder", ratio=4)
    for moment, reminder in week_of_reminders(program):
        table.add_row(Text(f"{moment:%a %d %b %H:%M}"), Text(names[reminder.enrollment_id]),
                      Text(reminder.text.replace(" are:\n• ", " are: ").replace("\n• ", "; ")))
    return table


def _offline_demo() -> None:
    from collections import defaultdict

    from certsync.rules import evaluate
    from certsync.rules.policy import Policy
    from certsync.sync.output import assessments_table, console, status_summary
    from certsync.sync.sample_program import SAMPLE_TODAY, sample_program

    program = sample_program()
    check_ins = defaultdict(list)
    for check_in in program.check_ins:
        check_ins[check_in.enrollment_id].append(check_in)
    policy = Policy()
    rows = [
        (e, evaluate(e, check_ins[e.id], today=SAMPLE_TODAY, policy=policy, sessions=program.sessions))
        for e in program.enrollments
    ]
    out = console()
    out.print(assessments_table(rows, title=f"{program.name}, as of {SAMPLE_TODAY:%a %d %b %Y}"))
    out.print(status_summary(a for _, a in rows))


def _add_tracker_commands() -> None:
    from certsync.sync.cli_review import post_reviews, review
    from certsync.sync.cli_tracker import COMMANDS

    for command in (*COMMANDS, review, post_reviews):
        cli.add_command(command)


_add_tracker_commands()


def main() -> None:
    """The `certsync` console script."""
    cli(prog_name="certsync")


if __name__ == "__main__":
    main()
