"""Finding checklists: built-in ones, the user's own, extra folders, or a path."""

from __future__ import annotations

from pathlib import Path

from appraise.checklist.load import LoadedChecklist, load_checklist
from appraise.checklist.sources import ChecklistSource, checklist_sources
from appraise.errors import ChecklistError, Problem

__all__ = ["ChecklistSource", "checklist_sources", "find_source", "resolve_checklist"]


def find_source(ref: str, extra_dirs: list[str] | None = None) -> ChecklistSource | None:
    """The file that `--checklist ref` names by id: the user's before the built-in one."""
    matches = [s for s in checklist_sources(extra_dirs) if s.id == ref]
    return matches[-1] if matches else None


def resolve_checklist(ref: str, extra_dirs: list[str] | None = None) -> LoadedChecklist:
    """Load a checklist by id (user's before built-in) or by path."""
    path = Path(ref).expanduser()
    if path.suffix == ".toml" or "/" in ref or _is_file(path):
        return load_checklist(path, extra_dirs=extra_dirs)
    source = find_source(ref, extra_dirs)
    if source is None:
        known = sorted({s.id for s in checklist_sources(extra_dirs)})
        raise ChecklistError(
            Problem(f"no checklist with id {ref!r} (known: {', '.join(known)})", "--checklist")
        )
    return load_checklist(source.path, builtin=source.origin == "built-in", extra_dirs=extra_dirs)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name too long for the file system: not a path, then
        return False
