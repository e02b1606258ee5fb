"""The consensus screens: three members' reports of the seed, compared, and their disagreements
settled one by one in the TUI, then saved and read back.

The reports are made here from the hand-made suggestions of conftest.py and the frozen checklist,
so neither extraction nor the built-in checklists move what the tests see.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

import appraise.tui.consensus as consensus_module
from appraise.appraisal import Appraisal
from appraise.checklist.load import LoadedChecklist
from appraise.cli import main
from appraise.ingest import Article, load_article
from appraise.paths import default_seed
from appraise.report.compare import ItemComparison, compare_reports
from appraise.report.consensus import (
    DISCUSS_MARKER,
    build_consensus,
    consensus_appraisal,
    items_to_discuss,
)
from appraise.report.io import draft_path, load_report, save_report
from appraise.report.locate import checklist_for, load_reports
from appraise.report.model import AnswerValue, ItemRecord
from appraise.tui.consensus import ConsensusApp, make_consensus_app
from appraise.tui.screens.consensus import ConsensusScreen
from appraise.tui.screens.dialogs import ConfirmScreen, QuitScreen, RecoverDraftScreen
from appraise.tui.screens.help import HelpScreen
from appraise.tui.screens.summary import SummaryScreen
from appraise.tui.settling import (
    REOPENED_LINE,
    SETTLED_REASON,
    discuss_line,
    reopened_notes,
    settled_notes,
)
from appraise.tui.widgets.article import ArticleView
from appraise.tui.widgets.consensus_panel import ConsensusPanel

from .conftest import FROZEN_CHECKLIST, seed_suggestions

SIZE = (120, 40)
SIX_YEARS = 2191.5
SIX_MONTHS = 182.6
SnapCompare = Callable[..., bool]

# What each member changed from the suggestions; every other item is left as suggested, so
# sample size, internal consistency and study design agree, and the primary endpoint is blank
# for all. Four disagreements, in checklist order: power calculation (Cat left it blank),
# control group, follow-up (6 years against 6 months: different bands), efficacy endpoint.
MEMBERS: dict[str, dict[str, AnswerValue | None]] = {
    "Ann": {
        "power_calculation": "no",
        "control_group": "no",
        "follow_up": SIX_YEARS,
        "efficacy_endpoint": "no",
    },
    "Ben": {
        "power_calculation": "unclear",
        "control_group": "unclear",
        "follow_up": SIX_YEARS,
        "efficacy_endpoint": "no",
    },
    "Cat": {
        "power_calculation": None,
        "control_group": "no",
        "follow_up": SIX_MONTHS,
        "efficacy_endpoint": "unclear",
    },
}
REASONS = {
    ("Ben", "control_group"): "patients who did not respond to other drugs: a historical control?",
    ("Cat", "follow_up"): "the 6-year visit contradicts itself",
    ("Cat", "efficacy_endpoint"): "the headline calls it a treatment option",
}
NOTES = {
    ("Ben", "sample_size"): "Nine patients: far too few to judge safety.",
    ("Ann", "control_group"): "Single arm, says the methods.",
}
DISAGREEMENTS = ["power_calculation", "control_group", "follow_up", "efficacy_endpoint"]


def write_member_report(
    path: Path, article: Article, checklist: LoadedChecklist, name: str
) -> Path:
    appraisal = Appraisal.from_suggestions(article, checklist, seed_suggestions(article), name)
    for item_id, value in MEMBERS[name].items():
        appraisal.set_answer(item_id, value, REASONS.get((name, item_id), ""))
    for (who, item_id), note in NOTES.items():
        if who == name:
            appraisal.set_notes(item_id, note)
    save_report(appraisal.to_report(path), path)
    return path


@pytest.fixture
def club(tmp_path: Path, seed_article: Article, checklist: LoadedChecklist) -> list[Path]:
    """ann.toml, ben.toml and cat.toml in `tmp_path/work/club`."""
    folder = tmp_path / "work" / "club"
    folder.mkdir()
    return [
        write_member_report(folder / f"{name.lower()}.toml", seed_article, checklist, name)
        for name in MEMBERS
    ]


@dataclass
class Work:
    """What `appraise consensus` hands the TUI."""

    appraisal: Appraisal
    disagreements: list[ItemComparison]
    out: Path

    def app(self, warnings: list[str] | None = None) -> ConsensusApp:
        return make_consensus_app(self.appraisal, self.disagreements, self.out, warnings or [])


def consensus_work(reports: list[Path], out: Path) -> Work:
    """The consensus of `reports`, as `appraise consensus` builds it before calling the hook."""
    saved = load_reports(reports)
    loaded, warnings = checklist_for(saved, str(FROZEN_CHECKLIST))
    assert warnings == []
    consensus = build_consensus(compare_reports(saved, loaded.checklist), loaded, out)
    appraisal, drift = consensus_appraisal(consensus, load_article(default_seed()), loaded)
    assert drift == []
    return Work(appraisal, consensus.disagreements, out)


@pytest.fixture
def work(club: list[Path]) -> Work:
    return consensus_work(club, club[0].parent / "consensus.toml")


def screen_of(app: ConsensusApp) -> ConsensusScreen:
    return app.consensus


def shown(app: ConsensusApp) -> str:
    screen = screen_of(app)
    return screen.disagreements[screen.index].item_id


def text_of(widget: Static) -> str:
    return str(widget.render())


def progress(app: ConsensusApp) -> str:
    return text_of(screen_of(app).query_one("#progress-label", Static))


def records(path: Path) -> dict[str, ItemRecord]:
    return {record.id: record for record in load_report(path).items}


# -- the words, without a terminal ----------------------------------------------------------------


def test_settled_notes_replace_the_discuss_line_and_keep_the_members() -> None:
    notes = f"{DISCUSS_MARKER} the members disagree; settle.\n- Ann: No (confirmed)\nBen: a note"
    settled = settled_notes(notes, "Yes")
    assert settled.splitlines() == [
        "Settled by the club: Yes. The members' answers were:",
        "- Ann: No (confirmed)",
        "Ben: a note",
    ]
    # Settled again: the headline changes, nothing else.
    assert settled_notes(settled, "No").splitlines()[1:] == settled.splitlines()[1:]
    assert settled_notes("club: ask the author", "No") == (
        "Settled by the club: No.\nclub: ask the author"
    )
    line = discuss_line(notes)
    assert line == f"{DISCUSS_MARKER} the members disagree; settle."
    assert reopened_notes(settled, line) == notes
    assert reopened_notes(notes, line) == notes
    assert discuss_line("no marker") == REOPENED_LINE
    assert reopened_notes("mine", REOPENED_LINE) == f"{REOPENED_LINE}\nmine"


# -- showing --------------------------------------------------------------------------------------


async def test_a_disagreement_shows_every_member_beside_the_evidence(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen)
        assert [c.item_id for c in screen_of(app).disagreements] == DISAGREEMENTS
        assert progress(app) == "0 of 4 settled"
        await pilot.press("right")
        assert shown(app) == "control_group"
        panel = app.screen.query_one(ConsensusPanel)
        assert panel.border_title is not None
        assert panel.border_title.startswith("Disagreement 2 of 4")
        assert "comparison group" in text_of(panel.query_one("#item-prompt", Static))
        cards = list(panel.positions.query(".member").results(Static))
        assert [str(card.border_title) for card in cards] == ["Ann", "Ben", "Cat"]
        ann, ben, cat = (text_of(card) for card in cards)
        assert "No" in ann and "✓ confirmed" in ann and "Single arm, says the methods." in ann
        assert "Can't tell" in ben and "✎ changed" in ben and "historical control?" in ben
        assert "No" in cat
        choices = str(panel.query_one("#item-choices").render())
        assert "Can't tell  1 point  ◂ Ben" in choices
        assert "◂ suggested  ◂ Ann, Cat" in choices
        answer = text_of(panel.query_one("#item-answer", Static))
        assert "not settled yet: choose it with 1-9" in answer
        # The evidence the members saw, highlighted in the article.
        article = app.screen.query_one(ArticleView)
        evidence = work.appraisal.suggestions["control_group"].evidence
        assert article.spans == [(e.start, e.end) for e in evidence]
        assert panel.notes_area.text.startswith(DISCUSS_MARKER)


async def test_moves_between_disagreements_with_arrows_and_jk(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)  # arrows reach the screen from there
        await pilot.press("left")  # the first: stays
        assert shown(app) == "power_calculation"
        await pilot.press("right", "right")
        assert shown(app) == "follow_up"
        await pilot.press("j", "j")  # the last: stays
        assert shown(app) == "efficacy_endpoint"
        await pilot.press("k", "left")
        assert shown(app) == "control_group"
        await pilot.press("tab")  # the panel has focus: the arrows still move
        await pilot.press("right")
        assert shown(app) == "follow_up"
        footer_keys = {b.key for _, b, _, _ in app.screen.active_bindings.values() if b.show}
        assert {"left", "right", "n", "s", "ctrl+s", "ctrl+q"} <= footer_keys


# -- settling -------------------------------------------------------------------------------------


async def test_settle_every_disagreement_then_save_and_read_it_back(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # power calculation: No, the suggestion
        assert progress(app) == "1 of 4 settled"
        await pilot.press("right", "1")  # control group: Yes, against the suggestion
        await pilot.press("right", "6", *" years", "enter")  # follow-up: typed
        assert isinstance(app.focused, ArticleView)
        assert progress(app) == "3 of 4 settled"
        assert draft_path(work.out).exists()  # autosaved as it goes
        await pilot.press("right", "2")  # efficacy endpoint: Can't tell
        await pilot.pause()
        assert progress(app) == "4 of 4 settled"
        # All settled: the screen offers to save.
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen)
        assert not app.session.dirty
        await pilot.press("ctrl+q")
    assert not app.is_running
    assert not draft_path(work.out).exists()

    saved = load_report(work.out)
    assert items_to_discuss(saved) == []
    assert saved.appraiser == "consensus of Ann, Ben, Cat"
    items = records(work.out)
    assert items["power_calculation"].answer == "no"
    assert items["control_group"].answer == "yes"
    assert items["follow_up"].answer == SIX_YEARS
    assert items["efficacy_endpoint"].answer == "unclear"
    # Deliberate choices: the suggestion confirmed, or changed with the club as the reason.
    assert items["power_calculation"].source == "confirmed"
    assert items["follow_up"].source == "confirmed"
    assert items["control_group"].source == "edited"
    assert items["control_group"].reason == SETTLED_REASON
    assert items["efficacy_endpoint"].source == "edited"
    for item_id in DISAGREEMENTS:
        notes = items[item_id].notes
        assert notes.startswith("Settled by the club: ")
        assert DISCUSS_MARKER not in notes
        assert "- Ann: " in notes and "- Ben: " in notes and "- Cat: " in notes
    assert items["control_group"].notes.splitlines()[:4] == [
        "Settled by the club: Yes. The members' answers were:",
        "- Ann: No (confirmed)",
        "- Ben: Can't tell (edited; reason: patients who did not respond to other drugs: "
        "a historical control?)",
        "- Cat: No (confirmed)",
    ]
    assert "Ann: Single arm, says the methods." in items["control_group"].notes
    assert items["follow_up"].notes.startswith("Settled by the club: 6 years (a year or more).")
    assert "- Cat: 6 months (under a year)" in items["follow_up"].notes
    # What the members agreed on is kept as the consensus built it.
    assert items["sample_size"].answer == 9
    assert items["sample_size"].source == "confirmed"
    assert "Ben: Nine patients: far too few to judge safety." in items["sample_size"].notes
    assert items["primary_endpoint"].answer is None
    assert saved.score.unanswered == ["primary_endpoint"]


async def test_notes_typed_before_settling_are_kept_and_reopening_marks_it_again(
    work: Work,
) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        original = work.appraisal.states["power_calculation"].notes
        panel = app.screen.query_one(ConsensusPanel)
        await pilot.press("n")
        panel.notes_area.move_cursor(panel.notes_area.document.end)
        await pilot.press("enter", *"ask the presenter", "escape")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("2")
        state = work.appraisal.states["power_calculation"]
        assert state.answer == "unclear"
        assert state.notes.startswith("Settled by the club: Can't tell.")
        assert state.notes.endswith("ask the presenter")
        assert panel.notes_area.text == state.notes  # the box shows the settled notes
        assert "Club's answer  Can't tell" in text_of(panel.query_one("#item-answer", Static))
        cards = list(panel.positions.query(".member").results(Static))
        assert [card.has_class("-agrees") for card in cards] == [False, True, False]
        assert cards[2].has_class("-blank")  # Cat left it blank
        await pilot.press("3")  # changed its mind: only the headline changes
        assert state.answer == "no"
        assert state.notes.startswith("Settled by the club: No.")
        assert state.notes.count("Settled by the club") == 1
        await pilot.press("delete")  # reopened: blank and marked again
        assert state.answer is None and state.source is None
        assert state.notes.startswith(original.splitlines()[0])
        assert state.notes.endswith("ask the presenter")
        assert progress(app) == "0 of 4 settled"
    assert items_to_discuss(work.appraisal.to_report()) == DISAGREEMENTS


async def test_a_number_key_on_a_duration_starts_typing_it(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "7", "2", "enter")
        # 72 in the item's unit, months, reads as 6 years: the suggestion, so it is confirmed.
        first = work.appraisal.states["follow_up"]
        assert (first.answer, first.source) == (SIX_YEARS, "confirmed")
        await pilot.press("9", "enter")  # 9 months: a club's answer of its own
        then = work.appraisal.states["follow_up"]
        assert (then.source, then.reason) == ("edited", SETTLED_REASON)
        assert isinstance(then.answer, float) and then.answer < 365


# -- saving, quitting, drafts ---------------------------------------------------------------------


async def test_quit_with_unsaved_changes_asks(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")  # stay
        assert isinstance(app.screen, ConsensusScreen)
        assert app.is_running
        await pilot.press("ctrl+q", "d")  # discard and quit
    assert not app.is_running
    assert not work.out.exists()
    assert not draft_path(work.out).exists()


async def test_quit_without_changes_does_not_ask(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "ctrl+q")
    assert not app.is_running


async def test_saving_part_way_keeps_the_rest_to_discuss(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "3", "ctrl+q", "s")  # save and quit
    assert not app.is_running
    assert items_to_discuss(load_report(work.out)) == [
        "power_calculation",
        "follow_up",
        "efficacy_endpoint",
    ]


async def test_an_unsaved_draft_is_offered_again(work: Work, club: list[Path]) -> None:
    earlier = work.app()
    async with earlier.run_test(size=SIZE) as pilot:
        await pilot.press("1", "right", "3")
    assert draft_path(work.out).exists()  # the terminal was closed without saving

    again = consensus_work(club, work.out)
    app = again.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        message = text_of(app.screen.query_one("#draft-message", Static))
        assert "2 of 4 disagreements settled" in message
        assert "start again from the members' reports" in message
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen)
        assert again.appraisal.states["power_calculation"].answer == "yes"
        assert again.appraisal.states["control_group"].answer == "no"
        assert progress(app) == "2 of 4 settled"
        assert app.session.dirty
        panel = app.screen.query_one(ConsensusPanel)
        assert panel.notes_area.text.startswith("Settled by the club: Yes.")


async def test_warnings_show_at_the_top_with_a_report_about_to_be_replaced(work: Work) -> None:
    work.out.write_text("# an earlier consensus\n")
    drift = "ben.toml: made with version 1.1 of 'clinical-study'; read here with version 1.0"
    app = work.app([drift])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        banner = app.screen.query_one("#banner", Static)
        assert banner.display
        assert banner.region.y == 1  # right under the header
        assert f"⚠ {drift}" in text_of(banner)
        assert "consensus.toml exists already: saving replaces it" in text_of(banner)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "exists already" not in text_of(banner)
        assert f"⚠ {drift}" in text_of(banner)
    assert load_report(work.out).appraiser == "consensus of Ann, Ben, Cat"


async def test_help_and_summary(work: Work) -> None:
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        words = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "next disagreement" in words and "reopen the item" in words
        assert "→ / j" in words
        await pilot.press("escape", "s")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ConsensusScreen)


async def test_nothing_to_settle_offers_to_save(club: list[Path], tmp_path: Path) -> None:
    twin = club[0].with_name("ann-again.toml")
    twin.write_bytes(club[0].read_bytes())
    work = consensus_work([club[0], twin], tmp_path / "work" / "agreed.toml")
    assert work.disagreements == []
    app = work.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "Nothing to settle" in text_of(app.screen.query_one("#all-agreed", Static))
        await pilot.press("1", "right")  # nothing to choose, nowhere to go
    assert items_to_discuss(load_report(work.out)) == []


# -- the command ----------------------------------------------------------------------------------


async def test_the_consensus_command_opens_the_tui(
    club: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`appraise consensus` finds the hook and opens the consensus screen (driven here by Pilot
    in place of a terminal)."""
    opened: list[ConsensusApp] = []

    def run_app(app: App[None]) -> int:
        assert isinstance(app, ConsensusApp)
        opened.append(app)
        return 0

    monkeypatch.setattr(consensus_module, "run_app", run_app)
    out = club[0].parent / "settled.toml"
    command = ["consensus", *map(str, club), "--checklist", str(FROZEN_CHECKLIST), "-o", str(out)]
    with contextlib.redirect_stderr(io.StringIO()) as stderr:
        assert main(command) == 0
    assert "not available" not in stderr.getvalue()
    (app,) = opened
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsensusScreen)
        assert [c.item_id for c in app.consensus.disagreements] == DISAGREEMENTS
        await pilot.press("3", "right", "3", "right", "6", *" years", "enter", "right", "3")
        await pilot.press("y")  # save
    assert items_to_discuss(load_report(out)) == []
    assert records(out)["control_group"].answer == "no"


# -- the snapshot ---------------------------------------------------------------------------------


def test_consensus_screen_120x40(snap_compare: SnapCompare, work: Work) -> None:
    """You should see, at 120x40: the header (article title — Consensus · Clinical study: core
    appraisal); a warning banner right under it about ben.toml's checklist version; the bar
    `1 of 4 settled` with a quarter-filled progress bar, the provisional score and `● unsaved`.
    On the left, `Disagreement 2 of 4 · item 3 of 8 · critical`: the control-group question,
    three cards side by side — Ann `No ✓ confirmed` with her note, Ben `Can't tell ✎ changed`
    with his reason, Cat `No ✓ confirmed` — appraise's suggestion (No, 85%), the options with
    `◂ Ben` on Can't tell and `◂ suggested ◂ Ann, Cat` on No, the club's answer `not settled
    yet` on a warning background, and the notes beginning TO DISCUSS. On the right, the article
    with the evidence passage highlighted (`evidence 1 of 1`). The footer: ← Previous, → Next,
    n Notes, s Summary, ^q Quit, ^s Save, ? Help."""
    drift = "ben.toml: made with version 1.1 of 'clinical-study'; read here with version 1.0"

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("3", "right")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(work.app([drift]), terminal_size=SIZE, run_before=run_before)
