"""A review as a document: headings, paragraphs, bullets and tables of plain text.

One layout for every rendering: the terminal's Markdown (review_text.py), the HTML page
(review_html.py), the Notion blocks and the Asana `html_notes` a review is posted as (adapters/document.py holds the
blocks).
Every string here is data: a renderer escapes all of it, whatever it holds (a name like
`*Eve* [x](y)` is a name, not markup). A run of text is a tuple of parts, each plain (`str`) or
strong (`Strong`).
"""

from __future__ import annotations

from datetime import date

from certsync.adapters.document import (
    Block, Bullets, Document, Heading, Paragraph, ScoreChart, StatusChart, Strong, Table, Text,
)
from certsync.rules import reasons as fmt
from certsync.rules.model import Status
from certsync.rules.reviews import (
    FEWER, FIGURES, BiweeklyReview, Figure, MonthlyReview, Outcomes, QuarterlyReview, Review, Someone, StatusCounts,
    WeeklyReview,
)


STATUS_ORDER = (Status.ON_TRACK, Status.SLIGHTLY_BEHIND, Status.AT_RISK, Status.COMPLETED)
NOBODY = "Nobody."


def long_day(day: date) -> str:
    return f"{day:%a} {day.day} {fmt.MONTHS[day.month - 1]} {day.year}"


def _who(s: Someone) -> Text:
    return (Strong(s.name),) + ((f" ({s.certification})",) if s.certification else ())


def sentence(text: str) -> str:
    """`text` ending as a sentence does: a full stop unless it has one (inside a quote too)."""
    return text if text.rstrip("”’\"'").endswith((".", "!", "?")) else f"{text}."


def _flags(flags) -> str:
    """": Name: reason. Other name: reason.": each flag with its reason, one sentence each."""
    return ": " + " ".join(f"{f.name}: {sentence(f.reason)}" for f in flags)


def _bullets(items: list[Text], empty: str = NOBODY) -> Block:
    return Bullets(tuple(items)) if items else Paragraph((empty,))


def counts_table(counts: StatusCounts) -> Table:
    rows = [(status.value, str(counts.of(status))) for status in STATUS_ORDER]
    if counts.not_in_yet:
        rows.append(("Not in yet", str(counts.not_in_yet)))
    if counts.not_started:
        rows.append(("Not started", str(counts.not_started)))
    return Table(("Status", "People"), tuple(rows))


def document(review: Review) -> Document:
    if isinstance(review, WeeklyReview):
        return _weekly(review)
    if isinstance(review, BiweeklyReview):
        return _biweekly(review)
    if isinstance(review, MonthlyReview):
        return _monthly(review)
    return _quarterly(review)


def _title(review: Review, what: str) -> str:
    program = f"{review.program}: " if review.program else ""
    return f"{program}{what} ({review.period.key})"


def _weekly(r: WeeklyReview) -> Document:
    title = _title(r, f"weekly review, week of {fmt.day(r.period.first)} {r.period.first.year}")
    b: list[Block] = [Heading(1, (title,)), Paragraph((f"As of the end of {long_day(r.as_of)}.",)),
                      Heading(2, ("Status",)), counts_table(r.counts), StatusChart(r.weeks)]
    b += [Heading(2, ("Completed this week",)),
          _bullets([_who(s) + (": certified. Congratulations!",) for s in r.completed], "No new certifications this week.")]
    b += [Heading(2, ("Turned red this week",)),
          _bullets([_who(c.who) + (_flags(c.flags),) for c in r.turned_red])]
    b += [Heading(2, ("Turned yellow this week",)),
          _bullets([_who(c.who) + (_flags(c.flags),) for c in r.turned_yellow])]
    b += [Heading(2, ("Recovered",)),
          _bullets([_who(c.who) + (f": back on track (was {c.before.value}).",) for c in r.recovered])]
    b += [Heading(2, ("Not in yet",)), _bullets([_who(s) for s in r.not_in_yet], "Everyone has checked in.")]
    b += [Heading(2, ("Five-minute conversations",)),
          _bullets([_who(t.who) + (f": {sentence(t.suggestion)}",) for t in r.conversations], "Nobody is at risk.")]
    b += [Heading(2, ("Great progress: messages you can send",)),
          _bullets([_who(m.who) + (f": “{m.text}”",) for m in r.great_progress])]
    return Document(title, tuple(b))


