"""Contract: reviews are posted where only the program's managers read, whole, once, as plain text;
the followers' view (a team update) is posted where the tool keeps one.

Driver hooks each tracker's driver gives (what a manager sees in the tool):
- `review_text(post_id)`: the posted review as a reader sees it, as plain text (title first);
- `review_counts(post_id)`: the counts per status the tool keeps beside the review (Notion's
  properties), or None when it keeps them only in the text;
- `add_person_review(text)`: a person posts something that carries a marker where reviews live;
- `half_post(post)`: a review post interrupted half-way (None when the tool posts in one request);
- `team_update_text(update_id)`: a team update as a follower sees it (plain text).
"""

from __future__ import annotations

from certsync.adapters import markers
from certsync.adapters.document import Bullets, Document, Heading, Paragraph, Strong, Table
from certsync.adapters.tracker import ReviewPost, TeamUpdate

MARKER = markers.line("review", ["0a1b2c3d4e5f"])
OTHER = markers.line("review", ["ffeeddccbbaa"])
COUNTS = {"On track": 3, "Slightly behind": 1, "At risk": 2, "Completed": 1, "Not in yet": 1}


def review(marker: str = MARKER, *, bullets: int = 3, name: str = "Sofia Alvarez") -> ReviewPost:
    doc = Document("Weekly review (2026-W49)", (
        Heading(1, ("Weekly review (2026-W49)",)),
        Paragraph(("As of the end of Fri 4 Dec 2026.",)),
        Heading(2, ("Status",)),
        Table(("Status", "People"), tuple((k, str(v)) for k, v in COUNTS.items())),
        Heading(2, ("Turned red this week",)),
        Bullets(tuple((Strong(f"{name} {n}" if n else name), ": No hours logged: none in the week of 30 Nov.")
                      for n in range(bullets))),
    ))
    return ReviewPost(kind="weekly", period="2026-W49", title=doc.title, document=doc, counts=COUNTS, marker=marker)


def team_update(marker: str = markers.line("team-update", ["0a1b2c3d4e5f"])) -> TeamUpdate:
    doc = Document("Week 49: 3 on track, 1 slightly behind, 2 at risk, 1 completed", (
        Paragraph(("3 on track, 1 slightly behind, 2 at risk, 1 completed.",)),
        Heading(2, ("Completed this week",)), Bullets(((Strong("Hannah Kim"), " (AWS SAA)"),)),
    ))
    return TeamUpdate(kind="weekly", period="2026-W49", title=doc.title, document=doc, health="at_risk", marker=marker)


def test_a_posted_review_is_listed_with_its_marker(contract):
    contract.tracker.provision()
    posted = contract.tracker.post_review(review())
    listed = [(c.id, c.kind, c.marker) for c in contract.tracker.posted_reviews()]
    assert (posted, "review", MARKER) in listed
    assert [c for c in listed if c[1] == "review"] == [(posted, "review", MARKER)]


def test_a_review_reads_as_composed_with_user_text_as_text(contract):
    contract.tracker.provision()
    hostile = "*Eve* <b>x</b> [y](z) & {{w}}"
    posted = contract.tracker.post_review(review(name=hostile))
    text = contract.review_text(posted)
    assert text.startswith("Weekly review (2026-W49)")
    for part in ("As of the end of Fri 4 Dec 2026.", "Turned red this week", "Slightly behind", hostile,
                 f"{hostile} 2: No hours logged: none in the week of 30 Nov."):
        assert part in text


def test_a_long_review_is_posted_whole(contract):
    contract.tracker.provision()
    posted = contract.tracker.post_review(review(bullets=260))
    text = contract.review_text(posted)
    assert "Sofia Alvarez 259: No hours logged" in text and text.count("No hours logged") == 260
    assert [c.id for c in contract.tracker.posted_reviews() if c.kind == "review"] == [posted]


def test_the_counts_per_status_are_kept_beside_the_review_where_the_tool_can(contract):
    contract.tracker.provision()
    posted = contract.tracker.post_review(review())
    counts = contract.review_counts(posted)
    assert counts is None or counts == COUNTS


def test_a_persons_post_carrying_a_marker_is_not_listed(contract):
    contract.tracker.provision()
    contract.add_person_review(f"Copied from last week's review:\n{MARKER}")
    assert contract.tracker.posted_reviews() == []


def test_a_half_written_review_is_not_listed_and_is_replaced_by_the_next_post(contract):
    contract.tracker.provision()
    if contract.half_post(review(bullets=260)) is None:
        return  # the tool posts a review in one request: nothing can be half-written
    assert [c for c in contract.tracker.posted_reviews() if c.kind == "review"] == []
    posted = contract.tracker.post_review(review(bullets=260))
    assert [c.id for c in contract.tracker.posted_reviews() if c.kind == "review"] == [posted]
    assert contract.review_text(posted).count("No hours logged") == 260
    assert contract.reviews_visible() == 1


def test_reviews_of_other_periods_are_listed_apart(contract):
    contract.tracker.provision()
    first = contract.tracker.post_review(review())
    second = contract.tracker.post_review(review(OTHER))
    assert sorted((c.id, c.marker) for c in contract.tracker.posted_reviews() if c.kind == "review") == sorted(
        [(first, MARKER), (second, OTHER)])


def test_a_team_update_is_posted_where_the_tool_keeps_one(contract):
    contract.tracker.provision()
    update = team_update()
    posted = contract.tracker.post_team_update(update)
    listed = [(c.id, c.kind, c.marker) for c in contract.tracker.posted_reviews() if c.kind == "team-update"]
    if posted is None:
        assert listed == []
        return
    assert listed == [(posted, "team-update", update.marker)]
    text = contract.team_update_text(posted)
    assert "3 on track, 1 slightly behind, 2 at risk, 1 completed." in text and "Hannah Kim" in text
