"""The item panel of the consensus screen: the item panel, with the members' positions under the
question, the options marked with who chose them, and the club's answer in place of yours."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content

from appraise.appraisal import Appraisal
from appraise.checklist.model import Item
from appraise.report.compare import ItemComparison
from appraise.scoring import Score
from appraise.tui.display import format_answer, format_points, item_status, options
from appraise.tui.settling import choosers
from appraise.tui.widgets.item_panel import ItemPanel
from appraise.tui.widgets.positions import MemberPositions

CLUB_SOURCE_WORDS = {
    "confirmed": ", as appraise suggested",
    "edited": ", not as appraise suggested",
}


class ConsensusPanel(ItemPanel):
    """Shows one disagreement; tells the screen when the club answers it (`Answered`) or writes
    notes (`NotesChanged`), as the item panel does."""

    def __init__(self, members: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._positions = MemberPositions(members, id="item-positions")
        self._compared: ItemComparison | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield widget
            if widget.id == "item-prompt":
                yield self._positions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Left and right move between disagreements: the panel never scrolls sideways.
        if action in ("scroll_left", "scroll_right") and not self.allow_horizontal_scroll:
            return False
        return super().check_action(action, parameters)

    @property
    def positions(self) -> MemberPositions:
        return self._positions

    def show_disagreement(
        self,
        appraisal: Appraisal,
        item: Item,
        compared: ItemComparison,
        score: Score,
        number: int,
        total: int,
    ) -> None:
        """Show disagreement `number` of `total`: the item, and every member's position."""
        self._compared = compared
        self.show(appraisal, item, score, compared.number)
        self.border_title = (
            f"Disagreement {number} of {total}  ·  item {compared.number} of "
            f"{len(appraisal.states)}" + ("  ·  critical" if item.critical else "")
        )

    def refresh_answer(self, score: Score) -> None:
        super().refresh_answer(score)
        appraisal, item = self._appraisal, self._item
        if appraisal is not None and item is not None:
            self._show_positions(appraisal, item)

    def _show_positions(self, appraisal: Appraisal, item: Item) -> None:
        compared = self._compared
        if compared is not None and compared.item_id == item.id:
            settled = appraisal.states[item.id].answer
            self._positions.show(appraisal.loaded.checklist, item, compared, settled)

    def choice_remark(self, option_id: str) -> str:
        compared = self._compared
        if compared is None or compared.item_id != self.item_id:
            return ""
        return ", ".join(choosers(compared, option_id))

    def answer_content(self, appraisal: Appraisal, item: Item, score: Score) -> Content:
        checklist = appraisal.loaded.checklist
        state = appraisal.states[item.id]
        parts: list[str | tuple[str, str]] = [("Club's answer  ", "bold")]
        if state.answer is None or state.answer == "":
            how = "choose it with 1-9" if options(checklist, item) else "type it in the box"
            parts.append((f"not settled yet: {how}", "$text-warning"))
            return Content.assemble(*parts)
        answer = format_answer(checklist, item, state.answer)
        parts.append((answer, "bold $text-success"))
        label = score.items[item.id].label
        if label and label != answer:
            parts.append(f" ({label})")
        points = format_points(checklist, item, score.items[item.id], item_status(appraisal, item))
        if points:
            parts.append(f"  {points} points" if points[0].isdigit() else f"  {points}")
        parts.append(
            (f"  ·  settled{CLUB_SOURCE_WORDS.get(state.source or '', '')}", "$text-muted")
        )
        return Content.assemble(*parts)
