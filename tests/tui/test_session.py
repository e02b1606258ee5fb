"""The session behind the TUI: drafts, saving and resuming, without a terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from appraise.appraisal import Appraisal
from appraise.errors import ReportError
from appraise.report.io import draft_path, load_report
from appraise.tui.session import Session


def test_a_change_is_written_to_the_draft_beside_the_report(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    report = tmp_path / "work" / "r.toml"
    session = Session.open(seed_appraisal, report)
    assert not session.autosave()  # nothing changed yet
    seed_appraisal.confirm("sample_size")
    assert session.autosave()
    assert session.draft_file == draft_path(report)
    assert load_report(session.draft_file).items[0].source == "confirmed"
    assert session.dirty and not report.exists()


def test_without_a_report_the_draft_lives_in_the_state_folder(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    session = Session.open(seed_appraisal)
    assert session.draft_file.parent == tmp_path / "state" / "drafts"
    other = Session.open(seed_appraisal)
    assert other.draft_file == session.draft_file  # keyed by the article's path


def test_saving_removes_the_draft_and_resuming_restores(
    seed_appraisal: Appraisal, make_appraisal: Callable[..., Appraisal], tmp_path: Path
) -> None:
    report = tmp_path / "work" / "r.toml"
    session = Session.open(seed_appraisal, report)
    seed_appraisal.set_notes("follow_up", "dates?")
    session.autosave()
    session.save()
    assert not session.dirty
    assert not draft_path(report).exists()

    again = Appraisal(seed_appraisal.article, seed_appraisal.loaded, seed_appraisal.suggestions)
    resumed = Session.open(again, report)
    assert again.states["follow_up"].notes == "dates?"
    assert resumed.warnings == []
    assert not resumed.dirty


def test_recovering_a_draft_leaves_it_unsaved(seed_appraisal: Appraisal, tmp_path: Path) -> None:
    report = tmp_path / "work" / "r.toml"
    first = Session.open(seed_appraisal, report)
    seed_appraisal.confirm("sample_size")
    first.autosave()

    fresh = Appraisal.from_suggestions(
        seed_appraisal.article, seed_appraisal.loaded, seed_appraisal.suggestions
    )
    second = Session.open(fresh, report)
    draft = second.pending_draft()
    assert draft is not None
    assert second.recover(draft) == []
    assert fresh.states["sample_size"].source == "confirmed"
    assert second.dirty
    assert not second.autosave()  # the draft on disk already holds these answers


def test_an_unreadable_report_is_an_error_with_its_line(
    seed_appraisal: Appraisal, tmp_path: Path
) -> None:
    report = tmp_path / "work" / "bad.toml"
    report.write_text("schema_version = 1\nitems = [\n")
    with pytest.raises(ReportError, match=r"bad\.toml:\d+"):
        Session.open(seed_appraisal, report)


def test_default_save_path_is_beside_the_article(
    make_appraisal: Callable[..., Appraisal], tmp_path: Path
) -> None:
    article = tmp_path / "work" / "papers" / "trial.txt"
    article.parent.mkdir()
    session = Session(make_appraisal("A trial of 40 people.", article))
    assert session.default_save_path() == article.with_name("trial.appraisal.toml")
