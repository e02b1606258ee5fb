"""The options of a choice item, one a line, numbered for the keys 1-9."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from appraise.tui.display import points_words


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    label: str
    points: float | None
    chosen: bool
    suggested: bool
    remark: str = ""
    """A word after the option (the consensus screen names the members who chose it)."""


class ChoiceList(Widget):
    """Not focusable: the number keys choose from anywhere, a click chooses the line."""

    class Chosen(Message):
        """The reader clicked an option."""

        def __init__(self, choice_list: ChoiceList, option_id: str) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.option_id = option_id

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._choices: list[Choice] = []

    def set_choices(self, choices: list[Choice]) -> None:
        self._choices = choices
        self.refresh(layout=True)

    def render(self) -> Content:
        lines = []
        for number, choice in enumerate(self._choices, 1):
            key = f" {number} " if number <= 9 else "   "
            points = "not scored" if choice.points is None else points_words(choice.points)
            lines.append(
                Content.assemble(
                    (key, "reverse" if choice.chosen else "bold"),
                    " ",
                    ("● " if choice.chosen else "○ ", "$text-accent" if choice.chosen else ""),
                    (choice.label, "bold" if choice.chosen else ""),
                    (f"  {points}", "$text-muted"),
                    ("  ◂ suggested" if choice.suggested else "", "$text-warning"),
                    (f"  ◂ {choice.remark}" if choice.remark else "", "$text-secondary"),
                )
            )
        return Content("\n").join(lines)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(self._choices):
            self.post_message(self.Chosen(self, self._choices[offset.y].id))
