"""Batch throughput: N abstracts (default 1,000, cycled from our corpus) through `appraise batch`'s
engine with 1 and 2 worker processes, printed as articles per second.

Usage: python benchmarks/batch_speed.py [--abstracts N] [--jobs 1 2 ...] [--folder DIR]

Each run is the whole of a batch: starting the workers, reading, analysing, inferring, scoring
and saving every report (atomically, with fsync), then writing summary.csv and summary.jsonl.
The abstracts are written once to a temporary folder (under --folder, default the system's
temporary folder); each run writes its reports to a fresh one. On a disk, the two fsyncs of each
atomic save are a large share of the time and do not parallelise; a tmpfs folder (/dev/shm)
shows the processing alone.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from appraise.batch import find_articles, plan, run_batch, write_summary  # noqa: E402
from appraise.checklist.catalog import resolve_checklist  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def abstracts() -> list[Path]:
    found = sorted(CORPUS.glob("abs_*.txt"))
    if not found:
        sys.exit(f"no abstracts in {CORPUS}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abstracts", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--folder", help="where to make the temporary folder")
    args = parser.parse_args()
    loaded = resolve_checklist("clinical-study")
    sources = abstracts()
    with tempfile.TemporaryDirectory(prefix="appraise-batch-", dir=args.folder) as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for n in range(args.abstracts):
            source = sources[n % len(sources)]
            shutil.copyfile(source, folder / f"{n:05d}_{source.name}")
        articles = find_articles([folder])
        print(
            f"{len(articles)} abstracts cycled from {len(sources)} in "
            f"{CORPUS.relative_to(ROOT)}, written under {tmp}"
        )
        for jobs in args.jobs:
            out = Path(tmp) / f"out-{jobs}"
            tasks = plan(articles, out)
            out.mkdir()
            start = time.perf_counter()
            outcomes = run_batch(tasks, loaded, "benchmark", jobs)
            write_summary(outcomes, out)
            elapsed = time.perf_counter() - start
            failed = sum(1 for o in outcomes if not o.ok)
            print(
                f"  jobs={jobs}: {len(outcomes)} articles in {elapsed:.2f} s = "
                f"{len(outcomes) / elapsed:,.0f} articles/second ({failed} failed)"
            )


if __name__ == "__main__":
    main()
