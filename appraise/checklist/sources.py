"""Where checklist files are: built-in ones, the user's own, and extra folders, by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from appraise.paths import builtin_checklists_dir, user_checklists_dir


@dataclass(frozen=True, slots=True)
class ChecklistSource:
    id: str
    path: Path
    origin: str
    """`built-in`, `user`, or the extra folder it came from."""


def checklist_sources(extra_dirs: list[str] | None = None) -> list[ChecklistSource]:
    """Every checklist file by id, in the order of precedence: built-in, the user's folder, extra
    folders. Of several files with one id, the last wins."""
    found: list[ChecklistSource] = []
    origins = ["built-in", "user", *(extra_dirs or [])]
    folders = zip(checklist_folders(extra_dirs), origins, strict=True)
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.glob("*.toml")):
            found.append(ChecklistSource(file.stem, file, origin))
    return found


def checklist_folders(extra_dirs: list[str] | None = None) -> list[Path]:
    """The folders checklists are found in, in order of precedence: built-in, the user's, extra."""
    return [
        builtin_checklists_dir(),
        user_checklists_dir(),
        *(Path(d).expanduser() for d in extra_dirs or []),
    ]


def looks_like_path(ref: str) -> bool:
    """Whether a checklist reference names a file rather than an id."""
    return ref.endswith(".toml") or "/" in ref or "\\" in ref or ref.startswith("~")


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
