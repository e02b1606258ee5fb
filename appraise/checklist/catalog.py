"""Finding checklists: built-in ones, the user's own, extra folders, or a path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appraise.checklist.load import LoadedChecklist, load_checklist
from appraise.errors import ChecklistError, Problem
from appraise.paths import builtin_checklists_dir, user_checklists_dir


@dataclass(frozen=True, slots=True)
class ChecklistSource:
    id: str
    path: Path
    origin: str
    """`built-in`, `user`, or the extra folder it came from."""


def checklist_sources(extra_dirs: list[str] | None = None) -> list[ChecklistSource]:
    """Every checklist file by id; a user's file of the same id comes after the built-in one."""
    found: list[ChecklistSource] = []
    folders: list[tuple[Path, str]] = [(builtin_checklists_dir(), "built-in")]
    folders.append((user_checklists_dir(), "user"))
    folders.extend((Path(d).expanduser(), d) for d in extra_dirs or [])
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.toml")):
            found.append(ChecklistSource(file.stem, file, origin))
    return found


def resolve_checklist(ref: str, extra_dirs: list[str] | None = None) -> LoadedChecklist:
    """Load a checklist by id (user's before built-in) or by path."""
    path = Path(ref).expanduser()
    if path.suffix == ".toml" or "/" in ref or _is_file(path):
        return load_checklist(path)
    matches = [s for s in checklist_sources(extra_dirs) if s.id == ref]
    if not matches:
        known = sorted({s.id for s in checklist_sources(extra_dirs)})
        raise ChecklistError(
            Problem(f"no checklist with id {ref!r} (known: {', '.join(known)})", "--checklist")
        )
    source = matches[-1]
    return load_checklist(source.path, builtin=source.origin == "built-in")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name too long for the file system: not a path, then
        return False
