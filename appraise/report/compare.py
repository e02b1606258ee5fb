"""Several members' reports on one article, side by side: where they agree, and how far beyond
chance.

What is compared, item by item:

- a choice item by the option chosen (`yes`, `unclear`, `no`, `na`...);
- a number or duration item by the band its value falls in (`very small`, or `1 points` for a band
  with no label), so 9 and 12 participants agree when both are "very small"; an unbanded number
  by its value;
- a free-text item by its words (case and spacing ignored); free text is shown, and can be marked
  for discussion, but it is not counted in the statistics.

The statistics count only items every member answered: percent agreement (items on which all
agree), the mean share of agreeing pairs (Fleiss' P-bar), Cohen's kappa for two members, Fleiss'
kappa for three or more (with Cohen's kappa for every pair). Categories are pooled across items:
each item is one subject rated by every member. Items someone left blank are counted apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from appraise.checklist.model import Checklist, Item
from appraise.report.kappa import (
    category_counts,
    cohen_kappa,
    fleiss_kappa,
    interpret,
    mean_pairwise_agreement,
)
from appraise.report.locate import SavedReport
from appraise.report.model import AnswerValue, ItemRecord, Report
from appraise.report.view import answer_text, format_number
from appraise.scoring import DAYS_PER_UNIT, band_for

Status = Literal["disagree", "incomplete", "agree", "blank"]
STATUS_ORDER: dict[Status, int] = {"disagree": 0, "incomplete": 1, "agree": 2, "blank": 3}
STATUS_WORDS: dict[Status, str] = {
    "disagree": "DISAGREE",
    "incomplete": "incomplete",
    "agree": "agree",
    "blank": "all blank",
}


@dataclass(frozen=True, slots=True)
class Rating:
    """One member's answer to one item."""

    rater: str
    answer: AnswerValue | None
    text: str
    """The answer as a reader says it."""
    category: str | None
    """What is compared (see the module's docstring); None when unanswered."""
    source: str | None
    reason: str
    notes: str


@dataclass(frozen=True, slots=True)
class ItemComparison:
    item_id: str
    number: int
    prompt: str
    kind: str
    ratings: list[Rating]
    status: Status
    counted: bool
    """In the statistics: a categorical item every member answered."""

    @property
    def answered(self) -> list[Rating]:
        return [r for r in self.ratings if r.category is not None]

    def majority(self) -> tuple[str | None, int]:
        """The commonest category among the answers and how many gave it (first rater breaks
        ties)."""
        counts = Counter(r.category for r in self.answered)
        if not counts:
            return None, 0
        best = max(counts.values())
        for rating in self.answered:
            if counts[rating.category] == best:
                return rating.category, best
        return None, 0  # pragma: no cover - unreachable


@dataclass(frozen=True, slots=True)
class PairKappa:
    first: str
    second: str
    items: int
    kappa: float | None


@dataclass(frozen=True, slots=True)
class Agreement:
    raters: int
    items: int
    """Items in the statistics: categorical, answered by every member."""
    agreed: int
    """Of those, items on which every member gave the same answer."""
    percent: float | None
    """agreed / items, as a percentage."""
    mean_pairwise: float | None
    """Fleiss' P-bar as a percentage: for two members the same as `percent`."""
    kappa: float | None
    """Cohen's kappa for two members, Fleiss' kappa for more."""
    method: str
    incomplete: int
    """Categorical items left out because some members did not answer them."""
    blank: int
    """Categorical items nobody answered."""
    free_text: int
    """Free-text items: shown, never counted."""
    pairs: list[PairKappa] = field(default_factory=list)
    """Cohen's kappa for every pair, over the items both answered (three or more members)."""

    @property
    def words(self) -> str:
        return interpret(self.kappa)


@dataclass(frozen=True, slots=True)
class Comparison:
    raters: list[str]
    reports: list[SavedReport]
    items: list[ItemComparison]
    """Disagreements first, then items some left blank, then agreements; checklist order
    within each."""
    agreement: Agreement
    warnings: list[str]

    @property
    def disagreements(self) -> list[ItemComparison]:
        return [c for c in self.items if c.status in ("disagree", "incomplete")]


def compare_reports(reports: Sequence[SavedReport], checklist: Checklist) -> Comparison:
    """Compare two or more reports on one article, read with `checklist`."""
    if len(reports) < 2:
        raise ValueError("a comparison needs at least two reports")
    raters = rater_names(reports)
    items: list[ItemComparison] = []
    for number, item in enumerate(checklist.items, start=1):
        ratings = [
            _rating(checklist, item, rater, _record(saved.report, item.id))
            for rater, saved in zip(raters, reports, strict=True)
        ]
        items.append(_compare_item(checklist, item, number, ratings))
    ordered = sorted(items, key=lambda c: (STATUS_ORDER[c.status], c.number))
    return Comparison(raters, list(reports), ordered, _agreement(raters, items), _warnings(reports))


