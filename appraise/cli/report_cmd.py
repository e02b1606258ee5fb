"""`appraise report show R.toml`: a saved report, readable."""

from __future__ import annotations

import argparse

from appraise.cli.infer_cmd import print_report
from appraise.report.io import load_report


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="appraise report", description="Work with saved reports.")
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = sub.add_parser("show", help="print a report: answers, evidence, notes and score")
    show.add_argument("report", metavar="R.toml")
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.action == "show":
        report = load_report(args.report)
        if report.appraiser:
            print(f"appraiser: {report.appraiser}   updated: {report.updated:%Y-%m-%d %H:%M} UTC")
        print(f"article: {report.article.path}")
        print_report(report)
    return 0
