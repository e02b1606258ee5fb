"""`appraise [ARTICLE]`: until the TUI lands, the headless appraisal of the article."""

from __future__ import annotations

import argparse

from appraise.cli.infer_cmd import build_appraisal, print_report
from appraise.paths import default_seed


def run_tui(options: argparse.Namespace) -> int:
    article = options.article or str(default_seed())
    appraisal = build_appraisal(article, options.checklist, options.appraiser)
    print_report(appraisal.to_report(options.report))
    return 0
