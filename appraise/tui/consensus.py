"""`appraise consensus R1.toml R2.toml ...` in the TUI: the hook the command calls.

`appraise.cli.consensus_cmd` compares the members' reports, builds the consensus (agreed answers
in, disagreements blank and marked `TO DISCUSS:`), and calls `run_consensus` here; only then is
textual imported. The App is the main TUI's, with the consensus screen at the bottom of the
stack: the same saving (ctrl+s, to `report_path`), autosaved draft beside it, draft recovery,
quit that asks when changes are unsaved, summary (s) and help (?).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from appraise.appraisal import Appraisal
from appraise.report.compare import ItemComparison
from appraise.report.consensus import items_to_discuss
from appraise.report.model import Report
from appraise.tui.app import AppraiseApp, shown_path
from appraise.tui.screens.consensus import ConsensusScreen
from appraise.tui.screens.help import HelpScreen, KeyGroups
from appraise.tui.session import Session

__all__ = ["ConsensusApp", "make_consensus_app", "run_consensus"]

# (binding ids, or a literal key shown as is; what it does)
CONSENSUS_KEYS: KeyGroups = [
    (
        "Move",
        [
            (
                ["next-disagreement", "next-disagreement-j"],
                "next disagreement",
            ),
            (
                ["previous-disagreement", "previous-disagreement-k"],
                "previous disagreement",
            ),
            (["tab / shift+tab"], "next / previous pane: item, article"),
            (["leave-box"], "back to the article (drops an answer being typed)"),
        ],
    ),
    (
        "Settle",
        [
            (["1-9"], "choose the club's answer (choice items)"),
            (["type, enter"], "set a number, duration (e.g. 6 months) or text answer"),
            (["reopen"], "reopen the item: clear the club's answer, mark it to discuss again"),
            (["notes"], "write notes (escape when done); the members' answers stay in them"),
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
            (["summary"], "the summary: the consensus report before saving"),
            (["save"], "save the consensus report"),
            (["command-palette"], "commands: save as, summary, theme"),
            (["help"], "this help"),
            (["quit"], "quit (asks first when changes are unsaved)"),
        ],
    ),
]


class ConsensusApp(AppraiseApp):
    """The TUI over a consensus: the consensus screen instead of the checklist walk."""

    def __init__(
        self, session: Session, disagreements: list[ItemComparison], warnings: list[str]
    ) -> None:
        super().__init__(session)
        self.sub_title = f"Consensus · {session.appraisal.loaded.checklist.title}"
        self.disagreements = disagreements
        self.warnings = warnings
        """Drift: the members' reports against each other, the article and the checklist."""
        self._consensus: ConsensusScreen | None = None

    @property
    def consensus(self) -> ConsensusScreen:
        """The consensus screen, at the bottom of the stack for the whole session."""
        if self._consensus is None:
            self._consensus = ConsensusScreen(self.session, self.disagreements, self.warnings)
        return self._consensus

    def home_screen(self) -> Screen[None]:
        return self.consensus

    def refresh_home(self, warnings: list[str] | None = None) -> None:
        # A recovered draft's warnings come on top of the drift between the reports.
        shown = None if warnings is None else [*self.warnings, *warnings]
        self.consensus.refresh_all(shown)

    def help_screen(self) -> HelpScreen:
        return HelpScreen(
            self.help_bindings(ConsensusScreen.BINDINGS),
            self.session.confirm_threshold,
            groups=CONSENSUS_KEYS,
            marks=False,
        )

    def describe_draft(self, draft: Report) -> str:
        answered = {item.id for item in draft.items if item.answer is not None}
        settled = sum(1 for c in self.disagreements if c.item_id in answered)
        when = draft.updated.astimezone().strftime("%Y-%m-%d %H:%M")
        return (
            f"A draft of this consensus was autosaved at {when} and never saved to the report: "
            f"{settled} of {len(self.disagreements)} disagreements settled.\n"
            "Recover it, or discard it and start again from the members' reports?"
        )

    def saved_message(self, path: Path) -> str:
        left = items_to_discuss(self.session.appraisal.to_report(path))
        if not left:
            return f"Saved {shown_path(path)}: every disagreement settled."
        return (
            f"Saved {shown_path(path)}: {len(left)} item{'s' if len(left) != 1 else ''} "
            "still to discuss."
        )


def make_consensus_app(
    appraisal: Appraisal,
    disagreements: list[ItemComparison],
    report_path: str | Path,
    warnings: Iterable[str] = (),
) -> ConsensusApp:
    """The App over a consensus, saving to `report_path`; shared by the command and the tests.

    The consensus is the one given, never one read back from `report_path` (an earlier consensus
    there is replaced on saving, and the screen says so); an autosaved draft beside it, left by
    a session that did not save, is offered for recovery.
    """
    return ConsensusApp(Session(appraisal, report_path), list(disagreements), list(warnings))


def run_app(app: App[None]) -> int:
    """Run an App in the terminal; its exit code (the tests replace this with Pilot)."""
    app.run()
    return app.return_code or 0


def run_consensus(
    appraisal: Appraisal,
    disagreements: list[ItemComparison],
    report_path: Path,
    warnings: list[str],
) -> int:
    """The hook of `appraise consensus` (see `appraise.cli.consensus_cmd`): settle the
    disagreements in the TUI; the exit code."""
    return run_app(make_consensus_app(appraisal, disagreements, report_path, warnings))