def rater_names(reports: Sequence[SavedReport]) -> list[str]:
    """Each report's appraiser (or file stem), made unique with the file's name."""
    names = [saved.name for saved in reports]
    counts = Counter(names)
    unique = [
        f"{name} ({saved.path.name})" if counts[name] > 1 else name
        for name, saved in zip(names, reports, strict=True)
    ]
    # Two files of the same name by the same appraiser: number them.
    seen: Counter[str] = Counter()
    result = []
    for name in unique:
        seen[name] += 1
        result.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return result


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain data, for `appraise report compare --json`."""
    agreement = comparison.agreement
    return {
        "raters": [
            {"name": name, "report": str(saved.path), "appraiser": saved.report.appraiser}
            for name, saved in zip(comparison.raters, comparison.reports, strict=True)
        ],
        "article": comparison.reports[0].report.article.model_dump(mode="json"),
        "checklist": comparison.reports[0].report.checklist.model_dump(mode="json"),
        "warnings": comparison.warnings,
        "agreement": {
            "items": agreement.items,
            "agreed": agreement.agreed,
            "percent": _round(agreement.percent),
            "mean_pairwise_percent": _round(agreement.mean_pairwise),
            "kappa": _round(agreement.kappa, 3),
            "method": agreement.method,
            "interpretation": agreement.words,
            "incomplete": agreement.incomplete,
            "blank": agreement.blank,
            "free_text": agreement.free_text,
            "pairs": [
                {
                    "raters": [p.first, p.second],
                    "items": p.items,
                    "cohen_kappa": _round(p.kappa, 3),
                }
                for p in agreement.pairs
            ],
        },
        "items": [
            {
                "id": c.item_id,
                "prompt": c.prompt,
                "kind": c.kind,
                "status": c.status,
                "counted": c.counted,
                "ratings": [
                    {
                        "rater": r.rater,
                        "answer": r.answer,
                        "text": r.text,
                        "category": r.category,
                        "source": r.source,
                        "reason": r.reason,
                        "notes": r.notes,
                    }
                    for r in c.ratings
                ],
            }
            for c in comparison.items
        ],
    }


def _record(report: Report, item_id: str) -> ItemRecord:
    for record in report.items:
        if record.id == item_id:
            return record
    return ItemRecord(id=item_id)


def _rating(checklist: Checklist, item: Item, rater: str, record: ItemRecord) -> Rating:
    return Rating(
        rater=rater,
        answer=record.answer,
        text=answer_text(checklist, item, record),
        category=category(checklist, item, record.answer),
        source=record.source,
        reason=record.reason,
        notes=record.notes,
    )


def category(checklist: Checklist, item: Item, answer: AnswerValue | None) -> str | None:
    """What two answers are compared by (see the module's docstring); None when blank."""
    if answer is None or answer == "":
        return None
    if item.kind == "choice" or item.kind == "text":
        text = str(answer)
        return " ".join(text.casefold().split()) if item.kind == "text" else text
    if isinstance(answer, str):
        return answer
    if item.bands:
        amount = float(answer)
        if item.kind == "duration":
            amount /= DAYS_PER_UNIT[item.unit]
        band = band_for(item.bands, amount)
        return band.label or f"{format_number(band.points)} points"
    return format_number(float(answer))


def _compare_item(
    checklist: Checklist, item: Item, number: int, ratings: list[Rating]
) -> ItemComparison:
    given = [r.category for r in ratings if r.category is not None]
    status: Status
    if not given:
        status = "blank"
    elif len(set(given)) > 1:
        status = "disagree"
    elif len(given) < len(ratings):
        status = "incomplete"
    else:
        status = "agree"
    counted = item.kind != "text" and len(given) == len(ratings)
    return ItemComparison(item.id, number, item.prompt, item.kind, ratings, status, counted)


def _agreement(raters: list[str], items: list[ItemComparison]) -> Agreement:
    counted = [c for c in items if c.counted]
    rows = [[r.category for r in c.ratings] for c in counted]
    agreed = sum(1 for row in rows if len(set(row)) == 1)
    counts = category_counts(rows)
    kappa: float | None
    if len(raters) == 2:
        kappa = cohen_kappa([(row[0], row[1]) for row in rows])
        method = "Cohen's kappa"
    else:
        kappa = fleiss_kappa(counts) if counts else None
        method = "Fleiss' kappa"
    pairs = []
    if len(raters) > 2:
        for i, j in combinations(range(len(raters)), 2):
            both = [
                (c.ratings[i].category, c.ratings[j].category)
                for c in items
                if c.kind != "text"
                and c.ratings[i].category is not None
                and c.ratings[j].category is not None
            ]
            pairs.append(PairKappa(raters[i], raters[j], len(both), cohen_kappa(both)))
    categorical = [c for c in items if c.kind != "text"]
    pairwise = mean_pairwise_agreement(counts)
    return Agreement(
        raters=len(raters),
        items=len(counted),
        agreed=agreed,
        percent=100.0 * agreed / len(counted) if counted else None,
        mean_pairwise=None if pairwise is None else 100.0 * pairwise,
        kappa=kappa,
        method=method,
        incomplete=sum(1 for c in categorical if not c.counted and c.status != "blank"),
        blank=sum(1 for c in categorical if c.status == "blank"),
        free_text=len(items) - len(categorical),
        pairs=pairs,
    )


def _warnings(reports: Sequence[SavedReport]) -> list[str]:
    first = reports[0]
    warnings = []
    for saved in reports[1:]:
        if saved.report.article.sha256 != first.report.article.sha256:
            warnings.append(
                f"{saved.path} appraised a different article from {first.path} "
                "(sha256 differs): compare only appraisals of the same text"
            )
        mine, theirs = saved.report.checklist, first.report.checklist
        if mine.id != theirs.id:
            warnings.append(
                f"{saved.path} used checklist {mine.id!r}, {first.path} used {theirs.id!r}"
            )
        elif mine.version != theirs.version:
            warnings.append(
                f"{saved.path} used version {mine.version} of {mine.id!r}, "
                f"{first.path} version {theirs.version}"
            )
    return warnings


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)
