"""Load and validate a checklist file, reporting every problem as FILE:LINE:COL."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from appraise.checklist.checks import reference_problems
from appraise.checklist.model import Checklist
from appraise.errors import ChecklistError, Problem
from appraise.tomlload import parse_toml, problem_at, read_toml, sorted_problems, validate
from appraise.tomlpos import key_positions

MAX_CHECKLIST_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadedChecklist:
    checklist: Checklist
    path: Path
    sha256: str
    builtin: bool = False


def load_checklist(path: str | Path, builtin: bool = False) -> LoadedChecklist:
    file = Path(path)
    text, data = read_toml(file, ChecklistError, MAX_CHECKLIST_BYTES)
    return LoadedChecklist(
        checklist_from_text(text, str(file)), file, hashlib.sha256(data).hexdigest(), builtin
    )


def checklist_from_text(text: str, name: str = "<checklist>") -> Checklist:
    data = parse_toml(text, name, ChecklistError)
    checklist = validate(data, text, name, Checklist, ChecklistError)
    found = list(reference_problems(checklist))
    if found:
        positions = key_positions(text)
        problems: list[Problem] = [problem_at(positions, name, loc, msg) for loc, msg in found]
        raise ChecklistError(sorted_problems(problems))
    return checklist
