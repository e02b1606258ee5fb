"""Where things live: built-in data in the package, user data in the platform's folders."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _builtin(name: str) -> Path:
    # In a wheel the data sits inside the package; in a source checkout, at the top of the repo.
    packaged = _PACKAGE / "_builtin" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def builtin_checklists_dir() -> Path:
    return _builtin("checklists")


def seeds_dir() -> Path:
    return _builtin("seeds")


def default_seed() -> Path:
    return seeds_dir() / "lupus-stem-cell-safety-news.txt"


def config_dir() -> Path:
    override = os.environ.get("APPRAISE_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("appraise", appauthor=False)


def config_file() -> Path:
    override = os.environ.get("APPRAISE_CONFIG")
    return Path(override) if override else config_dir() / "config.toml"


def user_checklists_dir() -> Path:
    return config_dir() / "checklists"


def state_dir() -> Path:
    override = os.environ.get("APPRAISE_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("appraise", appauthor=False)
