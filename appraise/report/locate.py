"""What a saved report points to: its checklist (for questions and points) and its article."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from appraise.checklist.load import LoadedChecklist
from appraise.errors import ChecklistError, Problem, ReportError
from appraise.report.io import load_report
from appraise.report.model import Report


@dataclass(frozen=True, slots=True)
class SavedReport:
    """A report and the file it came from."""

    path: Path
    report: Report

    @property
    def name(self) -> str:
        """Who made it: the appraiser, else the file's stem."""
        return self.report.appraiser or self.path.stem


def load_reports(paths: Sequence[str | Path]) -> list[SavedReport]:
    """Every report, or a ReportError listing every one that cannot be read."""
    loaded: list[SavedReport] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append(SavedReport(Path(path), load_report(path)))
        except ReportError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ReportError(problems)
    return loaded


def checklist_for(
    reports: Sequence[SavedReport], ref: str | None = None
) -> tuple[LoadedChecklist, list[str]]:
    """The checklist to read the reports with, and warnings where a report used another one.

    `ref` (an id or a path, from `--checklist`) wins; otherwise the first report's checklist id is
    looked up among the built-in and user checklists.
    """
    from appraise.checklist.catalog import resolve_checklist
    from appraise.config import load_config

    first = reports[0]
    try:
        loaded = resolve_checklist(ref or first.report.checklist.id, load_config().checklist_dirs)
    except ChecklistError:
        if ref:
            raise
        raise ChecklistError(
            Problem(
                f"the report's checklist {first.report.checklist.id!r} is not installed here: "
                "name its file with --checklist PATH",
                str(first.path),
            )
        ) from None
    return loaded, checklist_warnings(reports, loaded)


def checklist_warnings(reports: Sequence[SavedReport], loaded: LoadedChecklist) -> list[str]:
    checklist = loaded.checklist
    warnings = []
    for saved in reports:
        ref = saved.report.checklist
        if ref.id != checklist.id:
            warnings.append(
                f"{saved.path}: made with checklist {ref.id!r}, read here with {checklist.id!r}"
            )
        elif ref.version != checklist.version:
            warnings.append(
                f"{saved.path}: made with version {ref.version} of {ref.id!r}; "
                f"read here with version {checklist.version}"
            )
        elif ref.sha256 != loaded.sha256:
            warnings.append(
                f"{saved.path}: the checklist {ref.id!r} {ref.version} has been edited since "
                "the report was saved (sha256 differs)"
            )
    return warnings


def article_path(saved: SavedReport) -> Path | None:
    """The article's file, found from the report's folder; None for an article read from stdin."""
    recorded = saved.report.article.path
    if recorded.startswith("<"):
        return None
    path = Path(recorded)
    if not path.is_absolute():
        path = saved.path.resolve().parent / path
    return Path(os.path.normpath(path))


def relative_to_folder(path: Path, folder: Path) -> str:
    """`path` as a report in `folder` records it: relative where possible, with `/`."""
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(path.resolve())
