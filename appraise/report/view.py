"""A saved report read beside its checklist: what every export shows for each item and section.

The report keeps answers, points and labels; the checklist adds the question, the section and the
points an item could have earned. From the two come the traffic lights every export draws:

- `full`: the answer earned all the item's points (green);
- `partial`: some of them (amber);
- `none`: no points (red);
- `na`: answered "not applicable", left out of the total (grey);
- `unanswered`: no answer yet (grey);
- `unscored`: an item that is never scored, such as free text (grey).

Colour is never the only sign: each light has a symbol (as robvis draws them) and words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from appraise.checklist.model import Checklist, Item
from appraise.durations import describe_days
from appraise.report.model import AnswerValue, ItemRecord, Report
from appraise.scoring import is_scored, score_item

Light = Literal["full", "partial", "none", "na", "unanswered", "unscored"]

LIGHTS: tuple[Light, ...] = ("full", "partial", "none", "na", "unanswered", "unscored")
LIGHT_WORDS: dict[Light, str] = {
    "full": "Full points",
    "partial": "Partial",
    "none": "No points",
    "na": "Not applicable",
    "unanswered": "Unanswered",
    "unscored": "Not scored",
}
LIGHT_SYMBOLS: dict[Light, str] = {
    "full": "+",
    "partial": "\u2212",
    "none": "\u00d7",
    "na": "\u2013",
    "unanswered": "?",
    "unscored": "",
}
DISCUSS_MARKER = "TO DISCUSS:"
"""The first words of the notes of a consensus item the members must settle (answer blank)."""

LIGHT_COLOURS: dict[Light, str] = {
    "full": "#2e8540",
    "partial": "#e0a100",
    "none": "#c62828",
    "na": "#9e9e9e",
    "unanswered": "#bdbdbd",
    "unscored": "#e0e0e0",
}
"""Strong colours for dots and cells; the HTML export uses pale tints of them for rows."""


@dataclass(frozen=True, slots=True)
class ItemView:
    record: ItemRecord
    number: int
    """1-based position in the checklist."""
    prompt: str
    section_id: str
    section_title: str
    kind: str
    critical: bool
    max_points: float | None
    light: Light
    answer_text: str
    """The answer as a reader says it: an option's label, a number with its band, a duration."""

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def points_text(self) -> str:
        """`2/2`, `0/2`, `n/a`, `—` while unanswered, blank when never scored."""
        if self.record.points is not None and self.max_points is not None:
            return f"{format_number(self.record.points)}/{format_number(self.max_points)}"
        return {"na": "n/a", "unanswered": "\u2014"}.get(self.light, "")


@dataclass(frozen=True, slots=True)
class SectionView:
    id: str
    title: str
    points: float
    max_points: float
    light: Light
    items: list[ItemView] = field(default_factory=list)
    scored: bool = True
    """False for a section with no scored items (notes only): exports leave it out of plots."""


@dataclass(frozen=True, slots=True)
class ReportView:
    report: Report
    checklist: Checklist
    items: list[ItemView]
    sections: list[SectionView]

    @property
    def scored_sections(self) -> list[SectionView]:
        return [s for s in self.sections if s.scored]

    def item(self, item_id: str) -> ItemView:
        for view in self.items:
            if view.id == item_id:
                return view
        raise KeyError(item_id)


def view_report(report: Report, checklist: Checklist) -> ReportView:
    """The report's items in checklist order, with their lights; items the checklist no longer
    has come last, shown by their id."""
    records = {record.id: record for record in report.items}
    items: list[ItemView] = []
    for item in checklist.items:
        record = records.pop(item.id, None) or ItemRecord(id=item.id)
        items.append(_item_view(checklist, item, record, len(items) + 1))
    for record in records.values():
        items.append(_orphan_view(record, len(items) + 1))
    sections: list[SectionView] = []
    for section in checklist.sections:
        members = [v for v in items if v.section_id == section.id]
        scored = any(is_scored(checklist, checklist.item(v.id)) for v in members)
        # As scoring adds them up: over the items whose answer earned points.
        counted = [v for v in members if v.record.points is not None]
        points = _sum(v.record.points for v in counted)
        best = _sum(v.max_points for v in counted)
        light = _section_light(points, best, members)
        sections.append(
            SectionView(section.id, section.title, points, best, light, members, scored)
        )
    return ReportView(report, checklist, items, sections)


def light_for(points: float | None, max_points: float | None) -> Light:
    """A scored answer's light from the share of the available points it earned."""
    if points is None or max_points is None:
        return "na"
    if max_points <= 0:
        return "full"
    share = points / max_points
    if share >= 1 - 1e-9:
        return "full"
    if share <= 1e-9:
        return "none"
    return "partial"


def grade_rank(checklist: Checklist, grade: str | None) -> Light:
    """The grade as a light: the best band green, the worst red, any between amber."""
    order = [band.grade for band in checklist.grading.bands]
    if grade is None or grade not in order:
        return "unanswered"
    index = order.index(grade)
    if index == 0 and len(order) > 1:
        return "full"
    if index == len(order) - 1:
        return "none"
    return "partial"


