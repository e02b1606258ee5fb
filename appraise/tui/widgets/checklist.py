"""The checklist: items grouped by section, each with its status mark and its points."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from appraise.appraisal import Appraisal
from appraise.checklist.model import Item
from appraise.scoring import Score
from appraise.tui.display import MARKS, Status, format_points, item_status, item_title

SECTION_PREFIX = "section:"

MARK_STYLES: dict[Status, str] = {
    "suggested": "bold $text-warning",
    "confirmed": "bold $text-success",
    "edited": "bold $text-accent",
    "manual": "bold $text-accent",
    "unanswered": "$text-muted",
    "not-applicable": "$text-muted",
}


class ChecklistView(OptionList):
    """Up/down (and j/k from anywhere) move between items; section headings are skipped."""

    class ItemHighlighted(Message):
        """The reader moved to another item."""

        def __init__(self, checklist: ChecklistView, item_id: str) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id

        @property
        def control(self) -> ChecklistView:
            return self.checklist

    class ItemChosen(Message):
        """Enter on an item: confirm its suggestion."""

        def __init__(self, checklist: ChecklistView, item_id: str) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id

        @property
        def control(self) -> ChecklistView:
            return self.checklist

    ALLOW_MAXIMIZE: ClassVar[bool] = False

    def __init__(self, appraisal: Appraisal, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._appraisal = appraisal
        self._score = appraisal.score()
        self._width = 0
        checklist = appraisal.loaded.checklist
        rows: list[Option] = []
        for section in checklist.sections:
            members = [item for item in checklist.items if item.section == section.id]
            if not members:
                continue
            rows.append(
                Option(Content(section.title), id=SECTION_PREFIX + section.id, disabled=True)
            )
            rows.extend(Option(self._prompt(item), id=item.id) for item in members)
        self.add_options(rows)

    @property
    def item_id(self) -> str | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else option.id

    def go_to(self, item_id: str) -> None:
        self.highlighted = self.get_option_index(item_id)

    def update_items(self, score: Score, item_ids: list[str] | None = None) -> None:
        """Redraw the marks and points of `item_ids` (default: all) from `score`."""
        self._score = score
        ids = item_ids if item_ids is not None else [i.id for i in self._appraisal.items()]
        checklist = self._appraisal.loaded.checklist
        for item_id in ids:
            self.replace_option_prompt(item_id, self._prompt(checklist.item(item_id)))

    def _prompt(self, item: Item) -> Content:
        """`✓ Sample size      0/2`, fitted to the width (points at the right edge)."""
        checklist = self._appraisal.loaded.checklist
        status = item_status(self._appraisal, item)
        points = format_points(checklist, item, self._score.items[item.id], status)
        name = item_title(item)
        room = self._width - 2 - (len(points) + 1 if points else 0)
        if self._width and len(name) > room:
            name = name[: max(1, room - 1)] + "…"
        gap = max(1, self._width - 2 - len(name) - len(points)) if self._width else 2
        return Content.assemble(
            (MARKS[status], MARK_STYLES[status]),
            " ",
            name,
            " " * gap,
            (points, "$text-muted" if status == "unanswered" else ""),
        )

    # -- events ---------------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        padding = self.get_component_styles("option-list--option").padding.width
        width = self.scrollable_content_region.width - padding
        if width != self._width:
            self._width = width
            self.update_items(self._score)

    async def _on_click(self, event: events.Click) -> None:
        # A click moves to the item; it does not confirm it (that takes `a` or enter).
        event.prevent_default()
        index = event.style.meta.get("option")
        if isinstance(index, int) and not self.options[index].disabled:
            self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.ItemHighlighted(self, event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.ItemChosen(self, event.option_id))
