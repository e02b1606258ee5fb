"""The user's configuration: a strict TOML file, then the environment on top."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from appraise.config import Config, load_config
from appraise.errors import ConfigError
from appraise.paths import config_file, state_dir, user_checklists_dir


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text)
    return path


def config_problems(path: Path | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return [str(p) for p in caught.value.problems]


def test_the_user_folders_are_isolated(isolated_user_folders: Path) -> None:
    assert config_file() == isolated_user_folders / "config.toml"
    assert user_checklists_dir() == isolated_user_folders / "checklists"
    assert state_dir() != isolated_user_folders
    assert str(state_dir()) == os.environ["APPRAISE_STATE_DIR"]


def test_defaults_without_a_file() -> None:
    assert load_config() == Config()
    assert Config().default_checklist == "clinical-study"
    assert Config().confirm_threshold == 0.8


def test_file_in_the_config_folder(isolated_user_folders: Path) -> None:
    write_config(
        isolated_user_folders,
        'appraiser = "Ada"\ndefault_checklist = "mine"\nchecklist_dirs = ["/a", "~/b"]\n'
        "confirm_threshold = 0.5\n",
    )
    assert load_config() == Config(
        appraiser="Ada",
        default_checklist="mine",
        checklist_dirs=["/a", "~/b"],
        confirm_threshold=0.5,
    )


def test_config_file_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(tmp_path / "elsewhere", 'appraiser = "Bo"\n')
    monkeypatch.setenv("APPRAISE_CONFIG", str(path))
    assert config_file() == path
    assert load_config().appraiser == "Bo"


def test_environment_overrides_the_file(
    isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(isolated_user_folders, 'appraiser = "Ada"\ndefault_checklist = "mine"\n')
    monkeypatch.setenv("APPRAISE_APPRAISER", "Env Name")
    monkeypatch.setenv("APPRAISE_CHECKLIST", "theirs")
    monkeypatch.setenv("APPRAISE_CHECKLIST_DIRS", os.pathsep.join(["/x", "", "/y"]))
    config = load_config()
    assert config.appraiser == "Env Name"
    assert config.default_checklist == "theirs"
    assert config.checklist_dirs == ["/x", "/y"]
    assert config.confirm_threshold == 0.8


def test_empty_environment_values_are_ignored(
    isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(isolated_user_folders, 'appraiser = "Ada"\n')
    monkeypatch.setenv("APPRAISE_APPRAISER", "")
    assert load_config().appraiser == "Ada"


def test_unknown_key_and_bad_value_are_located(isolated_user_folders: Path) -> None:
    path = write_config(
        isolated_user_folders, 'appraiser = "Ada"\nconfirm_threshold = 2\ncolour = "red"\n'
    )
    assert config_problems() == [
        f"{path}:2:1: confirm_threshold: must be less than or equal to 1",
        f"{path}:3:1: colour: unknown key",
    ]


def test_syntax_error(isolated_user_folders: Path) -> None:
    path = write_config(isolated_user_folders, "appraiser = Ada\n")
    assert config_problems() == [f"{path}:1:13: TOML syntax: Invalid value"]


def test_bad_environment_value_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRAISE_APPRAISER", "x" * 201)
    assert config_problems() == ["APPRAISE_APPRAISER: String should have at most 200 characters"]


def test_explicit_path(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'default_checklist = "x.toml"\n')
    assert load_config(path).default_checklist == "x.toml"
    assert load_config(tmp_path / "missing.toml") == Config()
