"""The summary: the scored report as it will be saved, before saving it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from appraise.tui.display import (
    MARKS,
    STATUS_WORDS,
    format_answer,
    format_number,
    format_points,
    item_status,
    item_title,
    one_line,
)
from appraise.tui.session import Session

Part = str | tuple[str, str]


class SummaryScreen(Screen[None]):
    """Every item with its answer, points and provenance; the score and grade on top."""

    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "close", "Back", key_display="esc", id="summary-close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.sub_title = "Summary"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static(self._score(), id="summary-score", markup=False)
            yield Static(self._sections(), id="summary-sections", markup=False)
            yield Static(self._items(), id="summary-items", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)

    def _score(self) -> Content:
        appraisal = self.session.appraisal
        score = appraisal.score()
        checklist = appraisal.loaded.checklist
        parts: list[Part] = [
            ("Checklist  ", "bold"),
            f"{checklist.title} (version {checklist.version})\n",
        ]
        if appraisal.appraiser:
            parts += [("Appraiser  ", "bold"), f"{appraisal.appraiser}\n"]
        parts.append(("Score      ", "bold"))
        if score.percent is None:
            parts.append(("nothing scored yet", "$text-muted"))
        else:
            parts += [
                f"{format_number(score.points)} of {format_number(score.max_points)} points  ·  ",
                (f"{score.percent:.0f}%", "bold"),
                "  ·  grade ",
                (score.grade or "—", "bold $text-accent"),
            ]
        if score.grade != score.uncapped_grade and score.critical_failures:
            names = ", ".join(item_title(checklist.item(i)) for i in score.critical_failures)
            parts.append(
                (
                    f"\n           capped from {score.uncapped_grade}: critical item failed "
                    f"({names})",
                    "$text-error",
                )
            )
        if score.unanswered:
            names = ", ".join(item_title(checklist.item(i)) for i in score.unanswered)
            parts.append(
                (
                    f"\n           provisional: {len(score.unanswered)} unanswered ({names})",
                    "$text-warning",
                )
            )
        for band in checklist.grading.bands:
            if band.grade == score.grade and band.description:
                parts.append((f"\n           {band.description}", "italic $text-muted"))
        return Content.assemble(*parts)

    def _sections(self) -> Content:
        score = self.session.appraisal.score()
        width = max((len(s.title) for s in score.sections), default=0)
        lines: list[Content] = [Content.styled("Sections", "bold $text-primary")]
        for section in score.sections:
            total = (
                f"{format_number(section.points)}/{format_number(section.max_points)}"
                if section.max_points
                else "—"
            )
            lines.append(Content(f"  {section.title:<{width}}  {total:>7}"))
        return Content("\n").join(lines)

    def _items(self) -> Content:
        appraisal = self.session.appraisal
        checklist = appraisal.loaded.checklist
        score = appraisal.score()
        width = max(len(item_title(i)) for i in checklist.items)
        lines: list[Content] = [Content.styled("Items", "bold $text-primary")]
        for item in checklist.items:
            state = appraisal.states[item.id]
            status = item_status(appraisal, item)
            points = format_points(checklist, item, score.items[item.id], status)
            answer = format_answer(checklist, item, state.answer)
            label = score.items[item.id].label
            if label and label != answer:
                answer = f"{answer} ({label})"
            lines.append(
                Content.assemble(
                    f"  {MARKS[status]} ",
                    (f"{item_title(item):<{width}}", "bold"),
                    f"  {points:>5}  ",
                    answer,
                    (f"  ·  {STATUS_WORDS[status]}", "$text-muted"),
                )
            )
            indent = " " * (width + 13)
            if state.reason:
                lines.append(
                    Content.assemble(indent, ("reason: ", "italic"), one_line(state.reason))
                )
            if state.notes.strip():
                lines.append(Content.assemble(indent, ("notes: ", "italic"), one_line(state.notes)))
        return Content("\n").join(lines)
