"""Pieces shared by the subcommands: loading the checklist and article the user named."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appraise.checklist.load import LoadedChecklist


def pick_checklist(ref: str | None) -> LoadedChecklist:
    from appraise.checklist.catalog import resolve_checklist
    from appraise.config import load_config

    config = load_config()
    return resolve_checklist(ref or config.default_checklist, config.checklist_dirs)


def appraiser_name(given: str | None) -> str:
    if given:
        return given
    from appraise.config import load_config

    return load_config().appraiser


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
