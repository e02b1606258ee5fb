"""The App: owns the session, pushes screens, saves and quits. Everything else is in screens/."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from appraise.appraisal import Appraisal
from appraise.cli.common import clip
from appraise.report.model import Report
from appraise.tui.display import one_line
from appraise.tui.screens.dialogs import (
    QuitChoice,
    QuitScreen,
    RecoverDraftScreen,
    SavePathScreen,
)
from appraise.tui.screens.help import HelpScreen
from appraise.tui.screens.main import MainScreen
from appraise.tui.screens.summary import SummaryScreen
from appraise.tui.session import Session


class AppraiseApp(App[None]):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        appraisal = session.appraisal
        checklist = appraisal.loaded.checklist
        self.title = clip(one_line(appraisal.article.title), 44) or "appraise"
        self.sub_title = checklist.title
        self._main: MainScreen | None = None

    @property
    def main(self) -> MainScreen:
        """The main screen, at the bottom of the stack for the whole session."""
        if self._main is None:
            self._main = MainScreen(self.session)
        return self._main

    def home_screen(self) -> Screen[None]:
        """The screen at the bottom of the stack (the consensus app has its own)."""
        return self.main

    def refresh_home(self, warnings: list[str] | None = None) -> None:
        """Redraw the home screen from the session, after a save or a recovered draft."""
        if warnings is not None:
            self.main.show_warnings(warnings)
        self.main.refresh_all()

    def on_mount(self) -> None:
        # Pushed rather than returned by get_default_screen, so its CSS_PATH is loaded.
        self.push_screen(self.home_screen())
        # Once drawn, keep the start-up objects (textual, pydantic, the article) out of the
        # collector's full passes: each took ~45 ms, a visible stall on a key press.
        self.call_after_refresh(gc.freeze)
        draft = self.session.pending_draft()
        if draft is not None:
            self.push_screen(RecoverDraftScreen(self.describe_draft(draft)), self._draft_chosen)

    def describe_draft(self, draft: Report) -> str:
        """What the dialog offering to recover `draft` says."""
        return describe_draft(draft)

    def on_unmount(self) -> None:
        gc.unfreeze()  # hand them back, for a process that goes on (the tests)

    def _draft_chosen(self, recover: bool | None) -> None:
        if not recover:
            self.session.discard_draft()
            return
        draft = self.session.pending_draft()
        if draft is None:
            return
        warnings = self.session.recover(draft)
        self.refresh_home(self.session.warnings + warnings)
        self.notify("Recovered the draft: save with ctrl+s to keep it in the report.")

    # -- commands -------------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Save", "Save the report (ctrl+s)", self.action_save)
        yield SystemCommand(
            "Save as…",
            "Save the report to another TOML file, and keep saving there",
            self.action_save_as,
        )
        yield SystemCommand("Summary", "The scored report before saving (s)", self.action_summary)
        yield SystemCommand("Help", "Keys and marks (?)", self.action_help)
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(self.help_screen())

    def help_screen(self) -> HelpScreen:
        return HelpScreen(self.help_bindings(MainScreen.BINDINGS), self.session.confirm_threshold)

    def help_bindings(self, screen_bindings: Iterable[BindingType]) -> list[BindingType]:
        """The bindings the help describes: the home screen's, the app's, the palette's."""
        return [
            *screen_bindings,
            *self.BINDINGS,
            Binding(
                self.COMMAND_PALETTE_BINDING, "command_palette", "Commands", id="command-palette"
            ),
        ]

    def action_summary(self) -> None:
        if not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(self.session))

    # -- saving and quitting --------------------------------------------------------------------
    def action_save(self) -> None:
        self.save()

    def action_save_as(self) -> None:
        self.save(ask=True)

    def save(self, ask: bool = False, then: Callable[[], object] | None = None) -> None:
        """Save the report; ask where when it has no path yet (or `ask`); then call `then`."""
        session = self.session
        if session.report_path is not None and not ask:
            self._write(session.report_path, then)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._write(path, then)

        default = session.report_path or session.default_save_path()
        self.push_screen(SavePathScreen(default, session.report_path), chosen)

    def _write(self, path: Path, then: Callable[[], object] | None) -> None:
        try:
            saved = self.session.save(path)
        except OSError as error:
            self.notify(f"{path}: {error.strerror or error}", title="Not saved", severity="error")
            return
        self.refresh_home()
        self.notify(self.saved_message(saved))
        if then is not None:
            then()

    def saved_message(self, path: Path) -> str:
        return f"Saved {shown_path(path)}"

    async def action_quit(self) -> None:
        if not self.session.dirty:
            self.exit()
            return

        def chosen(choice: QuitChoice | None) -> None:
            if choice == "save":
                self.save(then=self.exit)
            elif choice == "discard":
                self.session.discard_draft()
                self.exit()

        report = self.session.report_path
        self.push_screen(QuitScreen(None if report is None else shown_path(report)), chosen)


def describe_draft(draft: Report) -> str:
    answered = sum(1 for item in draft.items if item.answer is not None)
    notes = sum(1 for item in draft.items if item.notes.strip())
    when = draft.updated.astimezone().strftime("%Y-%m-%d %H:%M")
    return (
        f"A draft of this appraisal was autosaved at {when} and never saved to the report: "
        f"{answered} of {len(draft.items)} items answered, {notes} with notes.\n"
        "Recover it, or discard it and start from the report (or the suggestions)?"
    )


def shown_path(path: Path) -> str:
    """A path as short as it can be said: relative inside the current folder, else absolute."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(resolved)


def make_app(
    appraisal: Appraisal,
    report_path: str | Path | None = None,
    confirm_threshold: float = 0.8,
) -> AppraiseApp:
    """The App over `appraisal`; resumes from `report_path` when that file exists.

    Shared by the command line and the tests. Raises ReportError when the report is unreadable.
    """
    return AppraiseApp(Session.open(appraisal, report_path, confirm_threshold))
