"""The Appraisal: answers and where they came from, reports out and back in."""

from __future__ import annotations

from pathlib import Path

import pytest

from appraise.appraisal import Appraisal, ItemState
from appraise.checklist.load import LoadedChecklist, load_checklist
from appraise.extract.findings import Evidence
from appraise.infer.registry import Suggestion
from appraise.ingest import Article, article_from_text
from appraise.report.io import load_report, save_report

GOOD = Path(__file__).resolve().parent.parent / "data" / "checklists" / "good"
TEXT = "# Trial\n\nWe enrolled 120 patients. There was a placebo group.\n"


@pytest.fixture
def loaded() -> LoadedChecklist:
    return load_checklist(GOOD / "full.toml")


@pytest.fixture
def article(tmp_path: Path) -> Article:
    path = tmp_path / "articles" / "trial.md"
    path.parent.mkdir()
    path.write_text(TEXT)
    return article_from_text(TEXT, str(path))


def evidence(quote: str) -> Evidence:
    start = TEXT.index(quote)
    return Evidence(quote, start, start + len(quote))


def suggestions() -> dict[str, Suggestion]:
    return {
        "sample_size": Suggestion(
            120.0, 0.9, "120 enrolled", [evidence("We enrolled 120 patients.")]
        ),
        "control_group": Suggestion("satisfactory", 0.6, "placebo", [evidence("placebo group")]),
        "randomised": Suggestion.blank("allocation not described"),
        "follow_up": Suggestion.blank("no follow-up stated"),
        "design_words": Suggestion("a randomised controlled trial", 0.5, "randomised"),
    }


@pytest.fixture
def appraisal(article: Article, loaded: LoadedChecklist) -> Appraisal:
    return Appraisal.from_suggestions(article, loaded, suggestions(), appraiser="Ada")


def sources(appraisal: Appraisal) -> dict[str, str | None]:
    return {item_id: state.source for item_id, state in appraisal.states.items()}


def test_suggestions_become_inferred_answers(appraisal: Appraisal) -> None:
    assert appraisal.answers() == {
        "sample_size": 120.0,
        "control_group": "satisfactory",
        "randomised": None,
        "follow_up": None,
        "blinding": None,
        "design_words": "a randomised controlled trial",
    }
    assert sources(appraisal) == {
        "sample_size": "inferred",
        "control_group": "inferred",
        "randomised": None,
        "follow_up": None,
        "blinding": None,
        "design_words": "inferred",
    }
    assert appraisal.answered_count() == 3
    assert [item.id for item in appraisal.items()][:2] == ["sample_size", "control_group"]
    result = appraisal.score()
    assert (result.points, result.max_points) == (7.0, 7.0)
    assert result.unanswered == ["randomised", "follow_up", "blinding"]


def test_confirm(appraisal: Appraisal) -> None:
    revision = appraisal.revision
    assert appraisal.confirm("control_group")
    assert appraisal.states["control_group"] == ItemState("satisfactory", "confirmed")
    assert appraisal.revision == revision + 1
    assert not appraisal.confirm("randomised")  # a blank suggestion
    assert not appraisal.confirm("blinding")  # no suggestion at all
    assert appraisal.revision == revision + 1
    assert appraisal.states["blinding"] == ItemState()


def test_set_answer_records_where_it_came_from(appraisal: Appraisal) -> None:
    appraisal.set_answer("control_group", "partly", reason="  placebo only for a week  ")
    assert appraisal.states["control_group"] == ItemState(
        "partly", "edited", reason="placebo only for a week"
    )
    appraisal.set_answer("control_group", "satisfactory", reason="ignored")
    assert appraisal.states["control_group"] == ItemState("satisfactory", "confirmed")
    appraisal.set_answer("sample_size", 120)  # the same number as the float suggestion
    assert appraisal.states["sample_size"].source == "confirmed"
    appraisal.set_answer("blinding", "yes", reason="methods section")
    assert appraisal.states["blinding"] == ItemState("yes", "manual", reason="methods section")
    appraisal.set_answer("randomised", "no")  # its suggestion is blank
    assert appraisal.states["randomised"] == ItemState("no", "manual")
    appraisal.set_answer("blinding", None)
    assert appraisal.states["blinding"] == ItemState()
    appraisal.set_answer("randomised", "")
    assert appraisal.states["randomised"] == ItemState()


def test_set_answer_keeps_notes(appraisal: Appraisal) -> None:
    appraisal.set_notes("blinding", "ask the authors")
    appraisal.set_answer("blinding", "unclear")
    assert appraisal.states["blinding"].notes == "ask the authors"


def test_set_notes_counts_only_changes(appraisal: Appraisal) -> None:
    revision = appraisal.revision
    appraisal.set_notes("blinding", "note")
    appraisal.set_notes("blinding", "note")
    assert appraisal.revision == revision + 1


def test_needs_reason(appraisal: Appraisal) -> None:
    assert appraisal.needs_reason("control_group", "partly")
    assert appraisal.needs_reason("control_group", None)
    assert not appraisal.needs_reason("control_group", "satisfactory")
    assert not appraisal.needs_reason("sample_size", 120)
    assert not appraisal.needs_reason("randomised", "yes")  # blank suggestion
    assert not appraisal.needs_reason("blinding", "yes")  # no suggestion


