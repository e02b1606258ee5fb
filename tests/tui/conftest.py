"""Fixtures for the TUI tests: a seed appraisal with hand-made suggestions, and a sealed-off home.

Snapshots must not change when extraction improves, so the appraisals here are built from
suggestions written below, not from live inference (the end-to-end tests use both).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from appraise.appraisal import Appraisal
from appraise.checklist.load import LoadedChecklist, load_checklist
from appraise.extract.findings import Evidence
from appraise.infer.registry import Suggestion
from appraise.ingest import Article, article_from_text, load_article
from appraise.paths import default_seed

APPRAISER = "Test Appraiser"


@pytest.fixture(autouse=True)
def sealed_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Drafts, config and saved reports go to a temporary folder, never the user's."""
    home = tmp_path / "home"
    for folder in ("home", "state", "config", "work"):
        (tmp_path / folder).mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("APPRAISE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("APPRAISE_CONFIG_DIR", str(tmp_path / "config"))
    for name in ("APPRAISE_CONFIG", "APPRAISE_APPRAISER", "APPRAISE_CHECKLIST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


def evidence(article: Article, quote: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(quote, start + 1)
    return Evidence(quote, start, start + len(quote))


def seed_suggestions(article: Article) -> dict[str, Suggestion]:
    """What a good appraisal of the seed suggests: fixed here so snapshots stay put."""
    studied = evidence(article, "They studied 9 patients with systemic lupus erythematosus")
    procedure = evidence(
        article,
        "The patients underwent umbilical cord mesenchymal stem cell transplantation and were "
        "evaluated immediately following the procedure and again 6 years earlier.",
    )
    after = evidence(article, "either immediately after or 6 years after the procedure")
    safety = evidence(
        article,
        "To evaluate safety, the researchers performed tests of the blood, urine, and liver.",
    )
    return {
        "sample_size": Suggestion(9, 0.9, "9 participants enrolled", [studied]),
        "power_calculation": Suggestion(
            "no", 0.5, "the text mentions no power or sample-size calculation"
        ),
        "control_group": Suggestion(
            "no", 0.85, "every patient received the transplant: no comparison group", [procedure]
        ),
        "follow_up": Suggestion(2191.5, 0.8, "follow-up stated: 6 years", [procedure, after]),
        "efficacy_endpoint": Suggestion(
            "no", 0.9, "only safety was assessed; no outcome of benefit is named", [safety]
        ),
        "primary_endpoint": Suggestion.blank("the text names no primary outcome"),
        "internal_consistency": Suggestion(
            "no", 0.7, "the follow-up is placed 6 years before the procedure", [procedure, after]
        ),
        "study_design": Suggestion(
            "a single-arm study", 0.6, "9 treated patients, no controls", [studied]
        ),
    }


# A frozen copy of the default checklist as the snapshots show it, so that the built-in
# checklist can grow without moving every snapshot.
FROZEN_CHECKLIST = Path(__file__).parent / "data" / "clinical-study-1.0.toml"


@pytest.fixture
def checklist() -> LoadedChecklist:
    return load_checklist(FROZEN_CHECKLIST)


@pytest.fixture
def seed_article() -> Article:
    return load_article(default_seed())


@pytest.fixture
def seed_appraisal(seed_article: Article, checklist: LoadedChecklist) -> Appraisal:
    return Appraisal.from_suggestions(
        seed_article, checklist, seed_suggestions(seed_article), APPRAISER
    )


@pytest.fixture
def make_appraisal(checklist: LoadedChecklist) -> Callable[..., Appraisal]:
    """An appraisal of any text (no suggestions unless given), written to a file first."""

    def make(
        text: str, path: Path | None = None, suggestions: dict[str, Suggestion] | None = None
    ) -> Appraisal:
        if path is not None:
            path.write_text(text, encoding="utf-8")
            article = load_article(path)
        else:
            article = article_from_text(text)
        return Appraisal.from_suggestions(article, checklist, suggestions or {}, APPRAISER)

    return make
