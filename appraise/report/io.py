"""Reports to and from TOML: atomic saves, located errors on load."""

from __future__ import annotations

from pathlib import Path

import tomli_w

from appraise.atomic import atomic_write_text
from appraise.errors import Problem, ReportError
from appraise.report.model import SCHEMA_VERSION, Report
from appraise.tomlload import parse_toml, read_toml, validate

MAX_REPORT_BYTES = 20 * 1024 * 1024
HEADER = "# appraise report: edit with `appraise ARTICLE --report THIS_FILE`\n"


def report_to_toml(report: Report) -> str:
    # tomli-w refuses None: absent keys mean "no value" in our reports.
    data = report.model_dump(mode="json", exclude_none=True)
    data["created"] = report.created
    data["updated"] = report.updated
    # Multi-line strings read better, but tomli-w writes "\r\n" in them as "\n": a report that
    # holds a carriage return anywhere is written with escaped single-line strings instead.
    multiline = not _has_carriage_return(data)
    return HEADER + tomli_w.dumps(data, multiline_strings=multiline)


def _has_carriage_return(value: object) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False


def save_report(report: Report, path: str | Path) -> None:
    atomic_write_text(path, report_to_toml(report))


def load_report(path: str | Path) -> Report:
    file = Path(path)
    text, _ = read_toml(file, ReportError, MAX_REPORT_BYTES)
    return report_from_text(text, str(file))


def report_from_text(text: str, name: str = "<report>") -> Report:
    data = parse_toml(text, name, ReportError)
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise ReportError(
            Problem(
                f"report format {version} is newer than this appraise understands "
                f"({SCHEMA_VERSION}): upgrade appraise",
                name,
                1,
                1,
            )
        )
    return validate(data, text, name, Report, ReportError)


def draft_path(report_path: str | Path) -> Path:
    """The autosaved draft beside a report: `notes.toml` -> `.notes.toml.draft`."""
    path = Path(report_path)
    return path.with_name(f".{path.name}.draft")
