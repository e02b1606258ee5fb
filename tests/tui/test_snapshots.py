"""Snapshots of the screens on the seed article, with the hand-made suggestions of conftest.py.

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` only after looking at the
report of the differences (pytest writes it to snapshot_report.html).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from appraise.appraisal import Appraisal
from appraise.tui.app import make_app

SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause()


def test_main_screen_80x24(snap_compare: SnapCompare, seed_appraisal: Appraisal) -> None:
    """You should see, at 80x24: the header with the article title and the checklist's; the
    progress (7/8 answered) and the score (2/12 · 17% · weak · provisional, saved); the checklist
    by section with `?` marks and points (Primary endpoint `·` and `—`); item 1 of 8, sample
    size, suggested 9 at 90% with its rationale and its answer 9 (very small, 0/2); and the
    article scrolled to the highlighted evidence "They studied 9 patients…". The footer lists the
    main keys."""
    assert snap_compare(make_app(seed_appraisal), terminal_size=(80, 24), run_before=settle)


def test_main_screen_160x48_on_follow_up(
    snap_compare: SnapCompare, seed_appraisal: Appraisal
) -> None:
    """You should see three columns at 160x48: the checklist; item 4 of 8, follow-up (suggested
    6 years at 80%, its box holding `6 years`, notes, its guidance in full); and the article
    with two evidence passages highlighted, the second, the current one, brighter
    (`evidence 2 of 2`). Sample size is confirmed (`✓`), control group edited (`✎`, 2/2); the
    score bar says 4/12 · 33% · weak · provisional and `● unsaved`."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("a", "j", "j", "1")
        await pilot.press(*"methods describe a control arm", "enter")
        await pilot.press("j", "right_square_bracket")
        await settle(pilot)

    assert snap_compare(make_app(seed_appraisal), terminal_size=(160, 48), run_before=run_before)


def test_reason_dialog(snap_compare: SnapCompare, seed_appraisal: Appraisal) -> None:
    """You should see the dialog asking why the control group answer changes: `Suggested No →
    your answer Yes`, a box with a reason half typed, and the buttons Change it / Cancel, over
    the dimmed main screen."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("j", "j", "1", *"sham arm")
        await settle(pilot)

    assert snap_compare(make_app(seed_appraisal), terminal_size=(100, 30), run_before=run_before)


def test_summary_screen(snap_compare: SnapCompare, seed_appraisal: Appraisal) -> None:
    """You should see the summary before saving: the checklist (version 1.0) and the appraiser
    (Test Appraiser); the score, 4 of 12 points · 33% · grade weak, provisional with Primary
    endpoint unanswered, and the grade's meaning; section subtotals; then every item with its
    mark, points, answer and provenance, the control group's reason for the change and the
    follow-up's notes."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("a", "j", "j", "1", *"methods describe a control arm", "enter")
        await pilot.press("j", "n", *"6 years earlier, or after?", "escape", "s")
        await settle(pilot)

    assert snap_compare(make_app(seed_appraisal), terminal_size=(110, 36), run_before=run_before)


def test_help_screen(snap_compare: SnapCompare, seed_appraisal: Appraisal) -> None:
    """You should see the help over the main screen: keys grouped under Move, Answer, Article
    and Report, each with what it does (confirm all says 80%), then what the marks `? ✓ ✎ · –`
    mean."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(seed_appraisal), terminal_size=(100, 48), run_before=run_before)
