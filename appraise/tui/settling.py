"""Settling the club's disagreements, in words: no textual here, so it is tested headless.

A consensus item to discuss has a blank answer and notes that begin with the line
`TO DISCUSS: ...`, followed by one line per member (`- Ann: No (confirmed)`) and the members'
own notes (`Ben: ...`). Once the club settles it, that first line becomes
`Settled by the club: No.`, and the members' lines stay below it, for the record. Reopening the
item (clearing its answer) puts the `TO DISCUSS:` line back, so the report flags it again.
"""

from __future__ import annotations

from appraise.report.compare import ItemComparison, Rating
from appraise.report.view import DISCUSS_MARKER

SETTLED_REASON = "settled by the club"
"""The reason kept with a settled answer that differs from appraise's suggestion."""

SETTLED_PREFIX = "Settled by the club:"
"""The first words of a settled item's notes."""

REOPENED_LINE = f"{DISCUSS_MARKER} reopened; settle the answer, then delete this note."
"""The line put back when an item whose notes never had one is reopened."""

SOURCE_WORDS: dict[str, str] = {
    "inferred": "? not checked",
    "confirmed": "✓ confirmed",
    "edited": "✎ changed",
    "manual": "✎ own answer",
}
"""A member's source, short, with the checklist's marks: the suggestion left as it was,
confirmed, changed, or an answer where appraise suggested none."""


def _split_first(notes: str) -> tuple[str, str]:
    first, _, rest = notes.partition("\n")
    return first, rest


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def discuss_line(notes: str) -> str:
    """The `TO DISCUSS:` line of an item's notes (the one to put back on reopening)."""
    first, _ = _split_first(notes)
    return first if first.startswith(DISCUSS_MARKER) else REOPENED_LINE


def is_settled_notes(notes: str) -> bool:
    return notes.startswith(SETTLED_PREFIX)


def settled_notes(notes: str, answer: str) -> str:
    """The notes once the club has chosen `answer` (as a reader says it): the `TO DISCUSS:`
    line (or an earlier `Settled by the club:` line) replaced; everything below it kept."""
    first, rest = _split_first(notes)
    body = rest if first.startswith((DISCUSS_MARKER, SETTLED_PREFIX)) else notes
    headline = f"{SETTLED_PREFIX} {answer}."
    if body.startswith("- "):
        headline += " The members' answers were:"
    return _join(headline, body)


def reopened_notes(notes: str, line: str) -> str:
    """The notes of an item reopened for discussion: `line` (a `TO DISCUSS:` line) first."""
    first, rest = _split_first(notes)
    if first.startswith(DISCUSS_MARKER):
        return notes
    if first.startswith(SETTLED_PREFIX):
        return _join(line, rest)
    return _join(line, notes)


def source_words(source: str | None) -> str:
    return "" if source is None else SOURCE_WORDS.get(source, source)


def choosers(compared: ItemComparison, option_id: str) -> list[str]:
    """The members who chose `option_id` for a choice item."""
    return [r.rater for r in compared.ratings if r.answer == option_id]


def position_lines(rating: Rating) -> list[tuple[str, str]]:
    """One member's position, line by line, each with what it is (`answer`, `source`,
    `reason`, `notes`): what the member cards show."""
    first = ("unanswered", "blank") if rating.category is None else (rating.text, "answer")
    lines = [first]
    if rating.source is not None:
        lines.append((source_words(rating.source), "source"))
    reason = " ".join(rating.reason.split())
    if reason:
        lines.append((f"Reason: {reason}", "reason"))
    notes = " ".join(rating.notes.split())
    if notes:
        lines.append((f"Notes: {notes}", "notes"))
    return lines
