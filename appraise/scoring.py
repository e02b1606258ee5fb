"""Scoring: a pure function of a checklist and its answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from appraise.checklist.model import Band, Checklist, Item

AnswerValue = str | float | int | None
DAYS_PER_UNIT = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}


@dataclass(frozen=True, slots=True)
class ItemScore:
    item_id: str
    points: float | None
    """Weighted points, or None when the item is unanswered, not applicable, or not scored."""
    max_points: float | None
    fails_critical: bool = False
    label: str = ""
    """The chosen option's label or the band's label."""


@dataclass(frozen=True, slots=True)
class SectionScore:
    section_id: str
    title: str
    points: float
    max_points: float

    @property
    def percent(self) -> float | None:
        return 100.0 * self.points / self.max_points if self.max_points else None


@dataclass(frozen=True, slots=True)
class Score:
    points: float
    max_points: float
    percent: float | None
    """Points as a share of the maximum over answered, scored items; None when there are none."""
    grade: str | None
    uncapped_grade: str | None
    critical_failures: list[str]
    unanswered: list[str]
    """Scored items with no answer yet: the grade is provisional while any remain."""
    items: dict[str, ItemScore] = field(default_factory=dict)
    sections: list[SectionScore] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unanswered

    @property
    def capped(self) -> bool:
        return self.grade != self.uncapped_grade


def score(checklist: Checklist, answers: Mapping[str, AnswerValue]) -> Score:
    item_scores = {
        item.id: score_item(checklist, item, answers.get(item.id)) for item in checklist.items
    }
    unanswered = [
        item.id
        for item in checklist.items
        if is_scored(checklist, item) and answers.get(item.id) in (None, "")
    ]
    sections = []
    for section in checklist.sections:
        members = [item_scores[i.id] for i in checklist.items if i.section == section.id]
        got = sum(s.points for s in members if s.points is not None)
        best = sum(s.max_points for s in members if s.points is not None and s.max_points)
        sections.append(SectionScore(section.id, section.title, got, best))
    points = sum(s.points for s in sections)
    max_points = sum(s.max_points for s in sections)
    percent = 100.0 * points / max_points if max_points else None
    uncapped = grade_for(checklist, percent)
    failures = [
        item.id for item in checklist.items if item.critical and item_scores[item.id].fails_critical
    ]
    grade = uncapped
    cap = checklist.grading.critical_fail_caps_at
    if failures and cap is not None and uncapped is not None:
        grade = _worse(checklist, uncapped, cap)
    return Score(
        points, max_points, percent, grade, uncapped, failures, unanswered, item_scores, sections
    )


def is_scored(checklist: Checklist, item: Item) -> bool:
    if item.kind == "choice":
        return True
    return item.kind in ("number", "duration") and bool(item.bands)


def score_item(checklist: Checklist, item: Item, value: AnswerValue) -> ItemScore:
    if value is None or value == "" or not is_scored(checklist, item):
        return ItemScore(item.id, None, None)
    if item.kind == "choice":
        assert item.scale is not None
        options = checklist.scales[item.scale].options
        scored = [o.points for o in options if o.points is not None]
        best = max(scored) * item.weight
        for option in options:
            if option.id == value:
                if option.points is None:
                    return ItemScore(item.id, None, None, label=option.label)
                fails = option.fails if option.fails is not None else option.points == min(scored)
                return ItemScore(item.id, option.points * item.weight, best, fails, option.label)
        return ItemScore(item.id, None, None)
    if isinstance(value, str):
        return ItemScore(item.id, None, None)
    amount = float(value) / DAYS_PER_UNIT[item.unit] if item.kind == "duration" else float(value)
    band = band_for(item.bands, amount)
    lowest = min(b.points for b in item.bands)
    fails = band.fails if band.fails is not None else band.points == lowest
    best = max(b.points for b in item.bands) * item.weight
    return ItemScore(item.id, band.points * item.weight, best, fails, band.label)


def band_for(bands: list[Band], amount: float) -> Band:
    for band in bands:
        if band.below is None or amount < band.below:
            return band
    return bands[-1]


def grade_for(checklist: Checklist, percent: float | None) -> str | None:
    if percent is None:
        return None
    for band in checklist.grading.bands:
        if band.at_least is None or percent >= band.at_least - 1e-9:
            return band.grade
    return checklist.grading.bands[-1].grade


def _worse(checklist: Checklist, grade: str, cap: str) -> str:
    order = [b.grade for b in checklist.grading.bands]
    return grade if order.index(grade) >= order.index(cap) else cap
