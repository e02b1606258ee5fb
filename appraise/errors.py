"""Errors that reach the user as one line each, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a user's file, located as precisely as we can."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        # Imported here: the errors module is imported by everything, the report view is not.
        from appraise.report.view import safe_text

        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # A file name or a value quoted from an untrusted file must not reach the terminal as
        # escape codes: control characters are shown, never sent.
        return safe_text(f"{where}: {self.message}")


class AppraiseError(Exception):
    """A problem with the user's input: lines of `FILE:LINE:COL: message`, and exit code 1."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))


class InputError(AppraiseError):
    """An article that cannot be read: empty, binary, too large, undecodable."""


class ChecklistError(AppraiseError):
    """A checklist that is not valid TOML or does not fit the checklist format."""


class ReportError(AppraiseError):
    """A report that is not valid TOML or does not fit the report format."""


class ConfigError(AppraiseError):
    """A user configuration file that is not valid."""
