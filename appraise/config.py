"""The user's configuration: a TOML file in the platform's config folder, overridable by env."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from appraise.errors import ConfigError, Problem
from appraise.paths import config_file
from appraise.tomlload import describe, parse_toml, read_toml, validate


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)

    appraiser: str = Field(default="", max_length=200)
    """Your name, recorded in every report you save (env: APPRAISE_APPRAISER)."""
    default_checklist: str = Field(default="clinical-study", max_length=500)
    """The checklist id or path used when none is given (env: APPRAISE_CHECKLIST)."""
    checklist_dirs: list[str] = Field(default_factory=list, max_length=50)
    """More folders to look in for checklists (env: APPRAISE_CHECKLIST_DIRS, os.pathsep between)."""
    confirm_threshold: float = Field(default=0.8, ge=0, le=1)
    """The confidence above which `A` in the TUI confirms suggestions."""


def load_config(path: Path | None = None) -> Config:
    """The configuration from `path` (default: the user's config file), then the environment."""
    file = path or config_file()
    values: dict[str, object] = {}
    if file.is_file():
        text, _ = read_toml(file, ConfigError, 256 * 1024)
        values = dict(
            validate(
                parse_toml(text, str(file), ConfigError), text, str(file), Config, ConfigError
            ).model_dump()
        )
    env = os.environ
    if env.get("APPRAISE_APPRAISER"):
        values["appraiser"] = env["APPRAISE_APPRAISER"]
    if env.get("APPRAISE_CHECKLIST"):
        values["default_checklist"] = env["APPRAISE_CHECKLIST"]
    if env.get("APPRAISE_CHECKLIST_DIRS"):
        values["checklist_dirs"] = [
            d for d in env["APPRAISE_CHECKLIST_DIRS"].split(os.pathsep) if d
        ]
    try:
        return Config.model_validate(values)
    except ValidationError as exc:
        # The file was valid on its own: what fails now came from the environment.
        raise ConfigError(
            [Problem(describe(e), _ENV_NAMES.get(str(e["loc"][0]))) for e in exc.errors()]
        ) from None


_ENV_NAMES = {
    "appraiser": "APPRAISE_APPRAISER",
    "default_checklist": "APPRAISE_CHECKLIST",
    "checklist_dirs": "APPRAISE_CHECKLIST_DIRS",
}
