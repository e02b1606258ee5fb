"""Fixtures for the journal-club features: three members' reports of the seed.

Each report is made as a member would: `appraise infer SEED --report`, then every answer set by
hand, with a checklist that is a fixed copy of clinical-study 1.0 (`data/journal-club.toml`,
installed as the user's own and made the default), so the figures the tests work out by hand
move neither when extraction improves nor when the built-in checklists change.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from appraise.cli import main
from appraise.cli.infer_cmd import build_appraisal
from appraise.report.io import load_report, save_report
from appraise.report.model import AnswerValue

CHECKLIST = Path(__file__).resolve().parent / "data" / "journal-club.toml"
CHECKLIST_ID = "journal-club"
SIX_YEARS = 2191.5
SIX_MONTHS = 182.6

# Cat's 12 participants fall in the same band ("very small", under 30) as the others' 9; her
# study design differs from Ann's only in case and spacing.
MEMBERS: dict[str, dict[str, AnswerValue | None]] = {
    "Ann": {
        "sample_size": 9,
        "power_calculation": "no",
        "control_group": "no",
        "follow_up": SIX_YEARS,
        "efficacy_endpoint": "no",
        "primary_endpoint": "no",
        "internal_consistency": "no",
        "study_design": "a single-arm study",
    },
    "Ben": {
        "sample_size": 9,
        "power_calculation": "unclear",
        "control_group": "unclear",
        "follow_up": SIX_YEARS,
        "efficacy_endpoint": "no",
        "primary_endpoint": "no",
        "internal_consistency": "no",
        "study_design": "a single-arm study",
    },
    "Cat": {
        "sample_size": 12,
        "power_calculation": None,
        "control_group": "no",
        "follow_up": SIX_MONTHS,
        "efficacy_endpoint": "unclear",
        "primary_endpoint": "no",
        "internal_consistency": "no",
        "study_design": "A single-arm  study",
    },
}
REASONS = {
    ("Ben", "control_group"): "patients who did not respond to other drugs: a historical control?",
    ("Ben", "power_calculation"): "a news story would not report it either way",
    ("Cat", "follow_up"): "the 6-year visit contradicts itself; only the early visits are sure",
    ("Cat", "efficacy_endpoint"): "the headline calls it a treatment option",
}
NOTES = {
    ("Ben", "sample_size"): "Nine patients: far too few to judge safety.",
    ("Cat", "internal_consistency"): "“6 years earlier” must be a typo <for later>.",
}


@pytest.fixture(autouse=True)
def journal_checklist(isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test checklist, installed in the (temporary) user's checklists and made the default."""
    folder = isolated_user_folders / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    installed = folder / CHECKLIST.name
    shutil.copyfile(CHECKLIST, installed)
    monkeypatch.setenv("APPRAISE_CHECKLIST", CHECKLIST_ID)
    return installed


def write_member_report(path: Path, seed: Path, name: str) -> Path:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["infer", str(seed), "--report", str(path), "--appraiser", name]) == 0
    appraisal = build_appraisal(str(seed), None, name)
    appraisal.restore(load_report(path))
    for item_id, value in MEMBERS[name].items():
        appraisal.set_answer(item_id, value, REASONS.get((name, item_id), ""))
        note = NOTES.get((name, item_id))
        if note:
            appraisal.set_notes(item_id, note)
    save_report(appraisal.to_report(path), path)
    return path


@pytest.fixture
def members(tmp_path: Path, seed_path: Path) -> list[Path]:
    """ann.toml, ben.toml and cat.toml in `tmp_path/club`."""
    club = tmp_path / "club"
    club.mkdir()
    return [write_member_report(club / f"{n.lower()}.toml", seed_path, n) for n in MEMBERS]


@pytest.fixture
def seed_report(tmp_path: Path, seed_path: Path) -> Path:
    """The seed's inferred report, as `appraise infer SEED --report` saves it."""
    path = tmp_path / "seed.toml"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["infer", str(seed_path), "--report", str(path), "--appraiser", "Ada"]) == 0
    return path
