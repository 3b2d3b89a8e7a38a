"""`certsync review weekly|biweekly|monthly|quarterly`: a review in the terminal, before anyone posts it.

It reads the tracker the way a reminder round does (under the tracker's lock, over the cache),
composes the review due at the moment given (rules/reviews.py, rules/review_periods.py) and prints
it: rendered for reading by default, or its Markdown source with `--markdown`; `--html FILE`
writes the same review as one self-contained page with charts. Nothing is posted, so `--dry-run`
only keeps the state untouched. `certsync post-reviews` posts the reviews due (sync/review_round.py),
as `certsync schedule` does at each review's moment.

History comes from the tracker, not certsync's cache of past passes: past weeks are recomputed
from the check-ins, with the postponement count the tracker holds now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import click

from certsync.sync.cli_tracker import _load, config_option, tracker_errors

KINDS = ("weekly", "biweekly", "monthly", "quarterly")


@dataclass
class ReviewReport:
    tracker: str
    review: Any  # a rules.reviews Review
    markdown: str
    requests: int = 0
    seconds: float = 0.0


def review_moment(config: Any, today: date | None) -> datetime:
    """The moment a review is composed at: the end of `today`, or now, on the program's wall clock."""
    zone = config.program.zone
    if today is not None:
        return datetime.combine(today, time(23, 59, 59), tzinfo=zone)
    return datetime.now(zone)


def run_review(config: Any, kind: str, *, today: date | None = None, dry_run: bool = False,
               tracker: Any = None) -> ReviewReport:
    """Compose the review of `kind` due at the end of `today` (default: now) from the tracker."""
    from certsync.adapters.registry import open_tracker, sections
    from certsync.sync.run import locked

    tracker = tracker or open_tracker(config, sections(config)[0])
    moment = review_moment(config, today)
    return locked(config, tracker, lambda state, key: _compose(config, tracker, state, key, kind, moment, dry_run))


def _compose(config: Any, tracker: Any, state: Any, key: str, kind: str, moment: datetime, dry_run: bool) -> ReviewReport:
    from certsync.sync.review_compose import Composer
    from certsync.sync.review_text import markdown
    from certsync.sync.session import read_records, read_sessions

    records = read_records(config, tracker, state, dry_run=dry_run)
    review = Composer(config, records, moment, read_sessions(tracker)).compose(kind)
    if not dry_run:
        records.finish(state, tracker)
    return ReviewReport(tracker=key, review=review, markdown=markdown(review))


@click.command("review")
@click.argument("kind", type=click.Choice(KINDS))
@config_option
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Compose the review due at the end of this date (YYYY-MM-DD); default: now.")
@click.option("--dry-run", is_flag=True, help="Leave the local state untouched (nothing is posted either way).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the review as one self-contained HTML page with charts.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print the Markdown source instead of rendering it.")
@tracker_errors
def review(kind: str, config_path: Path, today: Any, dry_run: bool, html_path: Path | None, as_markdown: bool) -> None:
    """Print the weekly, biweekly, monthly or quarterly review due now (or at the end of --today).

    Reviews name people, their blockers and scores: they are for the program's managers.
    """
    from certsync.adapters.registry import open_trackers
    from certsync.sync.output import console
    from certsync.sync.review_html import write_html

    config = _load(config_path)
    reports = [run_review(config, kind, today=today.date() if today else None, dry_run=dry_run, tracker=t)
               for t in open_trackers(config)]
    for n, report in enumerate(reports):
        if as_markdown:
            click.echo(report.markdown)
        else:
            show(report.markdown, console())
        if html_path is not None:
            target = html_path if len(reports) == 1 else html_path.with_stem(f"{html_path.stem}-{n + 1}")
            write_html(report.review, target)
            click.echo(f"Wrote {target}", err=True)


@click.command("post-reviews")
@config_option
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only this kind of review (repeatable); default: all four.")
@click.option("--now", "at", type=click.DateTime(formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]),
              help="Act as if it were this local time of the program (YYYY-MM-DDTHH:MM).")
@click.option("--dry-run", is_flag=True, help="Say which reviews are due and post nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (on failure too).")
@tracker_errors
def post_reviews(config_path: Path, kinds: tuple[str, ...], at: Any, dry_run: bool, as_json: bool) -> None:
    """Post the reviews due now that are not posted yet: each once per period, where only the
    program's managers read (and, for the weekly review, the counts where every follower sees them)."""
    from certsync.adapters.registry import open_trackers
    from certsync.sync.cli_tracker import print_reports
    from certsync.sync.review_round import KINDS as ALL, run_review_round

    config = _load(config_path)
    now = at.replace(tzinfo=config.program.zone) if at else None
    reports = [run_review_round(config, now=now, kinds=kinds or ALL, dry_run=dry_run, tracker=t)
               for t in open_trackers(config)]
    print_reports(reports, as_json, lambda p: f"{p.kind} review {p.period}: {p.error or p.team_error}")


def show(text: str, out: Any) -> None:
    """Render Markdown for reading in the terminal (escaped user text shows as typed)."""
    from rich.markdown import Markdown

    out.print(Markdown(text))
