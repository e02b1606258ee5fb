"""The consensus screen: the members' disagreements one by one, for the club to settle.

For the current disagreement it shows the question, every member's answer with its source,
reason and notes side by side, the options marked with who chose them, appraise's suggestion,
and the article with the evidence highlighted. Choosing an answer settles the item: the answer
is set as a deliberate choice (`Appraisal.set_answer` with the reason "settled by the club"),
and the `TO DISCUSS:` line of its notes becomes `Settled by the club: ANSWER.`, the members'
positions kept below it for the record (see `appraise.tui.settling`).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static, TextArea

from appraise.appraisal import show_answer
from appraise.checklist.model import Item
from appraise.report.compare import ItemComparison
from appraise.report.model import AnswerValue
from appraise.tui.autosave import autosave_draft
from appraise.tui.display import format_answer, options
from appraise.tui.keys import CHOOSE_KEYS, EVIDENCE_KEYS
from appraise.tui.screens.dialogs import ConfirmScreen
from appraise.tui.session import Session
from appraise.tui.settling import (
    SETTLED_REASON,
    discuss_line,
    reopened_notes,
    settled_notes,
)
from appraise.tui.widgets.article import ArticleView
from appraise.tui.widgets.consensus_panel import ConsensusPanel
from appraise.tui.widgets.item_panel import ItemPanel
from appraise.tui.widgets.score_bar import ScoreBar


class ConsensusScreen(Screen[None]):
    """Settle each disagreement: choose or type the club's answer, annotate, move on."""

    CSS_PATH = "consensus.tcss"
    AUTO_FOCUS = "#article"
    # Textual declares these `ClassVar[...] | None`, which mypy reads as instance variables.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous", id="previous-disagreement"),
        Binding("right", "step(1)", "Next", id="next-disagreement"),
        Binding("k", "step(-1)", "Previous", show=False, id="previous-disagreement-k"),
        Binding("j", "step(1)", "Next", show=False, id="next-disagreement-j"),
        *CHOOSE_KEYS,
        Binding("delete", "reopen", "Reopen", show=False, id="reopen"),
        Binding("n", "notes", "Notes", id="notes"),
        *EVIDENCE_KEYS,
        Binding("escape", "leave_box", "Back", show=False, id="leave-box"),
        Binding("s", "app.summary", "Summary", id="summary"),
    ]

    index: var[int] = var(0, init=False)
    """Which disagreement is shown (an index into `disagreements`)."""

    def __init__(
        self, session: Session, disagreements: list[ItemComparison], warnings: list[str]
    ) -> None:
        super().__init__()
        self.session = session
        self.appraisal = session.appraisal
        self.disagreements = disagreements
        self.warnings = list(warnings)
        """Drift between the members' reports, the article and the checklist."""
        self._members = len(disagreements[0].ratings) if disagreements else 0
        self._discuss_lines = {
            c.item_id: discuss_line(self.appraisal.states[c.item_id].notes) for c in disagreements
        }
        self._offered_save = False
        report = session.report_path
        self._found_report = _stamp(report)
        """The report file there before this session (it is replaced on saving), if any."""

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        checklist = self.appraisal.loaded.checklist
        yield Header()
        yield Static(id="banner", markup=False)
        yield ScoreBar(
            [band.grade for band in checklist.grading.bands],
            progress="{done} of {total} settled",
            id="score-bar",
        )
        with Horizontal(id="body"):
            yield ConsensusPanel(self._members, id="item")
            yield Static(
                Content.assemble(
                    ("Nothing to settle. ", "bold"),
                    "The members agree on every item they answered. "
                    "Save the consensus report with ctrl+s.",
                ),
                id="all-agreed",
            )
            yield ArticleView(self.appraisal.article.text, id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ArticleView).border_title = "Article"
        self.query_one(ConsensusPanel).display = bool(self.disagreements)
        self.query_one("#all-agreed").display = not self.disagreements
        if self.disagreements:
            self._show_current(self.index)
        self.refresh_all()
        if not self.disagreements and self.session.pending_draft() is None:
            self.call_after_refresh(self._offer_save)

    # -- reading the state ----------------------------------------------------------------------
    @property
    def compared(self) -> ItemComparison:
        return self.disagreements[self.index]

    @property
    def item(self) -> Item:
        return self.appraisal.loaded.checklist.item(self.compared.item_id)

    def is_settled(self, item_id: str) -> bool:
        return self.appraisal.states[item_id].answer not in (None, "")

    def settled_count(self) -> int:
        return sum(1 for c in self.disagreements if self.is_settled(c.item_id))

    # -- showing --------------------------------------------------------------------------------
    def show_warnings(self, warnings: list[str]) -> None:
        self.warnings = list(warnings)
        self._show_banner()

    def _show_banner(self) -> None:
        lines = list(self.warnings)
        report = self.session.report_path
        if report is not None and self._found_report is not None:
            if _stamp(report) == self._found_report:
                lines.append(f"{report.name} exists already: saving replaces it")
            else:
                self._found_report = None  # saved over by now
        banner = self.query_one("#banner", Static)
        banner.update(Content("\n").join(Content(f"⚠ {line}") for line in lines))
        banner.display = bool(lines)

    def refresh_all(self, warnings: list[str] | None = None) -> None:
        """Redraw everything from the appraisal (after a draft is recovered, or a save)."""
        if warnings is not None:
            self.warnings = list(warnings)
        self._show_banner()
        if self.disagreements:
            self.query_one(ConsensusPanel).reload_notes()
        self._refresh()

    def watch_index(self, index: int) -> None:
        with self.app.batch_update():
            self._show_current(index)

    def _show_current(self, index: int) -> None:
        compared = self.disagreements[index]
        item = self.appraisal.loaded.checklist.item(compared.item_id)
        panel = self.query_one(ConsensusPanel)
        score = self.appraisal.score()
        panel.show_disagreement(
            self.appraisal, item, compared, score, index + 1, len(self.disagreements)
        )
        suggestion = self.appraisal.suggestions.get(item.id)
        spans = [] if suggestion is None else [(e.start, e.end) for e in suggestion.evidence]
        self.query_one(ArticleView).show_evidence(spans)

    def _refresh(self) -> None:
        """Redraw what a change touches, autosave the draft, and show what is unsaved."""
        score = self.appraisal.score()
        if self.disagreements:
            self.query_one(ConsensusPanel).refresh_answer(score)
        bar = self.query_one(ScoreBar)
        bar.total = len(self.disagreements)
        bar.answered = self.settled_count()
        bar.score = score
        autosave_draft(self, self.session)
        bar.dirty = self.session.dirty

    # -- settling -------------------------------------------------------------------------------
    def settle(self, item_id: str, value: AnswerValue | None) -> None:
        """Set the club's answer to `item_id` (None reopens it for discussion)."""
        appraisal = self.appraisal
        checklist = appraisal.loaded.checklist
        item = checklist.item(item_id)
        state = appraisal.states[item_id]
        panel = self.query_one(ConsensusPanel)
        suggestion = appraisal.suggestions.get(item_id)
        if value is not None:
            # A typed value that reads as the suggestion or as the answer already set is that
            # value: 72 months for 6 years is no change.
            for known in (None if suggestion is None else suggestion.value, state.answer):
                if known is not None and format_answer(checklist, item, value) == format_answer(
                    checklist, item, known
                ):
                    value = known
                    break
        if value == state.answer:
            panel.reset_input()
            return
        before = self.settled_count()
        # The box holds the freshest notes: a keystroke's message may still be on its way.
        notes = panel.notes_area.text if panel.item_id == item_id else state.notes
        if value is None:
            appraisal.set_answer(item_id, None)
            appraisal.set_notes(item_id, reopened_notes(notes, self._discuss_lines[item_id]))
        else:
            appraisal.set_answer(item_id, value, SETTLED_REASON)
            label = appraisal.score().items[item_id].label
            appraisal.set_notes(item_id, settled_notes(notes, show_answer(item, value, label)))
        panel.reload_notes()
        panel.reset_input()
        self._refresh()
        total = len(self.disagreements)
        after = self.settled_count()
        if after < total:
            self._offered_save = False
        elif before < total and not self._offered_save:
            self._offer_save()

    def _offer_save(self) -> None:
        self._offered_save = True
        from appraise.tui.app import shown_path

        report = self.session.report_path
        where = "" if report is None else f" to {shown_path(report)}"
        settled = len(self.disagreements)
        message = (
            f"All {settled} disagreement{'s are' if settled != 1 else ' is'} settled. "
            f"Save the consensus report{where}?"
            if settled
            else f"There is nothing to settle. Save the consensus report{where}?"
        )

        async def chosen(save: bool | None) -> None:
            if save:
                await self.app.run_action("save")

        self.app.push_screen(
            ConfirmScreen("All settled", message, yes="Save", no="Not yet"), chosen
        )

    # -- messages -------------------------------------------------------------------------------
    @on(ItemPanel.Answered)
    def _answered(self, event: ItemPanel.Answered) -> None:
        if self.focused is self.query_one(ConsensusPanel).value_input:
            self.set_focus(self.query_one(ArticleView))
        self.settle(event.item_id, event.value)

    @on(ItemPanel.NotesChanged)
    def _notes_changed(self, event: ItemPanel.NotesChanged) -> None:
        panel = self.query_one(ConsensusPanel)
        if event.item_id == panel.item_id and event.notes != panel.notes_area.text:
            return  # overtaken: the box has changed since (a later keystroke, or settling)
        if event.notes != self.appraisal.states[event.item_id].notes:
            self.appraisal.set_notes(event.item_id, event.notes)
            self._refresh()

    # -- actions --------------------------------------------------------------------------------
    def action_step(self, step: int) -> None:
        target = self.index + step
        if not 0 <= target < len(self.disagreements):
            self.app.bell()
            return
        self._leave_box()
        self.index = target

    def action_choose(self, number: int) -> None:
        if not self.disagreements:
            self.app.bell()
            return
        choices = options(self.appraisal.loaded.checklist, self.item)
        if not choices:
            # A digit on a number or duration item starts typing it, as on the main screen.
            box = self.query_one(ConsensusPanel).value_input
            box.value = str(number)
            box.cursor_position = len(box.value)
            self.set_focus(box)
            return
        if not 1 <= number <= len(choices):
            self.app.bell()
            return
        self.settle(self.compared.item_id, choices[number - 1].id)

    def action_reopen(self) -> None:
        if not self.disagreements or not self.is_settled(self.compared.item_id):
            self.app.bell()
            return
        self.settle(self.compared.item_id, None)

    def action_notes(self) -> None:
        if self.disagreements:
            self.query_one(ConsensusPanel).notes_area.focus()

    def action_evidence(self, step: int) -> None:
        if not self.query_one(ArticleView).next_evidence(step):
            self.notify("No evidence in the article for this item.", severity="warning")

    def action_leave_box(self) -> None:
        self._leave_box()
        self.query_one(ArticleView).focus()

    def _leave_box(self) -> None:
        focused = self.focused
        panel = self.query_one(ConsensusPanel)
        if isinstance(focused, Input):
            panel.reset_input()
        if isinstance(focused, TextArea):
            panel.flush_notes()


def _stamp(path: Path | None) -> tuple[int, int] | None:
    """A file's modification time and size, to tell whether it has been written since."""
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
