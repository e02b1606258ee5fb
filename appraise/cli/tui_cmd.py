"""`appraise [ARTICLE]`: the TUI over the appraisal of one article.

The article, checklist and report are read before the screen opens, so a problem with them is one
line on stderr and exit code 1, not a traceback inside the TUI. Textual is imported only here,
after that.
"""

from __future__ import annotations

import argparse
import os
import sys

from appraise.cli.infer_cmd import build_appraisal
from appraise.errors import InputError, Problem
from appraise.paths import default_seed


def run_tui(options: argparse.Namespace) -> int:
    article = options.article or str(default_seed())
    appraisal = build_appraisal(article, options.checklist, options.appraiser)
    if article == "-":
        _keyboard_from_terminal()

    from appraise.config import load_config
    from appraise.tui.app import make_app

    app = make_app(
        appraisal,
        report_path=options.report,
        confirm_threshold=load_config().confirm_threshold,
    )
    app.run()
    return app.return_code or 0


def _keyboard_from_terminal() -> None:
    """After reading the article from a pipe, take the keys from the terminal instead."""
    if sys.stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise InputError(
            Problem(
                "the TUI needs a terminal: save the article to a file, or use `appraise infer -`"
            )
        ) from None
    os.dup2(terminal, sys.stdin.fileno())
    os.close(terminal)