def _biweekly(r: BiweeklyReview) -> Document:
    first, last = r.period.first, r.period.last
    title = _title(r, f"biweekly review, {fmt.day(first)} – {fmt.day(last)} {last.year}")
    b: list[Block] = [Heading(1, (title,)), Paragraph((f"As of the end of {long_day(r.as_of)}.",)),
                      Heading(2, ("Practice score trends",))]
    if r.trends:
        b.append(Table(("Engineer", "Certification", "First → latest"),
                       tuple((t.who.name, t.who.certification or "", t.line) for t in r.trends)))
        b.append(ScoreChart(tuple((t.who.name, t.scores) for t in r.trends)))
    else:
        b.append(Paragraph(("No practice scores yet.",)))
    b += [Heading(2, ("Score drops",)), _bullets([_who(c.who) + (f": {c.flags[0].reason}",) for c in r.drops])]
    b += [Heading(2, ("Score plateaus",)), _bullets([_who(c.who) + (f": {c.flags[0].reason}",) for c in r.plateaus])]
    b += [Heading(2, ("Weak domains several engineers share",)),
          _bullets([(Strong(d.topic), f" ({len(d.engineers)} engineers: {', '.join(p.name for p in d.engineers)}): "
                     f"{d.suggestion}.") for d in r.weak_domains], "None shared.")]
    return Document(title, tuple(b))


def _monthly(r: MonthlyReview) -> Document:
    month = r.period.first
    title = _title(r, f"monthly review, {month:%B} {month.year}")
    share = "no one judged yet" if r.share_on_track is None else f"{r.share_on_track:.0%}"
    b: list[Block] = [Heading(1, (title,)), Paragraph((f"As of the end of {long_day(r.as_of)}.",)),
                      Heading(2, ("Program health",)), Paragraph((f"On track: {share} of the active enrollments.",)),
                      counts_table(r.counts), StatusChart(r.weeks)]
    b += [Heading(2, ("Projected to miss their exam date",)),
          _bullets([_who(f.who) + (f": {f.reason}",) for f in r.projected_to_miss])]
    b += [Heading(2, ("At risk of dropping out",)), _bullets([_who(f.who) + (f": {f.reason}",) for f in r.dropout_risk])]
    hours = f"{fmt.number(r.hours_logged)} h logged of {fmt.number(r.hours_planned)} h planned"
    if r.hours_planned:
        hours += f" ({r.hours_logged / r.hours_planned:.0%})"
    b += [Heading(2, ("Hours and budget",)), Bullets(((hours + ".",), (_budget(r),)))]
    if r.attendance:
        b += [Heading(2, ("Cohort sessions",)),
              Table(("Cohort", "Sessions", "Attendance"),
                    tuple((a.cohort, str(a.sessions), attendance_text(a.attendance)) for a in r.attendance)),
              Paragraph((ATTENDANCE_NOTE,))]
    return Document(title, tuple(b))


ATTENDANCE_NOTE = ("Attendance: the average share of the cohort's active members at its sessions of the month; "
                   "fewer than 3: not shown for a cohort, or a session, of fewer than 3 people.")


def attendance_text(figure: Figure) -> str:
    if figure.withheld:
        return "fewer than 3" if figure.withheld == FEWER else "withheld"
    return "—" if figure.value is None else f"{figure.value:.0%}"


def _budget(r: MonthlyReview) -> str:
    if not r.costs_tracked:
        return "Costs are not tracked."
    if r.budget is None:
        return f"{_money(r.cost)} spent (no budget set in [program] budget)."
    share = f" ({r.cost / r.budget:.0%})" if r.budget else ""
    return f"{_money(r.cost)} spent of a {_money(r.budget)} budget{share}."


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


FIGURE_NAMES = {
    "pass_rate": "Pass rate", "first_attempt_pass_rate": "First-attempt pass rate",
    "average_attempts": "Attempts per certification", "average_hours": "Study hours per certification",
    "average_weeks": "Weeks to certification", "cost_per_certification": "Cost per certification",
    "satisfaction": "Satisfaction",
}


WITHHELD_NOTE = ("fewer than 3: a figure over fewer than 3 people is not shown; withheld: shown, it would let "
                 "such a figure be worked out from the program's total.")


