"""Pilot tests: each flow a member goes through, driven by keys, checked in state and on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from appraise.appraisal import Appraisal
from appraise.checklist.catalog import resolve_checklist
from appraise.cli.infer_cmd import build_appraisal
from appraise.ingest import load_article
from appraise.paths import default_seed
from appraise.report.io import draft_path, load_report, save_report
from appraise.tui.app import AppraiseApp, make_app
from appraise.tui.display import display_text
from appraise.tui.screens.dialogs import (
    ConfirmScreen,
    QuitScreen,
    ReasonScreen,
    RecoverDraftScreen,
    SavePathScreen,
)
from appraise.tui.screens.help import HelpScreen
from appraise.tui.screens.main import MainScreen
from appraise.tui.screens.summary import SummaryScreen
from appraise.tui.widgets.article import ArticleView
from appraise.tui.widgets.checklist import ChecklistView
from appraise.tui.widgets.item_panel import ItemPanel

from .conftest import APPRAISER, seed_suggestions

SIZE = (120, 40)


def fresh_seed(appraiser: str = APPRAISER) -> Appraisal:
    """The seed appraised again from scratch, as a new session would."""
    article = load_article(default_seed())
    return Appraisal.from_suggestions(
        article, resolve_checklist("clinical-study"), seed_suggestions(article), appraiser
    )


def shown_item(app: AppraiseApp) -> str:
    return app.main.current


async def go_to(app: AppraiseApp, pilot: object, item_id: str) -> None:
    app.main.go_to_item(item_id)
    await pilot.pause()  # type: ignore[attr-defined]


# -- moving ---------------------------------------------------------------------------------------


async def test_moves_between_items_with_arrows_and_jk(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_item(app) == "sample_size"
        assert isinstance(app.focused, ChecklistView)
        await pilot.press("j")
        assert shown_item(app) == "power_calculation"
        await pilot.press("down")  # skips the heading of the next section
        assert shown_item(app) == "control_group"
        await pilot.press("k", "up")
        assert shown_item(app) == "sample_size"
        panel = app.main.query_one(ItemPanel)
        assert "How many participants" in str(panel.query_one("#item-prompt").render())


async def test_evidence_is_highlighted_scrolled_into_view_and_stepped_through(
    seed_appraisal: Appraisal,
) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(app, pilot, "follow_up")
        article = app.main.query_one(ArticleView)
        spans = [(e.start, e.end) for e in seed_appraisal.suggestions["follow_up"].evidence]
        assert article.spans == sorted(spans)
        assert article.current == 0

        def in_view(offset: int) -> bool:
            line = article.line_of(offset)
            top = round(article.scroll_y)
            return top <= line < top + article.scrollable_content_region.height

        await pilot.pause()
        assert in_view(article.spans[0][0])
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert article.current == 1
        assert in_view(article.spans[1][0])
        assert article.border_subtitle == "evidence 2 of 2"
        await pilot.press("right_square_bracket")  # wraps around
        assert article.current == 0
        await pilot.press("left_square_bracket")
        assert article.current == 1


# -- answering ------------------------------------------------------------------------------------


async def test_confirm_marks_the_answer_and_autosaves_a_draft(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    report = tmp_path / "work" / "r.toml"
    app = make_app(seed_appraisal, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert seed_appraisal.states["sample_size"].source == "confirmed"
        draft = load_report(draft_path(report))
        assert draft.items[0].source == "confirmed"
        await pilot.press("j", "enter")  # enter confirms too
        assert seed_appraisal.states["power_calculation"].source == "confirmed"
        assert app.session.dirty
        assert not report.exists()


async def test_a_draft_that_cannot_be_written_is_said_once(
    seed_appraisal: Appraisal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(seed_appraisal, report_path=tmp_path / "r.toml")
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:

        def refuse() -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(app.session, "autosave", refuse)
        monkeypatch.setattr(app.screen, "notify", lambda message, **_: notices.append(message))
        await pilot.press("a", "j", "a")
        assert seed_appraisal.states["power_calculation"].source == "confirmed"
        assert notices == ["Could not write the draft (No space left on device): save with ctrl+s"]
        assert app.session.autosave_failed


async def test_confirm_without_a_suggestion_says_so(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, "primary_endpoint")
        await pilot.press("a")
        assert seed_appraisal.states["primary_endpoint"].answer is None
        assert any("Nothing to confirm" in str(n.message) for n in app._notifications)


async def test_changing_an_inferred_answer_asks_for_a_reason(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, "control_group")
        await pilot.press("1")  # Yes, where appraise suggested No
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press("enter")  # an empty reason is not taken
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"sham arm in methods", "enter")
        assert isinstance(app.screen, MainScreen)
        state = seed_appraisal.states["control_group"]
        assert (state.answer, state.source, state.reason) == (
            "yes",
            "edited",
            "sham arm in methods",
        )


async def test_cancelling_the_reason_keeps_the_answer(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, "control_group")
        await pilot.press("2", "escape")
        assert isinstance(app.screen, MainScreen)
        state = seed_appraisal.states["control_group"]
        assert (state.answer, state.source) == ("no", "inferred")
        assert not app.session.dirty


async def test_choosing_the_suggested_option_confirms_it_and_blank_items_need_no_reason(
    seed_appraisal: Appraisal,
) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, "control_group")
        await pilot.press("3")  # No: the suggestion
        assert seed_appraisal.states["control_group"].source == "confirmed"
        await go_to(app, pilot, "primary_endpoint")  # no suggestion: no reason to give
        await pilot.press("1")
        state = seed_appraisal.states["primary_endpoint"]
        assert (state.answer, state.source) == ("yes", "manual")
        await pilot.press("9")  # the scale has 4 options: nothing happens
        assert seed_appraisal.states["primary_endpoint"].answer == "yes"


async def test_not_applicable_is_left_out_of_the_score(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, "primary_endpoint")
        await pilot.press("4")
        assert seed_appraisal.score().items["primary_endpoint"].points is None
        checklist = app.main.query_one(ChecklistView)
        prompt = str(checklist.get_option("primary_endpoint").prompt)
        assert prompt.startswith("–") and prompt.rstrip().endswith("n/a")


async def test_numbers_and_durations_validate_as_you_type(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.main.query_one(ItemPanel)
        box = panel.value_input
        await pilot.press("1", "2", "x")  # a digit starts typing in the box
        assert app.focused is box and box.value == "12x"
        assert box.has_class("-invalid")
        assert "type only the number" in str(panel.query_one("#item-hint").render())
        await pilot.press("enter")
        assert seed_appraisal.states["sample_size"].answer == 9  # not taken
        await pilot.press("backspace", "0", "enter")
        assert isinstance(app.screen, ReasonScreen)  # 120, where 9 was suggested
        await pilot.press(*"recount", "enter")
        assert seed_appraisal.states["sample_size"].answer == 120
        assert isinstance(app.focused, ChecklistView)

        await go_to(app, pilot, "follow_up")
        await pilot.press("tab", "tab")
        assert app.focused is box
        assert box.value == "6 years"
        box.value = "72 months"  # the suggestion in other words: confirmed, no reason asked
        await pilot.press("enter")
        assert seed_appraisal.states["follow_up"].source == "confirmed"
        assert seed_appraisal.states["follow_up"].answer == 2191.5


async def test_notes_are_saved_at_every_keystroke(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    report = tmp_path / "work" / "notes.toml"
    app = make_app(seed_appraisal, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"small")
        assert load_report(draft_path(report)).items[0].notes == "small"
        await pilot.press("space", "n")
        assert load_report(draft_path(report)).items[0].notes == "small n"
        await pilot.press("escape", "j")
        assert shown_item(app) == "power_calculation"
        assert seed_appraisal.states["sample_size"].notes == "small n"
        assert app.main.query_one(ItemPanel).notes_area.text == ""
        await pilot.press("k")
        assert app.main.query_one(ItemPanel).notes_area.text == "small n"


async def test_confirm_all_asks_then_confirms_the_confident_suggestions(
    seed_appraisal: Appraisal,
) -> None:
    app = make_app(seed_appraisal, confirm_threshold=0.8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert all(s.source != "confirmed" for s in seed_appraisal.states.values())
        await pilot.press("A", "y")
        confirmed = {i for i, s in seed_appraisal.states.items() if s.source == "confirmed"}
        assert confirmed == {"sample_size", "control_group", "follow_up", "efficacy_endpoint"}
        await pilot.press("A")  # nothing left at 0.8 or more: no dialog
        assert isinstance(app.screen, MainScreen)


# -- saving, quitting, resuming -------------------------------------------------------------------


async def test_save_writes_the_report_and_removes_the_draft(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    report = tmp_path / "work" / "club.toml"
    app = make_app(seed_appraisal, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, "control_group")
        await pilot.press("1", *"methods name a control arm", "enter")
        await pilot.press("n", *"ask the presenter", "escape")
        assert draft_path(report).exists()
        await pilot.press("ctrl+s")
        assert not app.session.dirty
    saved = load_report(report)
    assert not draft_path(report).exists()
    records = {r.id: r for r in saved.items}
    assert records["control_group"].answer == "yes"
    assert records["control_group"].source == "edited"
    assert records["control_group"].reason == "methods name a control arm"
    assert records["control_group"].notes == "ask the presenter"
    assert records["sample_size"].source == "inferred"
    assert saved.appraiser == "Test Appraiser"
    assert saved.score.grade == seed_appraisal.score().grade
    assert saved.article.sha256 == seed_appraisal.article.sha256


async def test_save_without_a_report_path_asks_where(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        state_draft = app.session.draft_file
        assert state_draft.is_relative_to(tmp_path / "state")
        assert state_draft.exists()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SavePathScreen)
        path_box = app.screen.query_one(Input)
        # The bundled example's folder belongs to the program: the default is the current one.
        assert path_box.value == "lupus-stem-cell-safety-news.appraisal.toml"
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
    saved = tmp_path / "work" / "lupus-stem-cell-safety-news.appraisal.toml"
    assert load_report(saved).items[0].source == "confirmed"
    assert not state_draft.exists()
    assert app.session.report_path == Path("lupus-stem-cell-safety-news.appraisal.toml")


async def test_save_as_refuses_a_missing_folder_and_asks_before_replacing(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    existing = tmp_path / "work" / "old.toml"
    existing.write_text("x")
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        box = app.screen.query_one(Input)
        box.value = str(tmp_path / "nowhere" / "r.toml")
        await pilot.press("enter")
        assert isinstance(app.screen, SavePathScreen)
        box.value = str(existing)
        await pilot.press("enter")
        assert isinstance(app.screen, SavePathScreen)  # exists: asks for a second enter
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
    assert load_report(existing).checklist.id == "clinical-study"


async def test_quit_with_unsaved_changes_asks_first(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    report = tmp_path / "work" / "q.toml"
    app = make_app(seed_appraisal, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")  # stay
        assert isinstance(app.screen, MainScreen)
        assert app.is_running
        await pilot.press("ctrl+q", "d")  # discard and quit
    assert not app.is_running
    assert not report.exists()
    assert not draft_path(report).exists()


async def test_quit_can_save_first(seed_appraisal: Appraisal, tmp_path: Path) -> None:
    report = tmp_path / "work" / "q.toml"
    app = make_app(seed_appraisal, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "ctrl+q", "s")
    assert not app.is_running
    assert load_report(report).items[0].source == "confirmed"


async def test_quit_without_changes_does_not_ask(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "ctrl+q")
    assert not app.is_running


async def test_resume_from_a_report_with_a_drift_warning(
    seed_appraisal: Appraisal, make_appraisal: Callable[..., Appraisal], tmp_path: Path
) -> None:
    report = tmp_path / "work" / "resume.toml"
    seed_appraisal.set_answer("control_group", "yes", "methods")
    seed_appraisal.set_notes("follow_up", "check the dates")
    saved = seed_appraisal.to_report(report)
    save_report(
        saved.model_copy(update={"article": saved.article.model_copy(update={"sha256": "0" * 64})}),
        report,
    )

    fresh = fresh_seed("Someone")
    app = make_app(fresh, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert fresh.states["control_group"].answer == "yes"
        assert fresh.states["control_group"].reason == "methods"
        assert fresh.states["follow_up"].notes == "check the dates"
        assert fresh.appraiser == "Test Appraiser"
        banner = app.main.query_one("#banner")
        assert banner.display
        assert "the article has changed" in str(banner.render())
        assert not app.session.dirty


async def test_a_draft_is_offered_and_recovered(seed_appraisal: Appraisal, tmp_path: Path) -> None:
    report = tmp_path / "work" / "d.toml"
    # An earlier session confirmed and annotated, then its terminal was closed.
    earlier = make_app(seed_appraisal, report_path=report)
    async with earlier.run_test(size=SIZE) as pilot:
        await pilot.press("a", "n", *"draft note", "escape")
    assert draft_path(report).exists()

    fresh = fresh_seed()
    app = make_app(fresh, report_path=report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("escape")  # it needs an answer
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("r")
        assert fresh.states["sample_size"].notes == "draft note"
        assert app.session.dirty
        assert "● unsaved" in str(app.main.query_one("#saved-label").render())


async def test_a_discarded_draft_is_deleted(seed_appraisal: Appraisal, tmp_path: Path) -> None:
    earlier = make_app(seed_appraisal)
    async with earlier.run_test(size=SIZE) as pilot:
        await pilot.press("a")
    draft = earlier.session.draft_file
    assert draft.exists()

    fresh = fresh_seed()
    app = make_app(fresh)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDraftScreen)
        await pilot.press("d")
        assert not draft.exists()
        assert fresh.states["sample_size"].source != "confirmed"


# -- screens --------------------------------------------------------------------------------------


async def test_summary_help_and_command_palette(seed_appraisal: Appraisal) -> None:
    app = make_app(seed_appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"follow", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert shown_item(app) == "follow_up"


async def test_article_markup_and_escape_codes_are_shown_literally(
    make_appraisal: Callable[..., Appraisal], tmp_path: Path
) -> None:
    text = (
        "# [bold red]Trial[/] \x1b[31mred\x1b[0m\n\n"
        "We enrolled [b]120[/b] patients [link=https://x.test]here[/link] \x1b]0;title\x07 and "
        "[@click=app.quit]quit[/]; :smile: $accent \\[x] and a tab\there.\n"
    )
    quote = "[b]120[/b] patients"
    start = text.index(quote)
    from appraise.extract.findings import Evidence
    from appraise.infer.registry import Suggestion

    suggestion = Suggestion(
        120, 0.9, "[red]120[/red] enrolled", [Evidence(quote, start, start + len(quote))]
    )
    appraisal = make_appraisal(text, tmp_path / "work" / "markup.txt", {"sample_size": suggestion})
    app = make_app(appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did not quit
        article = app.main.query_one(ArticleView)
        shown = "\n".join(
            "".join(s.text for s in article.render_line(y)).rstrip()
            for y in range(article.scrollable_content_region.height)
        )
        assert "# [bold red]Trial[/] ␛[31mred␛[0m" in shown
        assert "[b]120[/b] patients [link=https://x.test]here[/link] ␛]0;title␇" in shown
        assert "[@click=app.quit]quit[/]; :smile: $accent \\[x] and a tab here." in shown
        assert "\x1b" not in shown
        assert app.title == display_text("[bold red]Trial[/] \x1b[31mred\x1b[0m")
        suggestion_text = str(app.main.query_one("#item-suggestion").render())
        assert "[red]120[/red] enrolled" in suggestion_text
        # The highlight sits on the quote, offsets unchanged by the replaced escape characters.
        line = article.line_of(start)
        strip = article.render_line(line - round(article.scroll_y))
        highlighted = "".join(s.text for s in strip if s.style and s.style.bold)
        assert highlighted == quote


async def test_right_to_left_and_combining_text_is_shown_as_written(
    make_appraisal: Callable[..., Appraisal], tmp_path: Path
) -> None:
    """Hebrew, Arabic and stacked combining marks are shown as they are; the controls that would
    reorder the line (overrides, isolates, marks) are made visible, one character for one."""
    hebrew = "\u05d0\u05e0\u05d7\u05e0\u05d5 \u05d7\u05e7\u05e8\u05e0\u05d5"  # we studied
    arabic = "\u0627\u0644\u0645\u0631\u0636\u0649"  # the patients
    stacked = "Z\u0351\u036b\u0343\u036a e\u0301\u0301"
    text = (
        f"# \u202eTrial\u202c {hebrew}\n\n"
        f"{hebrew} 40 {arabic}. {stacked}. \u2067We enrolled 40 patients.\u2069 \u200fdone\u200e\n"
    )
    quote = "We enrolled 40 patients."
    start = text.index(quote)
    from appraise.extract.findings import Evidence
    from appraise.infer.registry import Suggestion

    suggestion = Suggestion(40, 0.9, "40 enrolled", [Evidence(quote, start, start + len(quote))])
    appraisal = make_appraisal(text, tmp_path / "work" / "rtl.txt", {"sample_size": suggestion})
    app = make_app(appraisal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.main.query_one(ArticleView)
        shown = "\n".join(
            "".join(s.text for s in article.render_line(y)).rstrip()
            for y in range(article.scrollable_content_region.height)
        )
        assert f"# \ufffdTrial\ufffd {hebrew}" in shown
        assert f"{hebrew} 40 {arabic}. {stacked}. \ufffd{quote}\ufffd \ufffddone\ufffd" in shown
        for control in ("\u202e", "\u202c", "\u2067", "\u2069", "\u200f", "\u200e"):
            assert control not in shown and control not in app.title
        line = article.line_of(start)
        strip = article.render_line(line - round(article.scroll_y))
        highlighted = "".join(s.text for s in strip if s.style and s.style.bold)
        assert highlighted == quote


async def test_the_cli_path_builds_a_working_app_on_the_seed(tmp_path: Path) -> None:
    """End to end on live inference: whatever is suggested, every item can be visited."""
    appraisal = build_appraisal(str(default_seed()), None, "Test Appraiser")
    app = make_app(appraisal, report_path=tmp_path / "work" / "e2e.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        seen = []
        for _ in appraisal.items():
            seen.append(shown_item(app))
            await pilot.press("j")
        assert seen == [item.id for item in appraisal.items()]
        await pilot.press("ctrl+s")
    assert len(load_report(tmp_path / "work" / "e2e.toml").items) == len(seen)