def test_confirm_all_above_a_threshold(appraisal: Appraisal) -> None:
    appraisal.set_answer("design_words", "a trial")  # edited: never overwritten
    assert appraisal.confirm_all(0.6) == ["sample_size", "control_group"]
    assert sources(appraisal)["sample_size"] == "confirmed"
    assert sources(appraisal)["control_group"] == "confirmed"
    assert appraisal.states["design_words"] == ItemState("a trial", "edited")
    assert appraisal.confirm_all(0.0) == []  # nothing left that is still inferred


def test_confirm_all_leaves_less_confident_suggestions(appraisal: Appraisal) -> None:
    assert appraisal.confirm_all(0.8) == ["sample_size"]
    assert sources(appraisal)["control_group"] == "inferred"


def test_to_report(appraisal: Appraisal, tmp_path: Path) -> None:
    appraisal.set_answer("control_group", "partly", reason="short")
    appraisal.set_notes("sample_size", "big enough")
    report = appraisal.to_report(tmp_path / "reports" / "r.toml")
    assert report.appraiser == "Ada"
    assert report.tool.startswith("appraise ")
    assert report.article.path == "../articles/trial.md"
    assert report.article.title == "Trial"
    assert report.article.sha256 == appraisal.article.sha256
    assert (report.checklist.id, report.checklist.version) == ("full-features", "2.1")
    assert report.checklist.sha256 == appraisal.loaded.sha256
    assert [item.id for item in report.items] == [i.id for i in appraisal.items()]
    sample, control = report.items[0], report.items[1]
    assert (sample.answer, sample.source, sample.points, sample.label) == (
        120.0,
        "inferred",
        4.0,
        "adequate",
    )
    assert sample.notes == "big enough"
    assert sample.suggestion is not None
    assert sample.suggestion.evidence[0].quote == "We enrolled 120 patients."
    assert TEXT[sample.suggestion.evidence[0].start : sample.suggestion.evidence[0].end] == (
        "We enrolled 120 patients."
    )
    assert (control.answer, control.source, control.reason) == ("partly", "edited", "short")
    assert report.items[2].suggestion is not None
    assert report.items[2].suggestion.value is None
    assert report.items[2].suggestion.rationale == "allocation not described"
    assert report.items[4].suggestion is None  # blinding has no inferrer
    # 4 + 1 of 4 + 3, and control_group "partly" fails: capped from strong to moderate.
    assert (report.score.points, report.score.max_points) == (5.0, 7.0)
    assert report.score.percent == 71.4
    assert report.score.grade == "moderate"
    assert report.score.critical_failures == ["control_group"]
    assert [s.id for s in report.score.sections] == ["design", "results"]


def test_report_without_a_path_keeps_the_article_path(appraisal: Appraisal) -> None:
    assert appraisal.to_report().article.path == appraisal.article.path
    appraisal.article.path = None
    assert appraisal.to_report().article.path == "<stdin>"


def test_restore_from_a_saved_report(
    appraisal: Appraisal, article: Article, loaded: LoadedChecklist, tmp_path: Path
) -> None:
    appraisal.set_answer("control_group", "partly", reason="short")
    appraisal.set_answer("blinding", "na")
    appraisal.set_notes("blinding", "open label")
    path = tmp_path / "r.toml"
    save_report(appraisal.to_report(path), path)

    fresh = Appraisal.from_suggestions(article, loaded, suggestions())
    assert fresh.restore(load_report(path)) == []
    assert fresh.states == appraisal.states
    assert fresh.appraiser == "Ada"
    assert fresh.created == appraisal.created
    assert fresh.score() == appraisal.score()


def test_restore_warns_about_drift(
    appraisal: Appraisal, article: Article, loaded: LoadedChecklist
) -> None:
    report = appraisal.to_report()
    report.article.sha256 = "f" * 64
    report.checklist.version = "2.0"
    report.items.append(report.items[0].model_copy(update={"id": "retired_item"}))
    fresh = Appraisal.from_suggestions(article, loaded, {})
    assert fresh.restore(report) == [
        "the article has changed since the report was saved (sha256 differs): check the evidence",
        "the report used version 2.0 of the checklist; this is version 2.1",
        "item 'retired_item' is no longer in the checklist: dropped",
    ]
    assert "retired_item" not in fresh.states
    assert fresh.states["sample_size"].answer == 120.0


def test_restore_warns_about_another_checklist(
    appraisal: Appraisal, article: Article, loaded: LoadedChecklist
) -> None:
    report = appraisal.to_report()
    report.checklist.id = "other-list"
    fresh = Appraisal.from_suggestions(article, loaded, {}, appraiser="Bo")
    report.appraiser = ""
    assert fresh.restore(report) == ["the report used checklist 'other-list', not 'full-features'"]
    assert fresh.appraiser == "Bo"


def test_restore_clears_answers_the_checklist_no_longer_offers(
    appraisal: Appraisal, article: Article, loaded: LoadedChecklist
) -> None:
    report = appraisal.to_report()
    report.items[1].answer = "adequate"  # control_group: not an option of its scale
    report.items[1].notes = "kept"
    report.items[0].answer = "many"  # sample_size: a number item
    fresh = Appraisal.from_suggestions(article, loaded, {})
    assert fresh.restore(report) == [
        "item 'sample_size': the saved answer 'many' is not a valid answer in this checklist:"
        " cleared",
        "item 'control_group': the saved answer 'adequate' is not a valid answer in this"
        " checklist: cleared",
    ]
    assert fresh.states["control_group"] == ItemState(notes="kept")
    assert fresh.states["sample_size"] == ItemState()
    assert fresh.score().unanswered[:2] == ["sample_size", "control_group"]
