"""The Appraisal: a member's working state over one article and one checklist.

The TUI and the CLI both edit an Appraisal through these methods; neither holds logic the other
lacks. Scoring always comes from `appraise.scoring`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from appraise import __version__
from appraise.checklist.load import LoadedChecklist
from appraise.checklist.model import Checklist, Item
from appraise.durations import describe_days
from appraise.extract.findings import Evidence
from appraise.infer.registry import Suggestion
from appraise.ingest import Article
from appraise.report.model import (
    MAX_TEXT_ANSWER,
    AnswerValue,
    ArticleRef,
    ChecklistRef,
    EvidenceRecord,
    ItemRecord,
    Report,
    ScoreRecord,
    SectionRecord,
    Source,
    SuggestionRecord,
)
from appraise.scoring import Score, score


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(slots=True)
class ItemState:
    answer: AnswerValue | None = None
    source: Source | None = None
    notes: str = ""
    reason: str = ""


@dataclass
class Appraisal:
    article: Article
    loaded: LoadedChecklist
    suggestions: dict[str, Suggestion]
    states: dict[str, ItemState] = field(default_factory=dict)
    appraiser: str = ""
    created: datetime = field(default_factory=now)
    revision: int = 0
    """Bumped on every change, so a front end can tell saved from unsaved."""

    def __post_init__(self) -> None:
        for item in self.loaded.checklist.items:
            self.states.setdefault(item.id, ItemState())

    @classmethod
    def from_suggestions(
        cls,
        article: Article,
        loaded: LoadedChecklist,
        suggestions: dict[str, Suggestion],
        appraiser: str = "",
    ) -> Appraisal:
        """A fresh appraisal whose answers are the suggestions, marked `inferred`."""
        appraisal = cls(article, loaded, suggestions, appraiser=appraiser)
        for item_id, suggestion in suggestions.items():
            if suggestion.value is not None:
                appraisal.states[item_id] = ItemState(suggestion.value, "inferred")
        return appraisal

    # -- reading -----------------------------------------------------------------------------------
    def items(self) -> list[Item]:
        return list(self.loaded.checklist.items)

    def answers(self) -> dict[str, AnswerValue | None]:
        return {item_id: state.answer for item_id, state in self.states.items()}

    def score(self) -> Score:
        return score(self.loaded.checklist, self.answers())

    def answered_count(self) -> int:
        return sum(1 for s in self.states.values() if s.answer not in (None, ""))

    def needs_reason(self, item_id: str, value: AnswerValue | None) -> bool:
        """Changing an inferred answer to something else asks for a reason."""
        suggested = self.suggestions.get(item_id)
        return suggested is not None and suggested.value is not None and value != suggested.value

    # -- changing ----------------------------------------------------------------------------------
    def confirm(self, item_id: str) -> bool:
        """Accept the suggestion as the answer; False when there is nothing to confirm."""
        suggested = self.suggestions.get(item_id)
        state = self.states[item_id]
        if suggested is None or suggested.value is None:
            return False
        state.answer, state.source, state.reason = suggested.value, "confirmed", ""
        self.revision += 1
        return True

    def set_answer(self, item_id: str, value: AnswerValue | None, reason: str = "") -> None:
        state = self.states[item_id]
        suggested = self.suggestions.get(item_id)
        if value in (None, ""):
            state.answer, state.source, state.reason = None, None, ""
        elif suggested is not None and suggested.value == value:
            state.answer, state.source, state.reason = value, "confirmed", ""
        elif suggested is not None and suggested.value is not None:
            state.answer, state.source, state.reason = value, "edited", reason.strip()
        else:
            state.answer, state.source, state.reason = value, "manual", reason.strip()
        self.revision += 1

    def set_notes(self, item_id: str, notes: str) -> None:
        if self.states[item_id].notes != notes:
            self.states[item_id].notes = notes
            self.revision += 1

    def confirmable(self, threshold: float) -> list[str]:
        """The items `confirm_all(threshold)` would confirm: still-inferred suggestions at or
        above `threshold`, so a front end can say what it is about to do."""
        return [
            item_id
            for item_id, suggested in self.suggestions.items()
            if suggested.value is not None
            and suggested.confidence >= threshold
            and self.states[item_id].source == "inferred"
        ]

    def confirm_all(self, threshold: float) -> list[str]:
        """Confirm every still-inferred suggestion at or above `threshold`; the ids confirmed."""
        done = self.confirmable(threshold)
        for item_id in done:
            self.confirm(item_id)
        return done

    # -- reports -----------------------------------------------------------------------------------
    def to_report(self, report_path: str | Path | None = None) -> Report:
        result = self.score()
        checklist = self.loaded.checklist
        items = []
        for item in checklist.items:
            state = self.states[item.id]
            item_score = result.items[item.id]
            answer = state.answer
            if isinstance(answer, str):
                answer = _clip(answer, MAX_TEXT_ANSWER)
            items.append(
                ItemRecord(
                    id=item.id,
                    answer=answer,
                    source=state.source,
                    suggestion=_suggestion_record(self.suggestions.get(item.id)),
                    notes=_fit(state.notes, ItemRecord, "notes"),
                    reason=_fit(state.reason, ItemRecord, "reason"),
                    points=item_score.points,
                    label=_fit(item_score.label, ItemRecord, "label"),
                    shown=_fit(show_answer(item, answer, item_score.label), ItemRecord, "shown"),
                )
            )
        return Report(
            tool=f"appraise {__version__}",
            appraiser=_fit(self.appraiser, Report, "appraiser"),
            created=self.created,
            updated=now(),
            article=ArticleRef(
                path=_relative_path(self.article.path or "<stdin>", report_path),
                sha256=self.article.sha256,
                title=_fit(self.article.title, ArticleRef, "title"),
            ),
            checklist=ChecklistRef(
                id=checklist.id,
                version=checklist.version,
                sha256=self.loaded.sha256,
                title=checklist.title,
            ),
            score=score_record(result),
            items=items,
        )

    def restore(self, report: Report) -> list[str]:
        """Take answers, notes and reasons from a saved report; return warnings about drift."""
        warnings = []
        if report.article.sha256 != self.article.sha256:
            warnings.append(
                "the article has changed since the report was saved (sha256 differs): "
                "check the evidence"
            )
        checklist = self.loaded.checklist
        if report.checklist.id != checklist.id:
            warnings.append(
                f"the report used checklist {report.checklist.id!r}, not {checklist.id!r}"
            )
        elif report.checklist.version != checklist.version:
            warnings.append(
                f"the report used version {report.checklist.version} of the checklist; "
                f"this is version {checklist.version}"
            )
        known = {item.id: item for item in checklist.items}
        for record in report.items:
            if record.id not in known:
                warnings.append(f"item {record.id!r} is no longer in the checklist: dropped")
                continue
            state = ItemState(record.answer, record.source, record.notes, record.reason)
            if not _answer_fits(checklist, known[record.id], record.answer):
                # Scoring would skip it silently, and the grade would look complete.
                warnings.append(
                    f"item {record.id!r}: the saved answer {record.answer!r} is not a valid "
                    "answer in this checklist: cleared"
                )
                state.answer, state.source = None, None
            self.states[record.id] = state
        self.appraiser = report.appraiser or self.appraiser
        self.created = report.created
        self.revision += 1
        return warnings


def _answer_fits(checklist: Checklist, item: Item, answer: AnswerValue | None) -> bool:
    if answer is None or item.kind == "text":
        return True
    if item.kind == "choice":
        scale = checklist.scales.get(item.scale or "")
        return scale is not None and any(option.id == answer for option in scale.options)
    return not isinstance(answer, str)


def show_answer(item: Item, answer: AnswerValue | None, label: str) -> str:
    """An answer as a reader would say it: the option's label, "6 years", "134 (adequate)"."""
    if answer is None or answer == "":
        return ""
    if item.kind == "choice":
        return label or str(answer)
    if item.kind == "duration" and isinstance(answer, int | float):
        text = describe_days(float(answer))
    elif isinstance(answer, float) and answer.is_integer():
        text = str(int(answer))
    else:
        text = str(answer)
    return f"{text} ({label})" if label else text


