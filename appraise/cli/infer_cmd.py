"""`appraise infer ARTICLE`: suggested answers and their score, without the TUI."""

from __future__ import annotations

import argparse

from appraise.appraisal import Appraisal
from appraise.cli import add_appraiser_option, add_checklist_option
from appraise.cli.common import appraiser_name, clip, pick_checklist, print_json
from appraise.errors import Problem, ReportError
from appraise.extract import analyse
from appraise.infer import suggest_all
from appraise.ingest import open_article
from appraise.report.io import save_report
from appraise.report.model import Report
from appraise.report.view import safe_text


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise infer",
        description="Suggest an answer to every item of a checklist from the article, each with "
        "its evidence and confidence, or a blank with the reason; then score the suggestions.",
    )
    p.add_argument(
        "article",
        metavar="ARTICLE",
        help="the article: a file, `-` for standard input, or a PMID, DOI or URL",
    )
    add_checklist_option(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--report",
        metavar="OUT.toml",
        help="save the suggestions as a report (answers marked `inferred`) to open in the TUI",
    )
    add_appraiser_option(p)
    return p


def build_appraisal(article_path: str, checklist: str | None, appraiser: str | None) -> Appraisal:
    article = open_article(article_path)
    findings = analyse(article)
    loaded = pick_checklist(checklist, findings, article)
    suggestions = suggest_all(loaded.checklist, findings, article)
    return Appraisal.from_suggestions(article, loaded, suggestions, appraiser_name(appraiser))


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    appraisal = build_appraisal(args.article, args.checklist, args.appraiser)
    report = appraisal.to_report(args.report)
    if args.report:
        try:
            save_report(report, args.report)
        except OSError as exc:
            raise ReportError(
                Problem(f"cannot save the report: {exc.strerror or exc}", args.report)
            ) from None
    if args.json:
        print_json(report.model_dump(mode="json"))
    else:
        print_report(report)
        if args.report:
            print(f"\nsaved {args.report}")
    return 0


def print_report(report: Report) -> None:
    """The report as a readable table: one line per item, then its evidence or blank reason."""
    print(safe_text(report.article.title))
    checklist = report.checklist
    print(safe_text(f"checklist: {checklist.title} ({checklist.id} {checklist.version})"))
    print()
    for record in report.items:
        shown = clip(record.shown, 26) if record.shown else "—"
        source = record.source or "blank"
        suggestion = record.suggestion
        confidence = (
            f"{suggestion.confidence:.2f}" if suggestion and record.answer is not None else ""
        )
        print(f"  {clip(record.id, 64):<22} {shown:<26} {source:<9} {confidence:>4}")
        if suggestion:
            why = (
                suggestion.rationale
                if record.answer is not None
                else f"blank: {suggestion.rationale}"
            )
            print(f"  {'':<22} {clip(why, 90)}")
            for evidence in suggestion.evidence[:2]:
                print(f"  {'':<22} \u201c{clip(evidence.quote, 88)}\u201d")
        if record.notes:
            print(f"  {'':<22} notes: {clip(record.notes, 82)}")
        if record.reason:
            print(f"  {'':<22} reason for change: {clip(record.reason, 70)}")
    print()
    print(safe_text(score_line(report)))


def score_line(report: Report) -> str:
    score = report.score
    if score.percent is None:
        return "score: nothing answered yet"
    line = (
        f"score: {score.points:g}/{score.max_points:g} = {score.percent:.0f}%  grade: {score.grade}"
    )
    if score.grade != score.uncapped_grade:
        line += f" (capped from {score.uncapped_grade} by {', '.join(score.critical_failures)})"
    if score.unanswered:
        line += f"  provisional: {len(score.unanswered)} unanswered ({', '.join(score.unanswered)})"
    return line
