"""The command line: `appraise ARTICLE` opens the TUI; subcommands run headless.

Subcommand modules are imported only when used, so `appraise extract` starts fast and the headless
path never imports textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from appraise import __version__
from appraise.errors import AppraiseError

# name -> (module, one-line summary)
SUBCOMMANDS = {
    "extract": ("appraise.cli.extract_cmd", "print the facts found in articles, with evidence"),
    "infer": ("appraise.cli.infer_cmd", "suggest answers to a checklist and score them, no TUI"),
    "checklists": ("appraise.cli.checklists_cmd", "list, show and validate checklists"),
    "report": ("appraise.cli.report_cmd", "show, export (md, html, json, csv) and compare reports"),
    "summary": ("appraise.cli.summary_cmd", "traffic lights across many reports: svg, html, csv"),
    "consensus": ("appraise.cli.consensus_cmd", "settle members' disagreements in the TUI"),
    "batch": ("appraise.cli.batch_cmd", "appraise many articles headless, in parallel"),
    "fetch": ("appraise.cli.fetch_cmd", "download an article by PMID, PMCID, DOI or URL"),
}

EPILOG = """\
commands:
{commands}

Run `appraise COMMAND --help` for a command's options.
Exit codes: 0 done, 1 a problem with your input (one line each, FILE:LINE:COL where known),
2 a usage error.
"""

DESCRIPTION = """\
Critical appraisal of clinical studies in the terminal. `appraise ARTICLE` reads the article,
suggests answers to a checklist with the sentences that support them, and opens a checklist you
walk through to confirm or change each answer; the result is a scored report in TOML.
With no ARTICLE it opens the bundled example (a news story about a lupus stem-cell study)."""


def tui_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<11} {summary}" for name, (_, summary) in SUBCOMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="appraise",
        description=DESCRIPTION,
        epilog=EPILOG.format(commands=commands),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "article",
        nargs="?",
        help="the article to appraise: a file (text, Markdown, HTML, PDF, JATS or PubMed XML), "
        "`-` for standard input, or a PMID, DOI or URL",
    )
    add_checklist_option(parser)
    parser.add_argument(
        "--report",
        metavar="OUT.toml",
        help="where to save the report; if it exists, the appraisal resumes from it",
    )
    add_appraiser_option(parser)
    parser.add_argument("--version", action="version", version=f"appraise {__version__}")
    return parser


def add_checklist_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--checklist",
        metavar="ID|PATH",
        help="the checklist to use: a built-in or user id, a TOML file, or `auto` to pick one "
        "from the study's design (default: clinical-study, or default_checklist in your config)",
    )


def add_appraiser_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--appraiser", metavar="NAME", help="your name for the report (default: from your config)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            module = importlib.import_module(SUBCOMMANDS[args[0]][0])
            code: int = module.run(args[1:])
            return code
        options = tui_parser().parse_args(args)
        from appraise.cli.tui_cmd import run_tui

        return run_tui(options)
    except AppraiseError as exc:
        for problem in exc.problems:
            print(f"appraise: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours.
        sys.stderr.close()
        return 0
