"""Checklists that extend others: finding the parent, merging, and tracing every key to its file.

A checklist with `extends = "ID"` says only what differs from its parent (see `Extension` in
`model.py` for the rules). `merge` builds the resolved checklist's TOML data from the parent's
resolved data and the child's changes, and a `Trace` that remembers, for every part of the result,
which file and which key path it was written at: a problem found in the result is then reported at
the child's line when the child wrote the key, and at the parent's (naming the parent file) when it
was inherited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appraise.checklist.model import Extension
from appraise.checklist.sources import (
    checklist_folders,
    checklist_sources,
    looks_like_path,
    same_file,
)
from appraise.errors import ChecklistError, Problem
from appraise.tomlload import problem_at
from appraise.tomlpos import Position, key_positions

Loc = tuple[str | int, ...]

MAX_DEPTH = 8
"""How many checklists may extend each other in a chain: bounded, like every size of a checklist."""

_PLACEMENT = ("after", "before")


class SourceFile:
    """A checklist file's name and text; the positions of its keys are found when first needed."""

    __slots__ = ("_positions", "name", "text")

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self._positions: dict[Loc, Position] | None = None

    def positions(self) -> dict[Loc, Position]:
        if self._positions is None:
            self._positions = key_positions(self.text)
        return self._positions


Target = tuple["SourceFile | Trace", Loc]


class Trace:
    """Where each part of a resolved checklist was written.

    Maps key paths of the resolved data to a key path in a file, or in the parent's trace; a path
    takes the link of its longest linked prefix, so linking `("items", 3)` covers every key of
    that item unless a longer link says otherwise.
    """

    def __init__(self, top: SourceFile) -> None:
        self.top = top
        """The file the user named, whose problems need no note."""
        self.links: dict[Loc, Target] = {(): (top, ())}
        self.changed: dict[Loc, Loc] = {}
        """Entries of the result that the top file changed, and their key paths in it: a problem
        with a key they kept from the parent is the top file's to fix."""

    def link(self, here: Loc, target: SourceFile | Trace, there: Loc) -> None:
        self.links[here] = (target, there)

    def lookup(self, loc: Sequence[str | int]) -> tuple[SourceFile, Loc]:
        parts = tuple(loc)
        for cut in range(len(parts), -1, -1):
            hit = self.links.get(parts[:cut])
            if hit is None:
                continue
            target, there = hit
            where = (*there, *parts[cut:])
            if isinstance(target, SourceFile):
                return target, where
            return target.lookup(where)
        return self.top, parts  # not reached: the root is always linked

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        """A problem at `loc` of the resolved data, located in the file that wrote it."""
        source, where = self.lookup(loc)
        problem = problem_at(source.positions(), source.name, where, message)
        if source is self.top:
            return problem
        parts = tuple(loc)
        for cut in range(len(parts), 0, -1):
            mine = self.changed.get(parts[:cut])
            if mine is not None:
                # An item the top file changed, broken by a key it kept: fix it in the top file.
                origin = f"{source.name}:{problem.line}:{problem.column}"
                return problem_at(
                    self.top.positions(),
                    self.top.name,
                    (*mine, *parts[cut:]),
                    f"{message} (the value inherited from {origin})",
                )
        return Problem(
            f"{problem.message} (inherited by {self.top.name})",
            problem.path,
            problem.line,
            problem.column,
        )

    def sources(self) -> list[SourceFile]:
        """The files this trace reaches, the top one first, then parents nearest first."""
        found: list[SourceFile] = [self.top]
        for target, _ in self.links.values():
            more = target.sources() if isinstance(target, Trace) else [target]
            found.extend(s for s in more if s not in found)
        return found

    def sort(self, problems: list[Problem]) -> list[Problem]:
        """Problems in the top file first, then by file, each by line and column."""
        order = {source.name: rank for rank, source in enumerate(self.sources())}
        return sorted(
            problems,
            key=lambda p: (order.get(p.path or "", len(order)), p.line or 0, p.column or 0),
        )


# -- finding the parent ----------------------------------------------------------------------------


class ParentNotFound(Exception):
    """`extends` names nothing that can be loaded; the message says why."""


