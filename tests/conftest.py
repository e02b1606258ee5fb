"""Fixtures shared by every test: the user's folders and settings are never touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = REPO_ROOT / "seeds" / "lupus-stem-cell-safety-news.txt"

# No example database: it would leave a `.hypothesis/` folder in the checkout.
settings.register_profile("appraise", database=None, deadline=None)
settings.load_profile("appraise")

_ENV_CLEARED = (
    "APPRAISE_APPRAISER",
    "APPRAISE_CHECKLIST",
    "APPRAISE_CHECKLIST_DIRS",
    "APPRAISE_CONFIG",
    "APPRAISE_MAX_BYTES",
)


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point the config and state folders at fresh temporary folders and clear the env overrides.

    Yields the config folder, so a test can put a `config.toml` or `checklists/` in it.
    """
    home = tmp_path_factory.mktemp("appraise-home")
    config = home / "config"
    state = home / "state"
    monkeypatch.setenv("APPRAISE_CONFIG_DIR", str(config))
    monkeypatch.setenv("APPRAISE_STATE_DIR", str(state))
    for name in _ENV_CLEARED:
        monkeypatch.delenv(name, raising=False)
    yield config


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def seed_path() -> Path:
    assert SEED.is_file(), f"the seed article is missing: {SEED}"
    return SEED
