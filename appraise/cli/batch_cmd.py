"""`appraise batch DIR|FILES...`: appraise many articles headless, in parallel, with progress."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from appraise.cli import add_appraiser_option, add_checklist_option
from appraise.errors import AppraiseError, Problem

EPILOG = """\
Each article is read, analysed and scored against the checklist (the suggestions, answers marked
`inferred`, as `appraise infer --report` saves them), and its report saved in --out under the
article's name (paper.txt -> paper.toml; -2, -3 when names repeat). The folder also gets
summary.csv and summary.jsonl: path, status (ok or error), grade, percent, sample_size, design,
error, report, seconds, in the order the articles were given.

A folder is searched recursively for .txt, .text, .md, .markdown, .html, .htm, .xhtml, .xml and
.pdf files (hidden ones left out); files named one by one are read whatever their name. An
article that cannot be read is reported and skipped; the others go on.

Exit codes: 0 every article appraised, 1 some failed (they are listed), 2 a usage error.
`appraise summary OUT_DIR -o summary.html` draws the traffic lights of the whole batch.
"""

MAX_LISTED = 20


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="appraise batch",
        description="Appraise many articles without the TUI, in parallel: a report per article "
        "and a summary of them all.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", metavar="DIR|FILE", nargs="+", help="folders of articles, or files")
    add_checklist_option(p)
    p.add_argument(
        "--out",
        metavar="DIR",
        default="appraisals",
        help="the folder for the reports and the summary (default: ./appraisals)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=_jobs,
        default=1,
        help="worker processes (default 1; 0 = one per CPU)",
    )
    add_appraiser_option(p)
    return p


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return value


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    from appraise.batch import default_jobs, find_articles, plan, run_batch, write_summary
    from appraise.checklist.auto import AUTO
    from appraise.cli.common import appraiser_name, pick_checklist
    from appraise.config import load_config

    wanted = args.checklist or load_config().default_checklist
    # `auto` picks per article, in the workers; any other checklist is read once, here.
    loaded = None if wanted == AUTO else pick_checklist(wanted)
    appraiser = appraiser_name(args.appraiser)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise AppraiseError(Problem("is a file, not a folder for the reports", args.out))
    articles = find_articles(args.inputs, skip=out)
    if not articles:
        raise AppraiseError(
            Problem(
                "no articles found (looked for .txt, .md, .html, .xml and .pdf files)",
                " ".join(args.inputs),
            )
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AppraiseError(
            Problem(f"cannot make the folder: {exc.strerror or exc}", args.out)
        ) from None
    tasks = plan(articles, out)
    jobs = min(default_jobs() if args.jobs == 0 else args.jobs, len(tasks))
    start = time.perf_counter()
    try:
        with progress(len(tasks)) as advance:
            outcomes = run_batch(tasks, loaded, appraiser, jobs, on_done=lambda o: advance(o.ok))
    except KeyboardInterrupt as interrupt:
        done = getattr(interrupt, "outcomes", [])
        write_summary(done, out)
        print(
            f"appraise: interrupted after {len(done)} of {len(tasks)} articles; "
            f"the summary in {out} lists those",
            file=sys.stderr,
        )
        raise
    elapsed = time.perf_counter() - start
    csv_path, _ = write_summary(outcomes, out)
    failed = sum(1 for o in outcomes if not o.ok)
    rate = len(outcomes) / elapsed if elapsed > 0 else 0.0
    workers = f"{jobs} worker{'s' if jobs != 1 else ''}"
    print(
        f"appraise: {_articles(len(outcomes))} in {elapsed:.1f} s ({rate:.0f}/s, {workers}): "
        f"{len(outcomes) - failed} ok, {failed} failed; reports and summary in {out}",
        file=sys.stderr,
    )
    if not failed:
        return 0
    bad = [o for o in outcomes if not o.ok]
    for outcome in bad[:MAX_LISTED]:
        print(f"appraise: {outcome.path}: {outcome.error}", file=sys.stderr)
    if len(bad) > MAX_LISTED:
        print(f"appraise: ... and {len(bad) - MAX_LISTED} more", file=sys.stderr)
    print(
        f"appraise: {failed} of {len(outcomes)} articles failed: see {csv_path}",
        file=sys.stderr,
    )
    return 1


def _articles(count: int) -> str:
    return f"{count} article{'' if count == 1 else 's'}"


@contextmanager
def progress(total: int) -> Iterator[Callable[[bool], None]]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield lambda ok: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("appraising"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=False,
    )
    failed = 0
    with bar:
        task = bar.add_task("articles", total=total, failed="")

        def advance(ok: bool) -> None:
            nonlocal failed
            failed += 0 if ok else 1
            bar.update(task, advance=1, failed=f"{failed} failed" if failed else "")

        yield advance
