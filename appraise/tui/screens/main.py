"""The main screen: the checklist, the current item, and the article with its evidence."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static, TextArea

from appraise.checklist.model import Item
from appraise.report.model import AnswerValue
from appraise.tui.autosave import autosave_draft
from appraise.tui.commands import ItemCommands
from appraise.tui.display import format_answer, item_title, options
from appraise.tui.keys import CHOOSE_KEYS, EVIDENCE_KEYS
from appraise.tui.screens.dialogs import ConfirmScreen, ReasonScreen
from appraise.tui.session import Session
from appraise.tui.widgets.article import ArticleView
from appraise.tui.widgets.checklist import ChecklistView
from appraise.tui.widgets.item_panel import ItemPanel
from appraise.tui.widgets.score_bar import ScoreBar


class MainScreen(Screen[None]):
    """Walk the checklist: confirm, change (with a reason) or annotate each answer."""

    CSS_PATH = "main.tcss"
    AUTO_FOCUS = "#checklist"
    COMMANDS = Screen.COMMANDS | {ItemCommands}
    # Textual declares these `ClassVar[...] | None`, which mypy reads as instance variables.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "next_item", "Next item", show=False, id="next-item"),
        Binding("k", "previous_item", "Previous item", show=False, id="previous-item"),
        Binding("a", "confirm", "Confirm", id="confirm"),
        Binding("enter", "confirm", "Confirm", show=False, id="confirm-enter"),
        Binding("A,shift+a", "confirm_all", "Confirm all", key_display="A", id="confirm-all"),
        *CHOOSE_KEYS,
        Binding("delete", "clear_answer", "Clear answer", show=False, id="clear-answer"),
        Binding("n", "notes", "Notes", id="notes"),
        *EVIDENCE_KEYS,
        Binding("escape", "focus_checklist", "Checklist", show=False, id="focus-checklist"),
        Binding("s", "app.summary", "Summary", id="summary"),
    ]

    current: var[str] = var("", init=False)
    """The id of the item shown."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.appraisal = session.appraisal
        self._positions = {item.id: n for n, item in enumerate(self.appraisal.items(), 1)}

    def compose(self) -> ComposeResult:
        checklist = self.appraisal.loaded.checklist
        yield Header()
        yield ScoreBar([band.grade for band in checklist.grading.bands], id="score-bar")
        yield Static(id="banner", markup=False)
        with Horizontal(id="body"):
            yield ChecklistView(self.appraisal, id="checklist")
            with Container(id="detail"):
                yield ItemPanel(id="item")
                yield ArticleView(self.appraisal.article.text, id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ChecklistView).border_title = "Checklist"
        self.query_one(ArticleView).border_title = "Article"
        self.show_warnings(self.session.warnings)
        self.query_one(ChecklistView).go_to(self.appraisal.items()[0].id)
        self.refresh_all()

    # -- reading the state ----------------------------------------------------------------------
    @property
    def item(self) -> Item:
        return self.appraisal.loaded.checklist.item(self.current)

    def show_warnings(self, warnings: list[str]) -> None:
        banner = self.query_one("#banner", Static)
        banner.update(Content("\n".join(f"⚠ {warning}" for warning in warnings)))
        banner.display = bool(warnings)

    def refresh_all(self) -> None:
        """Redraw everything from the appraisal (after a draft is recovered, or a save)."""
        self._refresh(None)

    def watch_current(self, item_id: str) -> None:
        with self.app.batch_update():
            self._show_current(item_id)

    def _show_current(self, item_id: str) -> None:
        item = self.item
        score = self.appraisal.score()
        self.query_one(ItemPanel).show(self.appraisal, item, score, self._positions[item_id])
        suggestion = self.appraisal.suggestions.get(item_id)
        spans = [] if suggestion is None else [(e.start, e.end) for e in suggestion.evidence]
        self.query_one(ArticleView).show_evidence(spans)

    # -- changing the state ---------------------------------------------------------------------
    def _refresh(self, item_ids: list[str] | None) -> None:
        """Redraw what a change touches, autosave the draft, and show what is unsaved."""
        score = self.appraisal.score()
        self.query_one(ChecklistView).update_items(score, item_ids)
        if self.current:
            self.query_one(ItemPanel).refresh_answer(score)
        bar = self.query_one(ScoreBar)
        bar.total = len(self.appraisal.states)
        bar.answered = self.appraisal.answered_count()
        bar.score = score
        autosave_draft(self, self.session)
        bar.dirty = self.session.dirty

    def answer(self, item_id: str, value: AnswerValue | None) -> None:
        """Set an answer; changing an inferred one asks for a reason first."""
        appraisal = self.appraisal
        item = appraisal.loaded.checklist.item(item_id)
        state = appraisal.states[item_id]
        suggestion = appraisal.suggestions.get(item_id)
        suggested = None if suggestion is None else suggestion.value
        checklist = appraisal.loaded.checklist
        if value is not None:
            # A typed value that reads as the suggestion or as the answer already set is that
            # value: 72 months for a suggested 6 years is no change.
            for known in (suggested, state.answer):
                if known is not None and format_answer(checklist, item, value) == format_answer(
                    checklist, item, known
                ):
                    value = known
                    break
        if value == state.answer and (state.source != "inferred" or value is None):
            self.query_one(ItemPanel).reset_input()
            return
        if value is None or not appraisal.needs_reason(item_id, value):
            appraisal.set_answer(item_id, value)
            self._refresh([item_id])
            self.query_one(ItemPanel).reset_input()
            return

        def reason_given(reason: str | None) -> None:
            if reason is None:
                self.query_one(ItemPanel).reset_input()
                return
            appraisal.set_answer(item_id, value, reason)
            self._refresh([item_id])
            self.query_one(ItemPanel).reset_input()

        self.app.push_screen(
            ReasonScreen(
                f"{item_title(item)}: {item.prompt}",
                format_answer(checklist, item, suggested),
                format_answer(checklist, item, value),
                state.reason,
            ),
            reason_given,
        )

    def go_to_item(self, item_id: str) -> None:
        self.query_one(ChecklistView).go_to(item_id)
        self.query_one(ChecklistView).focus()

    # -- messages -------------------------------------------------------------------------------
    @on(ChecklistView.ItemHighlighted)
    def _item_highlighted(self, event: ChecklistView.ItemHighlighted) -> None:
        self.current = event.item_id

    @on(ChecklistView.ItemChosen)
    def _item_chosen(self, event: ChecklistView.ItemChosen) -> None:
        self.action_confirm()

    @on(ItemPanel.Answered)
    def _answered(self, event: ItemPanel.Answered) -> None:
        if self.focused is self.query_one(ItemPanel).value_input:
            # Typed and entered: back to the list, to walk on with j/k (after any dialog).
            self.set_focus(self.query_one(ChecklistView))
        self.answer(event.item_id, event.value)

    @on(ItemPanel.NotesChanged)
    def _notes_changed(self, event: ItemPanel.NotesChanged) -> None:
        if event.notes != self.appraisal.states[event.item_id].notes:
            self.appraisal.set_notes(event.item_id, event.notes)
            self._refresh([event.item_id])

    # -- actions --------------------------------------------------------------------------------
    def action_next_item(self) -> None:
        self.query_one(ChecklistView).action_cursor_down()

    def action_previous_item(self) -> None:
        self.query_one(ChecklistView).action_cursor_up()

    def action_confirm(self) -> None:
        state = self.appraisal.states[self.current]
        if state.source == "confirmed":
            return
        if self.appraisal.confirm(self.current):
            self._refresh([self.current])
            self.query_one(ItemPanel).reset_input()
        else:
            self.notify(
                "Nothing to confirm: appraise has no suggestion for this item. "
                + (
                    "Choose an option with 1-9."
                    if options(self.appraisal.loaded.checklist, self.item)
                    else "Type the answer in its box."
                ),
                severity="warning",
            )

    def action_confirm_all(self) -> None:
        threshold = self.session.confirm_threshold
        ids = self.appraisal.confirmable(threshold)
        if not ids:
            self.notify(
                f"No suggestion left to confirm at {threshold:.0%} confidence or more.",
                severity="warning",
            )
            return
        checklist = self.appraisal.loaded.checklist
        lines = [
            f"  {item_title(checklist.item(i))}: "
            f"{format_answer(checklist, checklist.item(i), self.appraisal.suggestions[i].value)} "
            f"({self.appraisal.suggestions[i].confidence:.0%})"
            for i in ids
        ]
        message = Content(
            f"Confirm {len(ids)} suggestion{'s' if len(ids) != 1 else ''} "
            f"at {threshold:.0%} confidence or more?\n\n" + "\n".join(lines)
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                done = self.appraisal.confirm_all(threshold)
                self._refresh(done)
                self.query_one(ItemPanel).reset_input()
                self.notify(f"Confirmed {len(done)} suggestion{'s' if len(done) != 1 else ''}.")

        self.app.push_screen(
            ConfirmScreen("Confirm all", message, yes="Confirm them", no="Cancel"), confirmed
        )

    def action_choose(self, number: int) -> None:
        choices = options(self.appraisal.loaded.checklist, self.item)
        if not choices:
            # A digit on a number or duration item starts typing it, as in a spreadsheet cell.
            box = self.query_one(ItemPanel).value_input
            box.value = str(number)
            box.cursor_position = len(box.value)
            self.set_focus(box)  # at once, so the next key typed goes into the box
            return
        if not 1 <= number <= len(choices):
            self.app.bell()
            return
        self.answer(self.current, choices[number - 1].id)

    def action_clear_answer(self) -> None:
        self.answer(self.current, None)

    def action_notes(self) -> None:
        self.query_one(ItemPanel).notes_area.focus()

    def action_evidence(self, step: int) -> None:
        if not self.query_one(ArticleView).next_evidence(step):
            self.notify("No evidence in the article for this item.", severity="warning")

    def action_focus_checklist(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            self.query_one(ItemPanel).reset_input()
        if isinstance(focused, TextArea):
            self.query_one(ItemPanel).flush_notes()
        self.query_one(ChecklistView).focus()
