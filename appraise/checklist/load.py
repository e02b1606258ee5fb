"""Load and validate a checklist file, reporting every problem as FILE:LINE:COL.

A file with `extends` is resolved against its parent first (see `inherit.py`); what is validated,
scored and stored is the resolved checklist, under the extending file's id, version and sha256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from appraise.checklist.checks import reference_problems, warning_problems
from appraise.checklist.inherit import (
    MAX_DEPTH,
    ParentNotFound,
    SourceFile,
    Trace,
    find_parent,
    merge,
)
from appraise.checklist.model import Checklist, Extension
from appraise.checklist.sources import looks_like_path
from appraise.errors import ChecklistError, Problem
from appraise.tomlload import describe, parse_toml, read_toml, validate

MAX_CHECKLIST_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ParentRef:
    """A checklist that another extends."""

    ref: str
    """What `extends` says: an id or a path."""
    id: str
    version: str
    path: Path
    sha256: str


@dataclass(frozen=True, slots=True)
class LoadedChecklist:
    checklist: Checklist
    path: Path
    sha256: str
    """Of this file's bytes (for an extending checklist: of the extending file)."""
    builtin: bool = False
    parents: tuple[ParentRef, ...] = ()
    """The checklists this one extends, nearest first; empty unless it has `extends`."""


@dataclass(frozen=True, slots=True)
class _Resolved:
    checklist: Checklist
    data: dict[str, Any]
    """The resolved TOML data, which an extending child merges onto."""
    trace: Trace
    parents: tuple[ParentRef, ...]


def load_checklist(
    path: str | Path, builtin: bool = False, extra_dirs: list[str] | None = None
) -> LoadedChecklist:
    """Load, resolve and validate a checklist file; `extra_dirs` are searched for a parent id."""
    loaded, _ = _load(Path(path), builtin, extra_dirs)
    return loaded


def load_with_warnings(
    path: str | Path, builtin: bool = False, extra_dirs: list[str] | None = None
) -> tuple[LoadedChecklist, list[Problem]]:
    """Like `load_checklist`, with the warnings about the file itself (not about its parents):
    `FILE:LINE:COL: warning: ...`. Warnings never stop a checklist from loading."""
    loaded, trace = _load(Path(path), builtin, extra_dirs)
    found: list[Problem] = []
    for loc, message in warning_problems(loaded.checklist):
        if trace.lookup(loc)[0] is not trace.top:
            continue
        at = trace.problem(loc, message)
        found.append(Problem(f"warning: {message}", at.path, at.line, at.column))
    return loaded, trace.sort(found)


def checklist_from_text(
    text: str,
    name: str = "<checklist>",
    extra_dirs: list[str] | None = None,
    path: Path | None = None,
) -> Checklist:
    """Validate a checklist's text; `path`, if given, is where a relative `extends` starts."""
    return _resolve(text, name, path, extra_dirs, ()).checklist


def _load(
    file: Path, builtin: bool, extra_dirs: list[str] | None, chain: tuple[Path, ...] = ()
) -> tuple[LoadedChecklist, Trace]:
    text, data = read_toml(file, ChecklistError, MAX_CHECKLIST_BYTES)
    resolved = _resolve(text, str(file), file, extra_dirs, chain)
    sha256 = hashlib.sha256(data).hexdigest()
    loaded = LoadedChecklist(resolved.checklist, file, sha256, builtin, resolved.parents)
    return loaded, resolved.trace


def _resolve(
    text: str,
    name: str,
    file: Path | None,
    extra_dirs: list[str] | None,
    chain: tuple[Path, ...],
) -> _Resolved:
    source = SourceFile(name, text)
    data = parse_toml(text, name, ChecklistError)
    if "extends" not in data:
        trace = Trace(source)
        return _Resolved(_validated(data, trace), data, trace, ())

    child = validate(data, text, name, Extension, ChecklistError)
    here = Trace(source)

    def fail(message: str) -> ChecklistError:
        return ChecklistError(here.problem(("extends",), message))

    try:
        parent_file = find_parent(child.extends, file, extra_dirs)
    except ParentNotFound as exc:
        raise fail(str(exc)) from None
    me = file.resolve() if file is not None else None
    seen = [*chain, *([me] if me is not None else [])]
    if parent_file.resolve() in seen:
        loop = [p.name for p in seen] + [parent_file.name]
        raise fail(f"{child.extends!r} leads back in a cycle: {' → '.join(loop)}")
    if len(seen) >= MAX_DEPTH:
        raise fail(f"more than {MAX_DEPTH} checklists extend each other in a chain")
    try:
        parent_text, parent_bytes = read_toml(parent_file, ChecklistError, MAX_CHECKLIST_BYTES)
        parent = _resolve(parent_text, str(parent_file), parent_file, extra_dirs, tuple(seen))
    except ChecklistError as exc:
        named = "" if looks_like_path(child.extends) else f" ({parent_file})"
        header = here.problem(
            ("extends",),
            f"{child.extends!r}{named} is not a valid checklist: its problems follow",
        )
        raise ChecklistError([header, *exc.problems]) from None
    merged, trace = merge(child, data, source, parent.data, parent.trace, repr(parent.checklist.id))
    parent_ref = ParentRef(
        child.extends,
        parent.checklist.id,
        parent.checklist.version,
        parent_file,
        hashlib.sha256(parent_bytes).hexdigest(),
    )
    return _Resolved(_validated(merged, trace), merged, trace, (parent_ref, *parent.parents))


def _validated(data: dict[str, Any], trace: Trace) -> Checklist:
    """The checklist, or every problem with it, each in the file that wrote the key."""
    try:
        checklist = Checklist.model_validate(data)
    except ValidationError as exc:
        problems = [trace.problem(tuple(e["loc"]), describe(e)) for e in exc.errors()]
        raise ChecklistError(trace.sort(problems)) from None
    found = list(reference_problems(checklist))
    if found:
        raise ChecklistError(trace.sort([trace.problem(loc, message) for loc, message in found]))
    return checklist
