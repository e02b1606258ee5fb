"""The consensus of several members' reports: agreed answers kept, disagreements marked.

`build_consensus` is a pure function of a comparison and the checklist. In the report it makes:

- an item every member answered alike gets that answer with source `confirmed` (a number or a
  duration agrees when every value falls in the same band; the value most members gave is kept,
  and the notes list the values given);
- an item the members answered differently, or that some left blank, is **marked for
  discussion**: its answer is left blank, and its notes begin with the line
  `TO DISCUSS: ...` (`DISCUSS_MARKER`) followed by one line per member, `- NAME: ANSWER (SOURCE;
  reason: ...)`. Settle the answer, then delete the note;
- an item nobody answered stays blank, unmarked.

Members' own notes are kept under each item, one line per member (`NAME: note`). The score is
computed afresh from the agreed answers, so a report with items to discuss is provisional.

The TUI hook: `appraise consensus R1 R2 ...` builds a `Consensus`, then turns it into an
Appraisal with `consensus_appraisal(consensus, article, loaded)` and hands it, with
`consensus.disagreements`, to `appraise.tui.consensus.run_consensus` (see
`appraise/cli/consensus_cmd.py` for the contract).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from appraise import __version__
from appraise.appraisal import score_record
from appraise.checklist.load import LoadedChecklist
from appraise.checklist.model import Checklist, Item
from appraise.report.compare import Comparison, ItemComparison, Rating
from appraise.report.locate import article_path, relative_to_folder
from appraise.report.model import (
    AnswerValue,
    ArticleRef,
    ChecklistRef,
    ItemRecord,
    Report,
    SuggestionRecord,
)
from appraise.report.view import DISCUSS_MARKER, answer_text, is_to_discuss
from appraise.scoring import score, score_item

if TYPE_CHECKING:
    from appraise.appraisal import Appraisal
    from appraise.ingest import Article

__all__ = [
    "DISCUSS_MARKER",
    "Consensus",
    "build_consensus",
    "consensus_appraisal",
    "is_to_discuss",
    "items_to_discuss",
]

NOTES_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Consensus:
    report: Report
    """The merged report: agreed answers `confirmed`, disagreements blank and marked."""
    disagreements: list[ItemComparison]
    """The items to settle, in the order to settle them (checklist order)."""
    comparison: Comparison


def build_consensus(
    comparison: Comparison,
    loaded: LoadedChecklist,
    report_path: str | Path | None = None,
    when: datetime | None = None,
) -> Consensus:
    """The consensus report of the compared reports; `report_path` is where it will be saved
    (the article's path is recorded relative to it)."""
    checklist = loaded.checklist
    by_item = {c.item_id: c for c in comparison.items}
    first = comparison.reports[0]
    records: list[ItemRecord] = []
    answers: dict[str, AnswerValue | None] = {}
    for item in checklist.items:
        compared = by_item[item.id]
        answer, notes = _settle(compared)
        answers[item.id] = answer
        item_score = score_item(checklist, item, answer)
        records.append(
            ItemRecord(
                id=item.id,
                answer=answer,
                source="confirmed" if answer is not None else None,
                suggestion=_suggestion(comparison, item.id),
                notes=_clip(notes),
                points=item_score.points,
                label=item_score.label,
                shown="" if answer is None else _shown(checklist, item, answer, item_score.label),
            )
        )
    result = score(checklist, answers)
    stamp = when or datetime.now(UTC).replace(microsecond=0)
    recorded = first.report.article
    found = article_path(first)
    path = recorded.path
    # Re-anchored to the consensus's folder when the file is there; a URL, an identifier or a
    # file since moved is kept as the first report recorded it.
    if found is not None and found.is_file():
        folder = Path(report_path).resolve().parent if report_path is not None else None
        path = relative_to_folder(found, folder) if folder is not None else str(found)
    report = Report(
        tool=f"appraise {__version__}",
        appraiser=_clip(f"consensus of {', '.join(comparison.raters)}", 200),
        created=stamp,
        updated=stamp,
        article=ArticleRef(path=path, sha256=recorded.sha256, title=recorded.title),
        checklist=ChecklistRef(
            id=checklist.id,
            version=checklist.version,
            sha256=loaded.sha256,
            title=checklist.title,
        ),
        score=score_record(result),
        items=records,
    )
    order = {item.id: n for n, item in enumerate(checklist.items)}
    disagreements = sorted(comparison.disagreements, key=lambda c: order[c.item_id])
    return Consensus(report, disagreements, comparison)


def _shown(checklist: Checklist, item: Item, answer: AnswerValue, label: str) -> str:
    return answer_text(checklist, item, ItemRecord(id=item.id, answer=answer, label=label))


def items_to_discuss(report: Report) -> list[str]:
    """The ids of the items a consensus report still marks for discussion."""
    return [record.id for record in report.items if is_to_discuss(record)]


def consensus_appraisal(
    consensus: Consensus, article: Article, loaded: LoadedChecklist
) -> tuple[Appraisal, list[str]]:
    """The consensus as an Appraisal the TUI can edit, and warnings about drift.

    Its suggestions are the ones recorded in the first report (the same evidence the members
    saw); its answers, notes and sources come from the consensus report.
    """
    from appraise.appraisal import Appraisal
    from appraise.extract.findings import Evidence
    from appraise.infer.registry import Suggestion

    suggestions = {}
    for record in consensus.report.items:
        if record.suggestion is not None:
            s = record.suggestion
            suggestions[record.id] = Suggestion(
                s.value,
                s.confidence,
                s.rationale,
                [Evidence(e.quote, e.start, e.end) for e in s.evidence],
            )
    appraisal = Appraisal(article, loaded, suggestions, appraiser=consensus.report.appraiser)
    warnings = appraisal.restore(consensus.report)
    return appraisal, warnings


def _settle(compared: ItemComparison) -> tuple[AnswerValue | None, str]:
    members = _members_notes(compared.ratings)
    if compared.status in ("disagree", "incomplete"):
        return None, _join(_discussion(compared), members)
    if compared.status == "blank":
        return None, members
    values = Counter(_key(r.answer) for r in compared.ratings)
    best = max(values.values())
    chosen = next(r for r in compared.ratings if values[_key(r.answer)] == best)
    spread = ""
    if len(values) > 1:
        given = ", ".join(f"{r.rater} {r.text}" for r in compared.ratings)
        spread = f"Agreed on the band; the values given were: {given}."
    return chosen.answer, _join(spread, members)


def _discussion(compared: ItemComparison) -> str:
    category, count = compared.majority()
    if compared.status == "incomplete":
        headline = "not every member answered"
    elif count > 1:
        shown = next(r.text for r in compared.answered if r.category == category)
        headline = f"the members disagree ({count} of {len(compared.ratings)} said {shown})"
    else:
        headline = "the members disagree"
    lines = [f"{DISCUSS_MARKER} {headline}; settle the answer, then delete this note."]
    for rating in compared.ratings:
        lines.append(f"- {rating.rater}: {_position(rating)}")
    return "\n".join(lines)


def _position(rating: Rating) -> str:
    if rating.category is None:
        return "unanswered"
    details = [rating.source or "no source"]
    if rating.reason:
        details.append(f"reason: {' '.join(rating.reason.split())}")
    return f"{_oneline(rating.text, 300)} ({'; '.join(details)})"


def _members_notes(ratings: list[Rating]) -> str:
    return "\n".join(f"{r.rater}: {r.notes.strip()}" for r in ratings if r.notes.strip())


def _suggestion(comparison: Comparison, item_id: str) -> SuggestionRecord | None:
    for saved in comparison.reports:
        for record in saved.report.items:
            if record.id == item_id and record.suggestion is not None:
                return record.suggestion
    return None


def _key(value: AnswerValue | None) -> str:
    return repr(float(value)) if isinstance(value, int | float) else repr(value)


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _oneline(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip(text: str, limit: int = NOTES_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
