"""`appraise summary R1.toml R2.toml ... -o summary.svg|html|csv`: a traffic-light plot across
articles, as robvis draws risk-of-bias tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from appraise.cli.report_cmd import warn, write_output
from appraise.errors import AppraiseError, Problem

FORMATS = {".svg": "svg", ".html": "html", ".htm": "html", ".csv": "csv"}

EPILOG = """\
Rows are articles (one per report), columns the checklist's sections (domains) or, with
--by item, its items; an `All` column shows the grade. Each judgement is a coloured circle with a
symbol inside: + full points (green), \u2212 partial (amber), \u00d7 no points (red),
\u2013 not applicable and ? unanswered (grey). The grades and percentages are written beside.

The output's suffix picks the format: .svg (the plot), .html (the plot and a table of grades,
one self-contained page), .csv (one row per article in the layout robvis reads:
robvis::rob_traffic_light(read.csv("summary.csv"), tool = "Generic")). Without -o, the SVG goes
to standard output. A folder given instead of a report stands for the reports (*.toml) in it,
such as the --out folder of `appraise batch`.
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise summary",
        description="Draw a traffic-light summary of many reports: rows are articles, columns "
        "domains or items, with the grades.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("reports", metavar="R.toml|DIR", nargs="+", help="reports, or folders of them")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="summary.svg, summary.html or summary.csv (default: SVG to standard output)",
    )
    p.add_argument(
        "--by",
        choices=("section", "item"),
        default="section",
        help="a column per section (domain; the default) or per item",
    )
    p.add_argument(
        "--checklist",
        metavar="ID|PATH",
        help="the checklist the reports were made with (default: the one their id names)",
    )
    return p


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    kind = "svg"
    if args.output and args.output != "-":
        suffix = Path(args.output).suffix.lower()
        if suffix not in FORMATS:
            p.error(f"-o {args.output}: name a .svg, .html or .csv file")
        kind = FORMATS[suffix]

    from appraise.report.locate import checklist_for, load_reports
    from appraise.report.view import view_report

    files = report_files(args.reports)
    saved = load_reports(files)
    loaded, warnings = checklist_for(saved, args.checklist)
    others = sorted({s.report.checklist.id for s in saved} - {loaded.checklist.id})
    if others:
        raise AppraiseError(
            Problem(
                f"a summary needs reports of one checklist: these use {loaded.checklist.id!r} "
                f"and {', '.join(repr(o) for o in others)}; summarise them separately",
                None if len(args.reports) > 1 else args.reports[0],
            )
        )
    warn(warnings)
    views = [view_report(s.report, loaded.checklist) for s in saved]
    if kind == "svg":
        from appraise.report.summary_svg import summary_svg

        text = summary_svg(views, args.by)
    elif kind == "html":
        from appraise.report.summary_html import summary_html

        text = summary_html(views, [str(s.path) for s in saved], args.by)
    else:
        from appraise.report.export_csv import robvis_csv

        text = robvis_csv(views, args.by)
    write_output(text, args.output)
    return 0


def report_files(inputs: list[str]) -> list[Path]:
    """Reports as given, and the `*.toml` files in each folder (name order, hidden ones left)."""
    found: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.toml") if not p.name.startswith("."))
            if not inside:
                raise AppraiseError(Problem("no reports (*.toml) in this folder", given))
            found.extend(inside)
        else:
            found.append(path)
    return found