def find_parent(ref: str, child: Path | None, extra_dirs: list[str] | None) -> Path:
    """The file `extends = ref` names: a path (relative to the child's folder), or an id found
    as `--checklist ID` finds it. A file that overrides a checklist of its own id extends the one
    it overrides: `extends = "clinical-study"` in the user's `clinical-study.toml` means the
    built-in one."""
    if looks_like_path(ref):
        folder = child.parent if child is not None else Path.cwd()
        path = Path(ref).expanduser()
        if not path.is_absolute():
            path = folder / path
        if not within_reach(path, folder, extra_dirs):
            raise ParentNotFound(
                f"{ref!r} is outside this checklist's folder and your checklist folders: a path "
                "in `extends` may name only a file beside the checklist (or below it) or in a "
                "checklist folder; name a checklist elsewhere by its id, with its folder in "
                "checklist_dirs"
            )
        if not path.is_file():
            raise ParentNotFound(f"no such file: {path}")
        return path
    sources = checklist_sources(extra_dirs)
    matches = [s for s in sources if s.id == ref]
    if child is not None:
        own = [i for i, s in enumerate(matches) if same_file(s.path, child)]
        if own:
            matches = matches[: own[0]]
            if not matches:
                raise ParentNotFound(
                    f"no other checklist with id {ref!r} to extend (a checklist cannot extend "
                    "itself)"
                )
    if not matches:
        known = sorted({s.id for s in sources})
        raise ParentNotFound(
            f"no checklist with id {ref!r}{_did_you_mean(ref, known)} (known: {', '.join(known)})"
        )
    return matches[-1].path


def within_reach(path: Path, folder: Path, extra_dirs: list[str] | None) -> bool:
    """Whether a checklist in `folder` may name `path` in `extends`: a checklist from someone
    else must not make appraise read files elsewhere (an absolute path, `../..`, a link out).
    Allowed: `folder` and below it, and the checklist folders (built-in, the user's, and
    `extra_dirs`), each compared after links are resolved."""
    allowed = [folder, *checklist_folders(extra_dirs)]
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    for base in allowed:
        try:
            if target.is_relative_to(base.expanduser().resolve()):
                return True
        except (OSError, RuntimeError):
            continue
    return False