def answer_text(checklist: Checklist | None, item: Item | None, record: ItemRecord) -> str:
    """An answer as a reader says it (as `Appraisal.to_report` words it: "6 years (a year or
    more)", an option's label); `—` when blank."""
    value = record.answer
    if value is None or value == "":
        return "\u2014"
    if isinstance(value, str):
        if item is not None and item.kind == "choice" and checklist is not None:
            scale = checklist.scales.get(item.scale or "")
            for option in scale.options if scale else []:
                if option.id == value:
                    return option.label
        return record.label or value
    shown = (
        describe_days(float(value))
        if item is not None and item.kind == "duration"
        else format_number(value)
    )
    return f"{shown} ({record.label})" if record.label else shown


def _control_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ESC shows as a visible ␛
    table[ord("\t")] = " "
    del table[ord("\n")]
    table[0x7F] = "\u2421"
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls, CSI among them
    # Bidirectional overrides and isolates reorder what a reader sees.
    for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = "\ufffd"
    return table


_CONTROLS = _control_table()


def safe_text(text: str) -> str:
    """Article text (or notes) with every control character, and every bidirectional override,
    replaced by one visible character: nothing a terminal, a browser or an editor would act on.
    Newlines are kept."""
    return text.translate(_CONTROLS)


def is_to_discuss(record: ItemRecord) -> bool:
    """Whether a (consensus) report's item is marked for discussion: blank, with notes that
    begin `TO DISCUSS:`."""
    return record.answer is None and record.notes.startswith(DISCUSS_MARKER)


def value_text(checklist: Checklist, item_id: str, value: AnswerValue | None) -> str:
    """Any value of an item (a suggestion, say) as a reader says it, with its band's label."""
    try:
        item = checklist.item(item_id)
    except KeyError:
        return "\u2014" if value is None else str(value)
    label = score_item(checklist, item, value).label if is_scored(checklist, item) else ""
    return answer_text(checklist, item, ItemRecord(id=item_id, answer=value, label=label))


def source_text(checklist: Checklist, record: ItemRecord) -> str:
    """Where the answer came from, with what was suggested where that says something."""
    suggestion = record.suggestion
    confidence = f"confidence {suggestion.confidence:.2f}" if suggestion else ""
    if record.source == "inferred":
        return f"inferred, not yet checked ({confidence})"
    if record.source == "confirmed" and suggestion and suggestion.value is not None:
        return f"confirmed (suggested with {confidence})"
    if record.source == "edited" and suggestion:
        suggested = value_text(checklist, record.id, suggestion.value)
        return f"edited (suggested: {suggested}, {confidence})"
    if is_to_discuss(record):
        return "blank: to discuss, the members disagree (see the notes)"
    return record.source or "blank"


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):d}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _item_view(checklist: Checklist, item: Item, record: ItemRecord, number: int) -> ItemView:
    scored = is_scored(checklist, item)
    max_points = score_item(checklist, item, record.answer).max_points if scored else None
    if max_points is None and scored:
        # A blank or "not applicable" answer: what the item is worth when answered.
        max_points = _best_points(checklist, item)
    light: Light
    if record.answer is None or record.answer == "":
        light = "unanswered"
    elif not scored:
        light = "unscored"
    elif record.points is None:
        light = "na"
    else:
        light = light_for(record.points, max_points)
    return ItemView(
        record=record,
        number=number,
        prompt=item.prompt,
        section_id=item.section,
        section_title=checklist.section(item.section).title,
        kind=item.kind,
        critical=item.critical,
        max_points=max_points if scored else None,
        light=light,
        answer_text=answer_text(checklist, item, record),
    )


def _orphan_view(record: ItemRecord, number: int) -> ItemView:
    light: Light = "unanswered" if record.answer is None else "unscored"
    return ItemView(
        record=record,
        number=number,
        prompt=f"{record.id} (not in this checklist)",
        section_id="",
        section_title="",
        kind="text",
        critical=False,
        max_points=None,
        light=light,
        answer_text=answer_text(None, None, record),
    )


def _best_points(checklist: Checklist, item: Item) -> float | None:
    if item.kind == "choice":
        scale = checklist.scales.get(item.scale or "")
        scored = [o.points for o in scale.options if o.points is not None] if scale else []
        return max(scored) * item.weight if scored else None
    if item.bands:
        return max(b.points for b in item.bands) * item.weight
    return None


def _section_light(points: float, max_points: float, members: list[ItemView]) -> Light:
    if max_points > 0:
        return light_for(points, max_points)
    lights = {v.light for v in members if v.light != "unscored"}
    if not lights:
        return "unscored"
    return "unanswered" if "unanswered" in lights else "na"


def _sum(values: Iterable[float | None]) -> float:
    return float(sum(v for v in values if v is not None))
