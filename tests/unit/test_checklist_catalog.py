"""Finding checklists: built-in, the user's folder, extra folders, and paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from appraise.checklist.catalog import checklist_sources, resolve_checklist
from appraise.errors import ChecklistError

GOOD = Path(__file__).resolve().parent.parent / "data" / "checklists" / "good"


def test_builtin_checklist_is_found_by_id() -> None:
    sources = checklist_sources()
    assert ("clinical-study", "built-in") in [(s.id, s.origin) for s in sources]
    assert {s.origin for s in sources} == {"built-in"}
    loaded = resolve_checklist("clinical-study")
    assert loaded.builtin
    assert loaded.checklist.id == "clinical-study"


def test_user_folder_is_under_the_config_dir(isolated_user_folders: Path) -> None:
    user = isolated_user_folders / "checklists"
    user.mkdir(parents=True)
    shutil.copy(GOOD / "minimal.toml", user / "minimal.toml")
    sources = checklist_sources()
    assert [s.origin for s in sources][-1:] == ["user"]
    assert (sources[-1].id, sources[-1].path) == ("minimal", user / "minimal.toml")
    loaded = resolve_checklist("minimal")
    assert not loaded.builtin
    assert loaded.path == user / "minimal.toml"


def test_user_checklist_overrides_builtin_of_the_same_id(isolated_user_folders: Path) -> None:
    user = isolated_user_folders / "checklists"
    user.mkdir(parents=True)
    shutil.copy(GOOD / "minimal.toml", user / "clinical-study.toml")
    loaded = resolve_checklist("clinical-study")
    assert loaded.path == user / "clinical-study.toml"
    assert loaded.checklist.id == "minimal"
    assert not loaded.builtin


def builtin_ids() -> list[str]:
    return sorted(s.id for s in checklist_sources() if s.origin == "built-in")


def test_extra_folders(tmp_path: Path) -> None:
    shutil.copy(GOOD / "full.toml", tmp_path / "full.toml")
    assert resolve_checklist("full", [str(tmp_path)]).checklist.id == "full-features"
    with pytest.raises(ChecklistError) as caught:
        resolve_checklist("full")
    known = ", ".join(builtin_ids())
    assert str(caught.value) == f"--checklist: no checklist with id 'full' (known: {known})"


def test_unknown_id_lists_known_ones(tmp_path: Path) -> None:
    shutil.copy(GOOD / "full.toml", tmp_path / "zzz-club.toml")
    with pytest.raises(ChecklistError) as caught:
        resolve_checklist("nope", [str(tmp_path)])
    known = ", ".join([*builtin_ids(), "zzz-club"])
    assert "clinical-study" in known
    assert str(caught.value) == f"--checklist: no checklist with id 'nope' (known: {known})"


def test_resolve_by_path() -> None:
    loaded = resolve_checklist(str(GOOD / "full.toml"))
    assert loaded.checklist.id == "full-features"
    assert not loaded.builtin


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    with pytest.raises(ChecklistError) as caught:
        resolve_checklist(str(missing))
    assert str(caught.value) == f"{missing}: no such file"
