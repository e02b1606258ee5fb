"""The current item: its prompt, the suggestion and why, the answer control, notes, guidance."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static, TextArea

from appraise.appraisal import Appraisal
from appraise.checklist.model import Item
from appraise.report.model import AnswerValue
from appraise.scoring import Score
from appraise.tui.display import (
    STATUS_WORDS,
    format_answer,
    format_points,
    input_text,
    item_status,
    one_line,
    options,
    parse_answer,
)
from appraise.tui.widgets.choices import Choice, ChoiceList

PLACEHOLDERS = {
    "number": "a number, e.g. 120 — enter sets it",
    "duration": "e.g. 6 months or 2 years — enter sets it",
    "text": "your answer — enter sets it",
}


class AnswerValidator(Validator):
    """Checks what is typed against the current item's kind, as it is typed."""

    def __init__(self) -> None:
        super().__init__()
        self.item: Item | None = None

    def validate(self, value: str) -> ValidationResult:
        if self.item is None:
            return self.success()
        try:
            parse_answer(self.item, value)
        except ValueError as error:
            return self.failure(str(error))
        return self.success()


class ItemPanel(VerticalScroll):
    """Shows one item; tells the screen when the reader answers it or writes notes."""

    class Answered(Message):
        """The reader chose an option or entered a value (None clears the answer)."""

        def __init__(self, panel: ItemPanel, item_id: str, value: AnswerValue | None) -> None:
            super().__init__()
            self.panel = panel
            self.item_id = item_id
            self.value = value

        @property
        def control(self) -> ItemPanel:
            return self.panel

    class NotesChanged(Message):
        """The notes of an item changed (sent on every keystroke)."""

        def __init__(self, panel: ItemPanel, item_id: str, notes: str) -> None:
            super().__init__()
            self.panel = panel
            self.item_id = item_id
            self.notes = notes

        @property
        def control(self) -> ItemPanel:
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._item: Item | None = None
        self._appraisal: Appraisal | None = None
        self._validator = AnswerValidator()
        self._heading = Static(id="item-heading", markup=False)
        self._prompt = Static(id="item-prompt", markup=False)
        self._suggestion = Static(id="item-suggestion", markup=False)
        self._answer = Static(id="item-answer", markup=False)
        self._choices = ChoiceList(id="item-choices")
        self._input = Input(
            id="item-input",
            compact=True,
            validators=[self._validator],
            valid_empty=True,
            select_on_focus=False,
        )
        self._hint = Static(id="item-hint", markup=False)
        self._notes = TextArea(
            id="item-notes",
            compact=True,
            soft_wrap=True,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder="n: write notes for the discussion",
        )
        self._notes_item: str | None = None
        self._guidance = Static(id="item-guidance", markup=False)

    def compose(self) -> ComposeResult:
        yield self._heading
        yield self._prompt
        yield self._suggestion
        yield self._choices
        yield self._input
        yield self._hint
        yield self._answer
        yield Static("Notes", id="item-notes-label", markup=False)
        yield self._notes
        yield self._guidance

    @property
    def item_id(self) -> str | None:
        return None if self._item is None else self._item.id

    @property
    def notes_area(self) -> TextArea:
        return self._notes

    @property
    def value_input(self) -> Input:
        return self._input

    # -- showing an item --------------------------------------------------------------------------
    def show(self, appraisal: Appraisal, item: Item, score: Score, position: int) -> None:
        """Show `item` (moving to it resets the input and the notes box to the saved answer)."""
        moved = self._item is None or self._item.id != item.id
        if moved:
            self.flush_notes()
        self._appraisal, self._item = appraisal, item
        self._validator.item = item
        checklist = appraisal.loaded.checklist
        section = checklist.section(item.section).title
        self._heading.update(Content(section))
        self.border_title = f"Item {position} of {len(appraisal.states)}" + (
            "  ·  critical" if item.critical else ""
        )
        self._prompt.update(Content(item.prompt))
        self._suggestion.update(self._suggestion_content(appraisal, item))
        self._guidance.update(Content(" ".join(item.guidance.split())))
        self._guidance.display = bool(item.guidance.strip())
        self.refresh_answer(score)
        if moved:
            self.reset_input()
            state_notes = appraisal.states[item.id].notes
            self._notes_item = item.id
            if self._notes.text != state_notes:
                with self._notes.prevent(TextArea.Changed):
                    self._notes.load_text(state_notes)
            self.scroll_home(animate=False, immediate=True)

    def refresh_answer(self, score: Score) -> None:
        """Redraw the answer, its points and the options after a change."""
        if self._appraisal is None or self._item is None:
            return
        appraisal, item = self._appraisal, self._item
        checklist = appraisal.loaded.checklist
        state = appraisal.states[item.id]
        status = item_status(appraisal, item)
        suggestion = appraisal.suggestions.get(item.id)
        suggested = None if suggestion is None else suggestion.value
        is_choice = item.kind == "choice"
        self._choices.display = is_choice
        self._input.display = not is_choice
        self._show_hint()
        self.set_class(status in ("edited", "manual"), "-overridden")
        self.set_class(status != "unanswered", "-answered")
        if is_choice:
            self._choices.set_choices(
                [
                    Choice(
                        o.id,
                        o.label,
                        o.points,
                        o.id == state.answer,
                        o.id == suggested,
                        self.choice_remark(o.id),
                    )
                    for o in options(checklist, item)
                ]
            )
        else:
            self._input.placeholder = PLACEHOLDERS.get(item.kind, "")
        self._answer.update(self.answer_content(appraisal, item, score))

    def choice_remark(self, option_id: str) -> str:
        """A word shown after an option of the current item (none here; see subclasses)."""
        return ""

    def answer_content(self, appraisal: Appraisal, item: Item, score: Score) -> Content:
        """The answer line: the answer, its points and where it came from, and any reason."""
        checklist = appraisal.loaded.checklist
        state = appraisal.states[item.id]
        status = item_status(appraisal, item)
        points = format_points(checklist, item, score.items[item.id], status)
        label = score.items[item.id].label
        parts: list[str | tuple[str, str]] = [("Answer  ", "bold")]
        if status == "unanswered":
            parts.append(("unanswered", "$text-muted"))
        else:
            answer = format_answer(checklist, item, state.answer)
            parts.append((answer, "bold"))
            if label and label != answer:
                parts.append(f" ({label})")
            if points:
                parts.append(f"  {points} points" if points[0].isdigit() else f"  {points}")
            parts.append((f"  ·  {STATUS_WORDS[status]}", "$text-muted"))
        if state.reason:
            parts.append(("\nReason for the change  ", "bold"))
            parts.append(state.reason)
        return Content.assemble(*parts)

    def _suggestion_content(self, appraisal: Appraisal, item: Item) -> Content:
        suggestion = appraisal.suggestions.get(item.id)
        if suggestion is None:
            return Content.styled("No suggestion for this item.", "$text-muted")
        if suggestion.value is None:
            return Content.assemble(
                ("No suggestion  ", "bold $text-warning"), one_line(suggestion.rationale)
            )
        answer = format_answer(appraisal.loaded.checklist, item, suggestion.value)
        spans = len(suggestion.evidence)
        evidence = (
            f"\nEvidence: {spans} passage{'s' if spans != 1 else ''}, highlighted  (] / [)"
            if spans
            else ""
        )
        return Content.assemble(
            ("Suggested  ", "bold"),
            (answer, "bold $text-warning"),
            (f"  ·  {suggestion.confidence:.0%} confident", "$text-muted"),
            "\n",
            one_line(suggestion.rationale),
            (evidence, "$text-muted"),
        )

    # -- input ----------------------------------------------------------------------------------
    def _show_hint(self, message: str | None = None) -> None:
        """Under the box: an error, what the typed text reads as, or nothing."""
        hint = self._hint_content() if message is None else Content.styled(message, "$text-error")
        self._hint.update(hint)
        self._hint.display = bool(hint)

    def _hint_content(self) -> Content:
        item, appraisal = self._item, self._appraisal
        if item is None or appraisal is None or item.kind == "choice":
            return Content()
        checklist = appraisal.loaded.checklist
        raw = self._input.value.strip()
        current = appraisal.states[item.id].answer
        if not raw:
            if current is None:
                return Content()
            return Content.styled("enter with the box empty clears the answer", "$text-muted")
        if raw == input_text(checklist, item, current):
            return Content()  # the answer as it stands: nothing to say
        try:
            value = parse_answer(item, raw)
        except ValueError as error:
            return Content.styled(str(error), "$text-error")
        return Content.styled(
            f"= {format_answer(checklist, item, value)}  ·  enter sets it", "$text-muted"
        )

    @on(Input.Changed, "#item-input")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        result = event.validation_result
        if result is not None and not result.is_valid:
            self._show_hint("; ".join(result.failure_descriptions))
        else:
            self._show_hint()

    @on(Input.Submitted, "#item-input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._item is None or self._appraisal is None:
            return
        try:
            value = parse_answer(self._item, event.value)
        except ValueError as error:
            self._show_hint(str(error))
            self.app.bell()
            return
        self.post_message(self.Answered(self, self._item.id, value))

    def reset_input(self) -> None:
        """Put the saved answer back in the input (after a change was cancelled)."""
        appraisal, item = self._appraisal, self._item
        if appraisal is not None and item is not None and item.kind != "choice":
            answer = appraisal.states[item.id].answer
            with self._input.prevent(Input.Changed):
                self._input.value = input_text(appraisal.loaded.checklist, item, answer)
            self._show_hint()

    @on(ChoiceList.Chosen)
    def _choice_clicked(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        if self._item is not None:
            self.post_message(self.Answered(self, self._item.id, event.option_id))

    def flush_notes(self) -> None:
        """Send the notes being typed now, before the box is loaded with another item's."""
        item_id, appraisal = self._notes_item, self._appraisal
        if item_id is not None and appraisal is not None:
            text = self._notes.text
            if text != appraisal.states[item_id].notes:
                self.post_message(self.NotesChanged(self, item_id, text))

    def reload_notes(self) -> None:
        """Load the current item's notes into the box again, after they changed elsewhere."""
        item_id, appraisal = self._notes_item, self._appraisal
        if item_id is not None and appraisal is not None:
            notes = appraisal.states[item_id].notes
            if self._notes.text != notes:
                with self._notes.prevent(TextArea.Changed):
                    self._notes.load_text(notes)

    @on(TextArea.Changed, "#item-notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._notes_item is not None:
            self.post_message(self.NotesChanged(self, self._notes_item, event.text_area.text))
