"""The report: a saved appraisal with its score, in a TOML form a club can keep in git."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1
Source = Literal["inferred", "confirmed", "edited", "manual"]
AnswerValue = float | int | str
MAX_TEXT_ANSWER = 20_000
StoredAnswer = float | int | Annotated[str, StringConstraints(max_length=MAX_TEXT_ANSWER)]
"""An answer as a report stores it: a text answer is bounded like notes."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ArticleRef(Strict):
    path: str = Field(max_length=4096)
    """The article's path, relative to the report's folder where possible."""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """The sha256 of the article's bytes: resuming warns when the article changed."""
    title: str = Field(default="", max_length=500)
    """The article's title, as ingest found it."""


class ChecklistRef(Strict):
    id: str = Field(max_length=64)
    """The checklist's id."""
    version: str = Field(max_length=40)
    """The checklist's version when the report was saved."""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """The sha256 of the checklist file."""
    title: str = Field(default="", max_length=200)
    """The checklist's title."""


class EvidenceRecord(Strict):
    quote: str = Field(max_length=100_000)
    """The quoted words, verbatim."""
    start: int = Field(ge=0)
    """Character offset of the quote in the article text."""
    end: int = Field(ge=0)
    """End offset (exclusive)."""


class SuggestionRecord(Strict):
    value: StoredAnswer | None = None
    """The inferred answer; absent when the inferrer left the item blank."""
    confidence: float = Field(default=0.0, ge=0, le=1)
    """How sure the inferrer was, 0 to 1."""
    rationale: str = Field(default="", max_length=10_000)
    """Why: the reason for the answer, or for leaving it blank."""
    evidence: list[EvidenceRecord] = Field(default_factory=list, max_length=200)
    """The sentences that support it."""


class ItemRecord(Strict):
    id: str = Field(max_length=64)
    """The checklist item's id."""
    answer: StoredAnswer | None = None
    """The current answer: an option id, a number, or days for a duration; absent if unanswered."""
    source: Source | None = None
    """Where the answer came from: inferred (not yet looked at), confirmed, edited, or manual."""
    suggestion: SuggestionRecord | None = None
    """What appraise inferred, kept beside the answer."""
    notes: str = Field(default="", max_length=20_000)
    """The appraiser's notes."""
    reason: str = Field(default="", max_length=2_000)
    """Why the appraiser changed the inferred answer."""
    points: float | None = None
    """Weighted points the answer earned (absent when not scored)."""
    label: str = Field(default="", max_length=200)
    """The chosen option's or band's label."""
    shown: str = Field(default="", max_length=500)
    """The answer as a reader would say it: an option's label, "6 years", "134"."""


class SectionRecord(Strict):
    id: str = Field(max_length=64)
    """The section's id."""
    points: float
    """Points earned in the section."""
    max_points: float
    """Points available in the section over answered items."""


class ScoreRecord(Strict):
    points: float
    """Weighted points earned."""
    max_points: float
    """Weighted points available over answered, scored items."""
    percent: float | None = None
    """points / max_points as a percentage."""
    grade: str | None = Field(default=None, max_length=40)
    """The grade after the critical-item cap."""
    uncapped_grade: str | None = Field(default=None, max_length=40)
    """The grade the percentage alone gives."""
    critical_failures: list[Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=list, max_length=500
    )
    """Critical items whose answer failed."""
    unanswered: list[Annotated[str, StringConstraints(max_length=64)]] = Field(
        default_factory=list, max_length=500
    )
    """Scored items not answered: the grade is provisional while any remain."""
    sections: list[SectionRecord] = Field(default_factory=list, max_length=500)
    """Subtotals by section."""


class Report(Strict):
    schema_version: int = SCHEMA_VERSION
    """The version of this report format."""
    tool: str = Field(default="", max_length=200)
    """The program and version that wrote the report."""
    appraiser: str = Field(default="", max_length=200)
    """Who appraised the article."""
    created: datetime
    """When the appraisal began."""
    updated: datetime
    """When it was last saved."""
    article: ArticleRef
    """The article appraised."""
    checklist: ChecklistRef
    """The checklist used."""
    score: ScoreRecord
    """The score and grade."""
    items: list[ItemRecord] = Field(max_length=500)
    """One record per checklist item, in checklist order."""
