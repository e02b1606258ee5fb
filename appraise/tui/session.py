"""The TUI's working session: an Appraisal, where its report goes, and its autosaved draft.

No textual here: the screens call these methods, and the tests call them without a terminal.

Every change is written to a draft at once (an atomic write), so a closed terminal loses at most
the keystroke in flight. The draft sits beside the report (`.OUT.toml.draft`) or, before the
report has a name, in the state folder under the sha256 of the article's path. Saving the report
removes the draft; starting again on the same article and report offers to recover it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from appraise.appraisal import Appraisal
from appraise.atomic import remove_stale_temporaries
from appraise.errors import Problem, ReportError
from appraise.paths import seeds_dir, state_dir
from appraise.report.io import draft_path, load_report, save_report
from appraise.report.model import Report


class Session:
    def __init__(
        self,
        appraisal: Appraisal,
        report_path: str | Path | None = None,
        confirm_threshold: float = 0.8,
    ) -> None:
        self.appraisal = appraisal
        self.report_path: Path | None = Path(report_path) if report_path else None
        self.confirm_threshold = confirm_threshold
        self.warnings: list[str] = []
        """Drift between the report resumed and the article or checklist now."""
        self.saved_revision = appraisal.revision
        self._draft_revision = appraisal.revision
        self.autosave_failed = False
        """Whether the last autosave could not write the draft (so the failure is said once)."""

    @classmethod
    def open(
        cls,
        appraisal: Appraisal,
        report_path: str | Path | None = None,
        confirm_threshold: float = 0.8,
    ) -> Session:
        """A session that resumes from `report_path` when that file exists.

        Raises ReportError (FILE:LINE: message) when the report cannot be read, and when it, or
        the draft beside it, was made from another article than the one opened: resuming never
        puts one article's answers on another, nor overwrites them.
        """
        session = cls(appraisal, report_path, confirm_threshold)
        for written in (session.report_path, session.draft_file):
            if written is not None:
                remove_stale_temporaries(written)  # what a killed save left behind
        if session.report_path is not None and session.report_path.is_file():
            report = load_report(session.report_path)
            session._refuse_another_article(report, session.report_path, "the report")
            session.warnings = appraisal.restore(report)
            session.saved_revision = session._draft_revision = appraisal.revision
        draft = session.pending_draft()
        if session.report_path is not None and draft is not None:
            session._refuse_another_article(draft, session.draft_file, "its unsaved draft")
        return session

    def _refuse_another_article(self, report: Report, file: Path, what: str) -> None:
        """Raise ReportError if `report` (read from `file`) was made from another article: its
        bytes differ and it names another file. An edited article (same file, new bytes) only
        draws a warning, from `Appraisal.restore`."""
        article = self.appraisal.article
        if report.article.sha256 == article.sha256:
            return
        recorded = report.article.path
        if recorded.startswith("<") or article.path is None:
            if recorded == (article.path or "<stdin>"):
                return
            theirs = recorded
        else:
            where = Path(recorded)
            if not where.is_absolute():
                where = file.resolve().parent / where
            theirs = os.path.normpath(where.resolve())
            if theirs == os.path.normpath(Path(article.path).resolve()):
                return
        raise ReportError(
            Problem(
                f"{what} was made from another article ({theirs}): open that article with "
                f"--report {self.report_path}, or choose another --report for "
                f"{article.path or 'this one'}",
                str(self.report_path),
            )
        )

    # -- state ----------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Changes not yet saved to the report (they are in the draft)."""
        return self.appraisal.revision != self.saved_revision

    @property
    def draft_file(self) -> Path:
        if self.report_path is not None:
            return draft_path(self.report_path)
        article = self.appraisal.article
        key = str(Path(article.path).resolve()) if article.path else f"<stdin>{article.sha256}"
        return state_dir() / "drafts" / f"{hashlib.sha256(key.encode()).hexdigest()}.toml"

    def default_save_path(self) -> Path:
        """`<article>.appraisal.toml` beside the article; in the current folder for the bundled
        example (its folder belongs to the program) and for standard input."""
        path = self.appraisal.article.path
        if path is None:
            return Path("article.appraisal.toml")
        article = Path(path)
        target = article.with_name(f"{article.stem}.appraisal.toml")
        if article.resolve().parent == seeds_dir().resolve():
            return Path(target.name)
        return target

    # -- drafts ---------------------------------------------------------------------------------
    def autosave(self) -> bool:
        """Write the draft if the appraisal changed since it was last written; True if written.

        Raises OSError when the draft cannot be written.
        """
        if self.appraisal.revision == self._draft_revision:
            return False
        save_report(self.appraisal.to_report(self.report_path), self.draft_file)
        self._draft_revision = self.appraisal.revision
        return True

    def pending_draft(self) -> Report | None:
        """The draft left by an earlier session that did not save, if there is a readable one."""
        file = self.draft_file
        if not file.is_file():
            return None
        try:
            return load_report(file)
        except ReportError:
            return None

    def recover(self, draft: Report) -> list[str]:
        """Take the draft's answers; they stay unsaved until the report is saved."""
        warnings = self.appraisal.restore(draft)
        self._draft_revision = self.appraisal.revision
        return warnings

    def discard_draft(self) -> None:
        self.draft_file.unlink(missing_ok=True)

    # -- the report -----------------------------------------------------------------------------
    def save(self, path: str | Path | None = None) -> Path:
        """Save the report (atomically) to `path` or the current report path; remove the draft.

        Raises OSError when the report cannot be written.
        """
        target = Path(path) if path is not None else self.report_path
        if target is None:
            raise ValueError("the report has no path yet")
        old_draft = self.draft_file
        save_report(self.appraisal.to_report(target), target)
        self.report_path = target
        self.saved_revision = self._draft_revision = self.appraisal.revision
        old_draft.unlink(missing_ok=True)
        self.draft_file.unlink(missing_ok=True)
        return target