# -- merging ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """A section or item of the result: its data, where it as a whole comes from, and where the
    keys it kept from an entry it changed come from."""

    data: dict[str, Any]
    base: Target
    kept: dict[str, Target] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    def changed_by(self, fields: dict[str, Any], source: SourceFile, loc: Loc) -> _Entry:
        kept: dict[str, Target] = {}
        for key in self.data:
            if key not in fields:
                kept[key] = self.kept.get(key) or (self.base[0], (*self.base[1], key))
        return _Entry({**self.data, **fields}, (source, loc), kept)


def merge(
    child: Extension,
    child_data: dict[str, Any],
    source: SourceFile,
    parent_data: dict[str, Any],
    parent_trace: Trace,
    parent_name: str,
) -> tuple[dict[str, Any], Trace]:
    """The resolved data of `child` (whose TOML data is `child_data`) over its parent's resolved
    data, and its trace. Problems with the changes themselves (an unknown id to remove, a
    placement that cannot be) are raised here, at the child's lines."""
    trace = Trace(source)
    here = Trace(source)  # locates the child's own keys
    problems: list[Problem] = []

    def problem(loc: Loc, message: str) -> None:
        problems.append(here.problem(loc, message))

    out: dict[str, Any] = {}
    for key in ("id", "title", "version", "description", "applies_to", "grading"):
        if key in child_data:
            out[key] = child_data[key]
            trace.link((key,), source, (key,))
        elif key in parent_data:
            out[key] = parent_data[key]
            trace.link((key,), parent_trace, (key,))

    scales = dict(parent_data.get("scales", {}))
    for scale_id in scales:
        trace.link(("scales", scale_id), parent_trace, ("scales", scale_id))
    for scale_id, scale in child_data.get("scales", {}).items():
        scales[scale_id] = scale
        trace.link(("scales", scale_id), source, ("scales", scale_id))
    out["scales"] = scales
    for key in ("scales", "sections", "items"):
        if key in child_data:
            trace.link((key,), source, (key,))
        else:
            trace.link((key,), parent_trace, (key,))

    sections = [
        _Entry(dict(data), (parent_trace, ("sections", index)))
        for index, data in enumerate(parent_data.get("sections", []))
    ]
    items = [
        _Entry(dict(data), (parent_trace, ("items", index)))
        for index, data in enumerate(parent_data.get("items", []))
    ]

    # 1. Removals.
    for key, ids, entries, noun in (
        ("remove_sections", child.remove_sections, sections, "section"),
        ("remove_items", child.remove_items, items, "item"),
    ):
        for index, thing_id in enumerate(ids):
            if thing_id in ids[:index]:
                problem((key, index), f"{noun} {thing_id!r} is listed twice")
                continue
            at = _index(entries, thing_id)
            if at is None:
                known = [e.id for e in entries]
                problem(
                    (key, index),
                    f"{parent_name} has no {noun} {thing_id!r} to remove"
                    f"{_did_you_mean(thing_id, known)}",
                )
                continue
            del entries[at]

    # 2. Sections, then 3. items, changed or added in file order.
    _duplicates(child.sections, "sections", problem)
    _duplicates(child.items, "items", problem)
    for index, section in enumerate(child.sections):
        loc: Loc = ("sections", index)
        fields = _fields(child_data["sections"][index])
        at = _index(sections, section.id)
        if at is None:
            entry = _Entry(fields, (source, loc))
        else:
            entry = sections.pop(at).changed_by(fields, source, loc)
        placed = _place(sections, entry, section.after, section.before, loc, "section", problem)
        if placed is None:
            sections.insert(len(sections) if at is None else at, entry)

    for index, item in enumerate(child.items):
        loc = ("items", index)
        fields = _fields(child_data["items"][index])
        at = _index(items, item.id)
        old_section = items[at].data.get("section") if at is not None else None
        if at is None:
            entry = _Entry(fields, (source, loc))
        else:
            entry = items.pop(at).changed_by(fields, source, loc)
        section_id = entry.data.get("section")
        placed = _place(items, entry, item.after, item.before, loc, "item", problem)
        if placed is not None:
            continue
        if at is not None and section_id == old_section:
            items.insert(at, entry)
            continue
        last = [i for i, e in enumerate(items) if e.data.get("section") == section_id]
        items.insert(last[-1] + 1 if last else len(items), entry)

    # A removed section must not keep items.
    section_ids = {e.id for e in sections}
    for index, section_id in enumerate(child.remove_sections):
        if section_id in section_ids:
            continue  # removed, then added again
        left = [e.id for e in items if e.data.get("section") == section_id]
        if left:
            problem(
                ("remove_sections", index),
                f"section {section_id!r} still has items: {', '.join(left)} (remove them too, "
                "or move them with `section = ...`)",
            )

    if problems:
        raise ChecklistError(here.sort(problems))

    for key, entries in (("sections", sections), ("items", items)):
        out[key] = [entry.data for entry in entries]
        for index, entry in enumerate(entries):
            trace.link((key, index), *entry.base)
            if entry.kept:
                trace.changed[(key, index)] = entry.base[1]
            for name, (target, there) in entry.kept.items():
                trace.link((key, index, name), target, there)
    return out, trace


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in _PLACEMENT}


def _index(entries: list[_Entry], thing_id: str) -> int | None:
    for index, entry in enumerate(entries):
        if entry.id == thing_id:
            return index
    return None


def _duplicates(changes: Sequence[Any], key: str, problem: Any) -> None:
    seen: dict[str, int] = {}
    for index, change in enumerate(changes):
        if change.id in seen:
            problem(
                (key, index, "id"),
                f"duplicate id {change.id!r} (first used at {key}[{seen[change.id]}])",
            )
        else:
            seen[change.id] = index


def _place(
    entries: list[_Entry],
    entry: _Entry,
    after: str | None,
    before: str | None,
    loc: Loc,
    noun: str,
    problem: Any,
) -> int | None:
    """Insert `entry` after `after` or before `before`; the index, or None when neither is given
    (or the one given cannot be used: then a problem is recorded)."""
    if after is not None and before is not None:
        problem((*loc, "before"), "give after or before, not both")
        return None
    anchor = after if after is not None else before
    if anchor is None:
        return None
    key = "after" if after is not None else "before"
    at = _index(entries, anchor)
    if at is None:
        if anchor == entry.id:
            problem((*loc, key), f"a {noun} cannot be placed {key} itself")
        else:
            known = [e.id for e in entries]
            problem((*loc, key), f"no {noun} {anchor!r}{_did_you_mean(anchor, known)}")
        return None
    if noun == "item":
        theirs, mine = entries[at].data.get("section"), entry.data.get("section")
        if theirs != mine:
            problem(
                (*loc, key),
                f"item {anchor!r} is in section {theirs!r}, not {mine!r}: an item is placed "
                "among the items of its own section",
            )
            return None
    index = at + 1 if key == "after" else at
    entries.insert(index, entry)
    return index


def _did_you_mean(word: str, known: list[str]) -> str:
    import difflib  # only when something is wrong

    close = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