def figure_text(name: str, figure: Figure) -> str:
    if figure.withheld:
        return "fewer than 3" if figure.withheld == FEWER else "withheld"
    if figure.value is None:
        return "—"
    v = figure.value
    if name in ("pass_rate", "first_attempt_pass_rate"):
        return f"{v:.0%}"
    if name == "average_hours":
        return f"{v:.1f} h"
    if name == "average_weeks":
        return f"{v:.1f}"
    if name == "cost_per_certification":
        return _money(v)
    return f"{v:.2f}"


def _outcomes_table(groups: tuple[Outcomes, ...], first: str) -> Table:
    """One column per group (alphabetical, or cohort training then self-study), one row per figure."""
    rows = [("Enrolled", *(str(g.members) for g in groups)),
            ("Sat the exam", *(figure_text("pass_rate", g.pass_rate) if g.people is None else str(g.people)
                               for g in groups)),
            ("Certified", *(str(g.certifications) for g in groups))]
    rows += [(FIGURE_NAMES[n], *(figure_text(n, getattr(g, n)) for g in groups)) for n in FIGURES]
    return Table((first, *(g.group for g in groups)), tuple(rows))


def _quarterly(r: QuarterlyReview) -> Document:
    first = r.period.first
    quarter = r.period.key.split("-")[-1]
    title = _title(r, f"quarterly review, {quarter} {first.year}")
    b: list[Block] = [Heading(1, (title,)),
                      Paragraph((f"Exams from {long_day(r.period.first)} to {long_day(r.period.last)}. "
                                 "Figures name nobody; a figure over fewer than 3 people is withheld, and so is one "
                                 "that would let it be worked out.",)),
                      Heading(2, ("Against the targets",))]
    b.append(Table(("Figure", "Value", "Target", "Met"), tuple(
        (t.figure, figure_text(_FIGURE_KEY[t.figure], getattr(r.overall, _FIGURE_KEY[t.figure])), t.target,
         "—" if t.met is None else "yes" if t.met else "no") for t in r.against_targets)))
    b += [Heading(2, ("Program",)), _outcomes_table((r.overall,), "Figure")]
    b += [Heading(2, ("By certification",)), _outcomes_table(r.by_certification, "Figure")
          if r.by_certification else Paragraph(("No exams this quarter.",))]
    b += [Heading(2, ("By cohort",)), _outcomes_table(r.by_cohort, "Figure")
          if r.by_cohort else Paragraph(("No exams this quarter.",))]
    b += [Heading(2, ("Cohort training against self-study",)), _outcomes_table(r.cohort_vs_self_study, "Figure")
          if r.cohort_vs_self_study else Paragraph(("No exams this quarter.",))]
    b.append(Paragraph((WITHHELD_NOTE,)))
    return Document(title, tuple(b))


_FIGURE_KEY = {"First-attempt pass rate": "first_attempt_pass_rate", "Study hours per certification": "average_hours",
               "Weeks to certification": "average_weeks", "Satisfaction": "satisfaction"}


def counts_line(counts: StatusCounts) -> str:
    """"7 on track, 2 slightly behind, 1 at risk, 1 completed": the counts anyone may see."""
    parts = [f"{counts.of(status)} {status.value.lower()}" for status in STATUS_ORDER]
    if counts.not_in_yet:
        parts.append(f"{counts.not_in_yet} not in yet")
    return ", ".join(parts)


def team_document(review: WeeklyReview | MonthlyReview) -> Document:
    """What every follower of the program may see of a review: counts per status and completions,
    nobody's hours, scores, blockers or flags."""
    if isinstance(review, WeeklyReview):
        year, week, _ = review.period.first.isocalendar()
        title = f"Week {week} {year}: {counts_line(review.counts)}"
        completed = _bullets([_who(s) + (": certified. Congratulations!",) for s in review.completed],
                             "No new certifications this week.")
    else:
        title = f"{review.period.first:%B} {review.period.first.year}: {counts_line(review.counts)}"
        completed = Paragraph((f"{review.counts.completed} certified so far.",))
    blocks: tuple[Block, ...] = (Paragraph((f"{counts_line(review.counts)}.",)), Heading(2, ("Completed",)), completed,
                                 Paragraph(("Details are in the program's reviews, for the program's managers.",)))
    return Document(title, blocks)