def score_record(result: Score) -> ScoreRecord:
    """A score as the report keeps it."""
    return ScoreRecord(
        points=result.points,
        max_points=result.max_points,
        percent=None if result.percent is None else round(result.percent, 1),
        grade=result.grade,
        uncapped_grade=result.uncapped_grade,
        critical_failures=result.critical_failures,
        unanswered=result.unanswered,
        sections=[
            SectionRecord(id=s.section_id, points=s.points, max_points=s.max_points)
            for s in result.sections
        ],
    )


def _suggestion_record(suggestion: Suggestion | None) -> SuggestionRecord | None:
    if suggestion is None:
        return None
    value = suggestion.value
    if isinstance(value, str):
        value = _clip(value, MAX_TEXT_ANSWER)
    most = _max_length(SuggestionRecord, "evidence") or len(suggestion.evidence)
    return SuggestionRecord(
        value=value,
        confidence=round(suggestion.confidence, 2),
        rationale=_fit(suggestion.rationale, SuggestionRecord, "rationale"),
        evidence=[_evidence_record(e) for e in suggestion.evidence[:most]],
    )


def _evidence_record(evidence: Evidence) -> EvidenceRecord:
    # A "sentence" of a file with no full stops can be megabytes long: the quote keeps its start
    # and is cut short, its end with it, so that it still reads text[start:end].
    most = _max_length(EvidenceRecord, "quote")
    quote = evidence.quote if most is None else evidence.quote[:most]
    end = evidence.end if len(quote) == len(evidence.quote) else evidence.start + len(quote)
    return EvidenceRecord(quote=quote, start=evidence.start, end=end)


def _max_length(model: type[BaseModel], name: str) -> int | None:
    """The longest a field of the report format may be (its `max_length`), or None."""
    for constraint in model.model_fields[name].metadata:
        most = getattr(constraint, "max_length", None)
        if isinstance(most, int):
            return most
    return None


def _fit(text: str, model: type[BaseModel], name: str) -> str:
    """`text` cut to what the report format allows for `model.name`: a report always saves, even
    when a note pasted in the TUI or a phrase quoted from a huge article is longer."""
    most = _max_length(model, name)
    return text if most is None else _clip(text, most)


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _relative_path(article_path: str, report_path: str | Path | None) -> str:
    if report_path is None or article_path.startswith("<"):
        return article_path
    try:
        folder = Path(report_path).resolve().parent
        return Path(os.path.relpath(Path(article_path).resolve(), folder)).as_posix()
    except ValueError:  # another drive on Windows
        return str(Path(article_path).resolve())
