"""`appraise consensus R1.toml R2.toml ...`: settle the members' disagreements in the TUI.

The core is headless and ready: the reports are compared, the consensus built
(`appraise.report.consensus.build_consensus`: agreed answers `confirmed`, disagreements blank and
marked `TO DISCUSS:`), and turned into an Appraisal the TUI can edit
(`consensus_appraisal`). The screens belong to the TUI, which provides them through this hook:

    # appraise/tui/consensus.py
    def run_consensus(
        appraisal: Appraisal,               # the consensus: agreed answers in, disagreements blank
        disagreements: list[ItemComparison],  # the items to settle, in order, each with every
                                              # member's rating (answer, source, reason, notes)
        report_path: Path,                  # where to save the consensus report
        warnings: list[str],                # drift to show (article or checklist changed)
    ) -> int:                               # the exit code
        ...

It should open the disagreements one by one (each member's answer and reason beside the
evidence), let the club choose or type the answer (`appraisal.set_answer`), clear the
`TO DISCUSS:` note once settled (`appraisal.set_notes`), and save with
`save_report(appraisal.to_report(report_path), report_path)`. Until that module exists, this
command says so and points to `appraise report compare ... --consensus OUT.toml`.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from appraise.cli.report_cmd import warn
from appraise.errors import InputError, Problem
from appraise.report.locate import SavedReport, article_path

if TYPE_CHECKING:
    from appraise.ingest import Article

HOOK = "appraise.tui.consensus"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise consensus",
        description="Settle the disagreements between members' reports of one article, one by "
        "one in the TUI, and save the consensus report.",
        epilog="Without the TUI: `appraise report compare R1.toml R2.toml --consensus OUT.toml` "
        "writes the same consensus report, with the disagreements blank and their notes "
        "beginning `TO DISCUSS:`.",
    )
    p.add_argument("reports", metavar="R.toml", nargs="+", help="two or more reports")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.toml",
        help="where to save the consensus (default: consensus.toml beside the first report)",
    )
    p.add_argument(
        "--checklist",
        metavar="ID|PATH",
        help="the checklist the reports were made with (default: the one their id names)",
    )
    p.add_argument(
        "--article",
        metavar="ARTICLE",
        help="the article the reports were made from (default: the one the first report names, "
        "if it is still the same file: its sha256 is checked)",
    )
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if len(args.reports) < 2:
        p.error("a consensus needs two or more reports")

    from appraise.report.compare import compare_reports
    from appraise.report.consensus import build_consensus
    from appraise.report.locate import checklist_for, load_reports

    saved = load_reports(args.reports)
    loaded, checklist_warnings = checklist_for(saved, args.checklist)
    comparison = compare_reports(saved, loaded.checklist)
    output = Path(args.output) if args.output else saved[0].path.parent / "consensus.toml"
    consensus = build_consensus(comparison, loaded, output)
    warn(comparison.warnings + checklist_warnings)

    if not tui_available():
        print(
            "appraise consensus: settling disagreements in the TUI is not available in this "
            f"version yet ({len(consensus.disagreements)} to settle). Write the consensus report "
            f"with `appraise report compare {' '.join(args.reports)} --consensus {output}`, "
            "then settle the items whose notes begin TO DISCUSS:.",
            file=sys.stderr,
        )
        return 1

    from appraise.report.consensus import consensus_appraisal

    if args.article:
        from appraise.ingest import open_article

        article = open_article(args.article)
    else:
        article = reopen_article(saved[0])
    appraisal, drift = consensus_appraisal(consensus, article, loaded)
    code: int = tui_hook()(appraisal, consensus.disagreements, output, drift)
    return code


def reopen_article(saved: SavedReport) -> Article:
    """The article a report was made from: its file, found from the report's folder, or what
    the report recorded (a URL or an identifier the ingest can fetch again).

    A report comes from another member: the path in it is trusted only as far as its sha256.
    What it names is opened only if it is the very article the report was made from; anything
    else (another file, an edited or moved one) needs `--article`.
    """
    from appraise.ingest import load_article, open_article

    recorded = saved.report.article.path
    if recorded.startswith("<"):
        raise InputError(
            Problem(
                "its article was read from standard input: it cannot be reopened (name it with "
                "--article)",
                str(saved.path),
            )
        )
    where = article_path(saved)
    if where is not None and where.is_file():
        if _sha256(where) != saved.report.article.sha256:
            raise _not_the_article(str(where), saved)
        article = load_article(where)
    elif where is not None and (Path(recorded).is_absolute() or not _is_reference(recorded)):
        raise InputError(
            Problem(
                f"cannot find its article {recorded!r} (looked for {where}): name it with "
                "--article",
                str(saved.path),
            )
        )
    else:
        article = open_article(recorded)  # a URL or an identifier, fetched again
    if article.sha256 != saved.report.article.sha256:
        raise _not_the_article(article.path or recorded, saved)
    return article


def _sha256(path: Path) -> str:
    """The sha256 of a file's bytes (as many as an article may have), read before it is parsed."""
    import hashlib

    from appraise.ingest import max_article_bytes

    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            digest.update(handle.read(max_article_bytes() + 1))
    except OSError:
        return ""
    return digest.hexdigest()


def _not_the_article(where: str, saved: SavedReport) -> InputError:
    return InputError(
        Problem(
            f"{where} is not the article the report was made from (its sha256 differs): name "
            "the article with --article",
            str(saved.path),
        )
    )


def _is_reference(recorded: str) -> bool:
    from appraise.ingest.reference import parse_reference

    return parse_reference(recorded) is not None


def tui_available() -> bool:
    """Whether the TUI provides the consensus screens: looked up on disk, without importing
    the TUI package (nor textual)."""
    package, _, module = HOOK.rpartition(".")
    try:
        spec = importlib.util.find_spec(package)  # imports the parents only
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    return any(
        (Path(folder) / f"{module}.py").is_file() or (Path(folder) / module).is_dir()
        for folder in spec.submodule_search_locations
    )


def tui_hook() -> Callable[..., int]:
    """The TUI's `run_consensus` (imports the TUI, and textual with it)."""
    module = importlib.import_module(HOOK)
    hook: Callable[..., int] = module.run_consensus
    return hook
