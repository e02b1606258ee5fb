"""Small modal screens that ask one thing and return the answer through `dismiss`."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

ResultType = TypeVar("ResultType")
QuitChoice = Literal["save", "discard"]


class Dialog(ModalScreen[ResultType]):
    """A bordered box in the middle of the screen; escape cancels (dismisses with None)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog-cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__(classes="dialog")
        self._title = title

    def box(self) -> Vertical:
        box = Vertical(id="dialog-box")
        box.border_title = self._title
        return box

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(Dialog[str | None]):
    """Why the reader changes an inferred answer: a short reason kept in the report."""

    def __init__(self, item: str, suggested: str, chosen: str, reason: str = "") -> None:
        super().__init__("Why change the suggested answer?")
        self._item, self._suggested, self._chosen, self._reason = item, suggested, chosen, reason

    def compose(self) -> ComposeResult:
        with self.box():
            yield Static(Content.styled(self._item, "bold"), id="reason-item")
            yield Static(
                Content.assemble(
                    "Suggested  ",
                    (self._suggested, "bold $text-warning"),
                    "   →   your answer  ",
                    (self._chosen, "bold $text-accent"),
                ),
                id="reason-change",
            )
            yield Static("A short reason, kept in the report:", markup=False)
            yield Input(
                self._reason,
                id="reason-input",
                placeholder="e.g. the methods section says otherwise",
            )
            yield Static(id="reason-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Change it", id="reason-ok", variant="primary", compact=True)
                yield Button("Cancel", id="reason-cancel", compact=True)

    @on(Input.Submitted, "#reason-input")
    @on(Button.Pressed, "#reason-ok")
    def _submit(self) -> None:
        reason = self.query_one("#reason-input", Input).value.strip()
        if not reason:
            self.query_one("#reason-error", Static).update(
                Content.styled(
                    "Say in a few words why, or press escape to keep the suggestion.", "$text-error"
                )
            )
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#reason-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Dialog[bool]):
    """A yes/no question: enter or y for yes; escape or n for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="dialog-yes"),
        Binding("n", "answer(False)", "No", id="dialog-no"),
    ]

    def __init__(
        self, title: str, message: Content | str, yes: str = "Yes", no: str = "No"
    ) -> None:
        super().__init__(title)
        self._message = message if isinstance(message, Content) else Content(message)
        self._yes, self._no = yes, no

    def compose(self) -> ComposeResult:
        with self.box():
            yield Static(self._message, id="confirm-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, id="confirm-yes", variant="primary", compact=True)
                yield Button(self._no, id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm-yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no_pressed(self) -> None:
        self.dismiss(False)


class QuitScreen(Dialog[QuitChoice | None]):
    """Unsaved changes on quit: save them, discard them, or stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save and quit", id="quit-save"),
        Binding("d", "choose('discard')", "Discard and quit", id="quit-discard"),
    ]

    def __init__(self, report: str | None) -> None:
        super().__init__("Unsaved changes")
        self._report = report

    def compose(self) -> ComposeResult:
        where = f"the report {self._report}" if self._report else "a report"
        with self.box():
            yield Static(
                Content(
                    f"Some answers or notes are not saved to {where} yet "
                    "(they are in the autosaved draft)."
                ),
                id="quit-message",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and quit", id="quit-save", variant="primary", compact=True)
                yield Button("Discard and quit", id="quit-discard", variant="error", compact=True)
                yield Button("Cancel", id="quit-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#quit-save", Button).focus()

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed, "#quit-save")
    def _save(self) -> None:
        self.dismiss("save")

    @on(Button.Pressed, "#quit-discard")
    def _discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#quit-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class RecoverDraftScreen(Dialog[bool]):
    """A draft an earlier session left unsaved: recover it (True) or discard it (False).

    It needs an answer: the next change would overwrite the draft.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose(True)", "Recover", id="draft-recover"),
        Binding("d", "choose(False)", "Discard", id="draft-discard"),
    ]

    def __init__(self, description: str) -> None:
        super().__init__("Recover the unsaved draft?")
        self._description = description

    def compose(self) -> ComposeResult:
        with self.box():
            yield Static(Content(self._description), id="draft-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Recover", id="draft-recover", variant="primary", compact=True)
                yield Button("Discard", id="draft-discard", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#draft-recover", Button).focus()

    def action_choose(self, recover: bool) -> None:
        self.dismiss(recover)

    def action_cancel(self) -> None:
        self.app.bell()

    @on(Button.Pressed, "#draft-recover")
    def _recover(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#draft-discard")
    def _discard(self) -> None:
        self.dismiss(False)


class SavePathScreen(Dialog[Path | None]):
    """Where to save the report: a TOML path, checked before it is returned."""

    def __init__(self, default: Path, current: Path | None = None) -> None:
        super().__init__("Save the report as")
        self._default = default
        self._current = current
        self._replace: Path | None = None

    def compose(self) -> ComposeResult:
        with self.box():
            yield Static("The report file (TOML):", markup=False)
            yield Input(str(self._default), id="save-path")
            yield Static(id="save-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save-ok", variant="primary", compact=True)
                yield Button("Cancel", id="save-cancel", compact=True)

    @on(Input.Changed, "#save-path")
    def _changed(self) -> None:
        self._replace = None
        self._say("")

    @on(Input.Submitted, "#save-path")
    @on(Button.Pressed, "#save-ok")
    def _submit(self) -> None:
        raw = self.query_one("#save-path", Input).value.strip()
        if not raw:
            self._say("Type a file name, e.g. notes.appraisal.toml")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._say(f"{raw} is a folder: add a file name")
            return
        if not path.parent.is_dir():
            self._say(f"There is no folder {path.parent}")
            return
        if path.exists() and path != self._current and self._replace != path:
            self._replace = path
            self._say("That file exists: press enter again to replace it")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#save-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def _say(self, message: str) -> None:
        self.query_one("#save-error", Static).update(Content.styled(message, "$text-error"))
