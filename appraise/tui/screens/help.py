"""The help screen: every key, and what the marks in the checklist mean."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from appraise.tui.display import MARKS, STATUS_WORDS

# (binding ids, or a literal key shown as is; what it does)
KeyGroups = list[tuple[str, list[tuple[list[str], str]]]]
KEY_GROUPS: KeyGroups = [
    (
        "Move",
        [
            (["up / down", "next-item", "previous-item"], "next / previous item"),
            (["tab / shift+tab"], "next / previous pane: checklist, item, article"),
            (["focus-checklist"], "back to the checklist (drops an answer being typed)"),
        ],
    ),
    (
        "Answer",
        [
            (["confirm", "confirm-enter"], "confirm the suggested answer"),
            (["confirm-all"], "confirm every suggestion above the confidence threshold"),
            (["1-9"], "choose an option (choice items)"),
            (["type, enter"], "set a number, duration (e.g. 6 months) or text answer"),
            (["clear-answer"], "clear the answer"),
            (["notes"], "write notes (escape when done)"),
        ],
    ),
    (
        "Article",
        [
            (["next-evidence", "previous-evidence"], "next / previous evidence passage"),
            (["pgup / pgdn / space"], "scroll, when the article has focus"),
        ],
    ),
    (
        "Report",
        [
            (["summary"], "the summary: the scored report before saving"),
            (["save"], "save the report (asks where the first time)"),
            (["command-palette"], "commands: jump to an item, save as, summary, theme"),
            (["help"], "this help"),
            (["quit"], "quit (asks first when changes are unsaved)"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    """Keys drawn from the bindings themselves, so the help cannot drift from them."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", key_display="esc", id="help-close"),
    ]

    def __init__(
        self,
        bindings: Iterable[BindingType],
        threshold: float,
        groups: KeyGroups | None = None,
        marks: bool = True,
    ) -> None:
        super().__init__(classes="dialog")
        self._by_id = {b.id: b for b in bindings if isinstance(b, Binding) and b.id}
        self._threshold = threshold
        self._groups = KEY_GROUPS if groups is None else groups
        self._show_marks = marks

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog-box") as box:
            box.border_title = "Help"
            box.border_subtitle = "esc to close"
            for group, entries in self._groups:
                yield Static(Content.styled(group, "bold $text-primary"), classes="help-group")
                for names, what in entries:
                    if "threshold" in what:
                        what = f"{what} ({self._threshold:.0%})"
                    with Horizontal(classes="help-row"):
                        keys = " / ".join(self._key(name) for name in names)
                        yield Static(Content(keys), classes="help-keys")
                        yield Static(Content(what), classes="help-what")
            if self._show_marks:
                yield Static(self._marks(), id="help-marks")

    def action_close(self) -> None:
        self.dismiss(None)

    def _key(self, name: str) -> str:
        binding = self._by_id.get(name)
        if binding is None:
            return name
        first = binding.key.split(",")[0].strip()
        return self.app.get_key_display(replace(binding, key=first))

    def _marks(self) -> Content:
        parts: list[str | tuple[str, str]] = [("Marks in the checklist\n", "bold $text-primary")]
        for status, mark in MARKS.items():
            words = STATUS_WORDS[status]
            if status == "edited":
                words = f"{words}, or {STATUS_WORDS['manual']}"
            elif status == "manual":
                continue
            parts += ["  ", (mark, "bold"), f"  {words}\n"]
        parts.append(
            (
                "  Points show at the right of each item: 2/2 earned of available, "
                "— unanswered, n/a left out.",
                "$text-muted",
            )
        )
        return Content.assemble(*parts)
