"""`appraise report show | export | compare`: saved reports, read, exported and compared."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from appraise.cli.common import print_json
from appraise.cli.infer_cmd import print_report
from appraise.errors import Problem, ReportError
from appraise.report.io import load_report

FORMATS = ("md", "html", "json", "csv")

EXPORT_HELP = """\
Formats:
  md    Markdown for slides and notes: the verdict first (grade, percentage, critical failures,
        unanswered items), then every item with its answer, source, evidence, notes and the
        reason for any change.
  html  one self-contained page (no network, no script) with the score, a traffic-light table
        and the evidence; prints well.
  json  the report's data, as `appraise infer --json` prints it.
  csv   a row in the layout robvis reads (Study, one column per domain, Overall, Weight); see
        `appraise summary` for one row per article. In R:
        robvis::rob_traffic_light(read.csv("r.csv"), tool = "Generic")

Lights and judgements follow the share of an item's points the answer earned: all of them green
(robvis "Low"), some amber ("Some concerns"), none red ("High"); not applicable, unanswered and
unscored items grey. The checklist is found by the id in the report; name it with --checklist
when it is not installed here.
"""

COMPARE_HELP = """\
Choice items are compared by the option chosen, numbers and durations by the band their value
falls in (9 and 12 participants agree when both are "very small"), free text by its words (shown,
not counted). Percent agreement and kappa (Cohen's for two members, Fleiss' for more, with
Cohen's for every pair) count only the items every member answered; the others are listed.

--consensus OUT.toml writes a merged report: answers every member gave, with source
`confirmed`; items they disagree on (or some left blank) with a blank answer and notes that begin
`TO DISCUSS:` and list each member's answer and reason. Settle them, then delete the note (or
use `appraise consensus` in the TUI).
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise report",
        description="Work with saved reports: show them, export them, compare members' reports "
        "of one article.",
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = sub.add_parser("show", help="print a report: answers, evidence, notes and score")
    show.add_argument("report", metavar="R.toml")

    export = sub.add_parser(
        "export",
        help="a report as Markdown, HTML, JSON or CSV (robvis)",
        description="Export a report for slides, notes, a web page or a review team's plots.",
        epilog=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("report", metavar="R.toml")
    export.add_argument("--to", choices=FORMATS, required=True, help="the format")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    _checklist_option(export)
    _by_option(export)

    compare = sub.add_parser(
        "compare",
        help="members' reports of one article side by side, with agreement and kappa",
        description="Compare several members' reports of the same article: the answers side by "
        "side, disagreements first, percent agreement and kappa.",
        epilog=COMPARE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("reports", metavar="R.toml", nargs="+", help="two or more reports")
    compare.add_argument("--json", action="store_true", help="print the comparison as JSON")
    compare.add_argument(
        "--consensus",
        metavar="OUT.toml",
        help="also write the consensus report: agreed answers, disagreements marked to discuss",
    )
    _checklist_option(compare)
    return p


def _checklist_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--checklist",
        metavar="ID|PATH",
        help="the checklist the report was made with (default: the one its id names)",
    )


def _by_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--by",
        choices=("section", "item"),
        default="section",
        help="CSV: a column per section (domain; the default) or per item",
    )


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.action == "show":
        report = load_report(args.report)
        from appraise.report.view import safe_text

        if report.appraiser:
            print(
                safe_text(f"appraiser: {report.appraiser}   updated: ")
                + f"{report.updated:%Y-%m-%d %H:%M} UTC"
            )
        print(safe_text(f"article: {report.article.path}"))
        print_report(report)
        return 0
    if args.action == "export":
        return _export(args)
    if len(args.reports) < 2:
        parser().error("compare needs two or more reports")
    return _compare(args)


def _export(args: argparse.Namespace) -> int:
    from appraise.report.locate import checklist_for, load_reports
    from appraise.report.view import view_report

    saved = load_reports([args.report])
    if args.to == "json":
        write_output(_json_text(saved[0].report.model_dump(mode="json")), args.output)
        return 0
    loaded, warnings = checklist_for(saved, args.checklist)
    warn(warnings)
    view = view_report(saved[0].report, loaded.checklist)
    if args.to == "md":
        from appraise.report.export_md import report_to_markdown

        text = report_to_markdown(view)
    elif args.to == "html":
        from appraise.report.export_html import report_to_html

        text = report_to_html(view)
    else:
        from appraise.report.export_csv import robvis_csv

        text = robvis_csv([view], args.by)
    write_output(text, args.output)
    return 0


def _compare(args: argparse.Namespace) -> int:
    from appraise.report.compare import compare_reports, comparison_json
    from appraise.report.compare_text import comparison_text
    from appraise.report.locate import checklist_for, load_reports

    saved = load_reports(args.reports)
    loaded, checklist_warnings = checklist_for(saved, args.checklist)
    comparison = compare_reports(saved, loaded.checklist)
    warn(comparison.warnings + [w for w in checklist_warnings if w not in comparison.warnings])
    consensus_note = ""
    data = comparison_json(comparison)
    if args.consensus:
        from appraise.report.consensus import build_consensus
        from appraise.report.io import save_report

        consensus = build_consensus(comparison, loaded, args.consensus)
        try:
            save_report(consensus.report, args.consensus)
        except OSError as exc:
            raise ReportError(
                Problem(f"cannot save the consensus: {exc.strerror or exc}", args.consensus)
            ) from None
        discuss = [c.item_id for c in consensus.disagreements]
        agreed = sum(1 for r in consensus.report.items if r.source == "confirmed")
        data["consensus"] = {"path": args.consensus, "agreed": agreed, "to_discuss": discuss}
        consensus_note = (
            f"\nsaved the consensus {args.consensus}: {agreed} agreed, {len(discuss)} to discuss"
            + (" (blank, with notes beginning TO DISCUSS:)" if discuss else "")
        )
    if args.json:
        print_json(data)
    else:
        sys.stdout.write(comparison_text(comparison))
        if consensus_note:
            print(consensus_note)
    return 0


def write_output(text: str, output: str | None) -> None:
    """`text` to the file `output` (atomically), or to standard output."""
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    from appraise.atomic import atomic_write_text

    try:
        atomic_write_text(output, text)
    except OSError as exc:
        raise ReportError(Problem(f"cannot write: {exc.strerror or exc}", output)) from None
    print(f"wrote {Path(output)}", file=sys.stderr)


def warn(warnings: list[str]) -> None:
    from appraise.report.view import safe_text

    for warning in warnings:
        print(f"appraise: warning: {safe_text(warning)}", file=sys.stderr)


def _json_text(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
