"""The members' positions on one item, side by side: answer, source, reason and notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import ItemGrid
from textual.content import Content
from textual.widgets import Static

from appraise.checklist.model import Checklist, Item
from appraise.report.compare import ItemComparison, category
from appraise.report.model import AnswerValue
from appraise.tui.display import one_line
from appraise.tui.settling import position_lines

STYLES = {
    "answer": "bold",
    "blank": "italic $text-muted",
    "source": "$text-muted",
    "reason": "",
    "notes": "italic",
}


class MemberPositions(ItemGrid):
    """One card per member, as many a row as fit (20 columns at least), equal in height.

    A card whose answer falls with the club's (the same option, or the same band) is marked
    `-agrees`; an unanswered one `-blank`.
    """

    def __init__(self, members: int, *, id: str | None = None) -> None:
        super().__init__(id=id, min_column_width=20, stretch_height=True)
        self._cards = [Static(classes="member", markup=False) for _ in range(members)]

    def compose(self) -> ComposeResult:
        yield from self._cards

    def show(
        self,
        checklist: Checklist,
        item: Item,
        compared: ItemComparison,
        settled: AnswerValue | None,
    ) -> None:
        """Show each member's rating of `compared`; mark those that agree with `settled`."""
        chosen = category(checklist, item, settled)
        for card, rating in zip(self._cards, compared.ratings, strict=False):
            card.border_title = Content(one_line(rating.rater))
            card.update(
                Content("\n").join(
                    Content.styled(one_line(text), STYLES[kind])
                    for text, kind in position_lines(rating)
                )
            )
            card.set_class(chosen is not None and rating.category == chosen, "-agrees")
            card.set_class(rating.category is None, "-blank")
